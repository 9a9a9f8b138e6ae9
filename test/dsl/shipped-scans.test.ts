import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { compile, type CompiledScan } from "../../dsl/index.ts";

const dir = join(import.meta.dirname, "../../scans");
const files = readdirSync(dir).filter((f) => f.endsWith(".scan"));

function compiled(file: string): CompiledScan {
  const out = compile({ name: `scans/${file}`, text: readFileSync(join(dir, file), "utf8") });
  expect(out.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return out.result!;
}

describe("the shipped scans", () => {
  it("are the four scans of the book", () => {
    expect(files.sort()).toEqual([
      "bachelorscan.scan",
      "paraplu-quickscan.scan",
      "traptrede.scan",
      "wijkteam-clientvragen.scan",
    ]);
  });

  it.each(files)("%s compiles without errors and loads in SurveyJS without JSON errors", (file) => {
    const { survey, model } = compiled(file);
    const form = new Model(survey);
    expect(form.jsonErrors ?? []).toEqual([]);
    const names = form.getAllQuestions().map((q) => q.name).sort();
    expect(names).toEqual(model.items.flatMap((i) => i.fields.map((f) => f.name)).sort());
  });

  it("paraplu quickscan: 8 elements rated 1-5 in 3 categories, minimum level 3, every 3-4 months", () => {
    const { model } = compiled("paraplu-quickscan.scan");
    const rated = model.items.filter((i) => i.kind === "rate");
    expect(rated.map((i) => i.title.nl)).toEqual([
      "Missie",
      "Uitgangspunten",
      "Beleid",
      "Procedures",
      "Activiteiten",
      "Verslaglegging",
      "Netwerk van voorzieningen",
      "Organisatiecultuur",
    ]);
    expect(model.themes.map((t) => t.title.nl)).toEqual(["Visie", "Structuur", "Omgevingen"]);
    const scale = model.scales.find((s) => s.id === rated[0]!.scale)!;
    expect([scale.min, scale.max]).toEqual([1, 5]);
    expect(scale.labels.map((l) => l.value)).toEqual([1, 5]);
    expect(model.aggregators).toContainEqual({ name: "threshold", params: { on: scale.id, "at-least": 3 } });
    expect(model.cadence).toEqual({ min: 3, max: 4, unit: "months" });
    expect(model.answeredBy).toBe("team");
    expect(rated.every((i) => (i.help?.nl.length ?? 0) > 20)).toBe(true);
    // Every element may be marked "n.v.t. / nu geen prioriteit" instead of scored (L2617-2618).
    expect(scale.notApplicable?.nl).toBe("n.v.t. / nu geen prioriteit");
    expect(rated.every((i) => i.fields.some((f) => f.notApplicable))).toBe(true);
  });

  it("bachelorscan: 8 themes, 45 current/desired statements, 5 discriminating, gap per theme, remarks on a closing page", () => {
    const { model, survey } = compiled("bachelorscan.scan");
    const themes = model.themes.filter((t) => !t.page);
    expect(themes.every((t) => t.items.every((id) => model.items.find((i) => i.id === id)?.kind === "pair"))).toBe(true);
    expect(themes.map((t) => t.title.nl)).toEqual([
      "Uitgaan van en versterken van eigen kracht en zelfregie",
      "Signalerend vermogen en proactief handelen",
      "Integraal en interdisciplinair werken",
      "Spin in het web: verbindend",
      "Wetgeving en juridische aspecten Social Work",
      "Onderzoekende houding",
      "Resultaatgericht en kostenbewust",
      "Zichtbaar: innovatief en ondernemend",
    ]);
    const pairs = model.items.filter((i) => i.kind === "pair");
    expect(pairs).toHaveLength(45);
    expect(pairs.every((p) => p.fields.map((f) => f.side).join() === "current,desired")).toBe(true);
    expect(pairs.filter((p) => p.discriminating)).toHaveLength(5);
    expect(model.aggregators).toContainEqual({ name: "gap", params: { per: "theme", discriminating: "separate" } });
    expect(model.notes.some((n) => /reconstructie|gereconstrueerd/i.test(n.nl))).toBe(true);
    // One pair renders as one panel holding the two ratings side by side.
    const first = (survey.pages as { elements: { type: string; elements: unknown[] }[] }[])[0]!.elements[0]!;
    expect(first.type).toBe("panel");
    expect(first.elements).toHaveLength(2);
    // The general remarks are the only question on the last page, after theme 8: a page that is
    // no theme (not counted in the progress line, not ranked by gap).
    const pages = survey.pages as { name: string; title: unknown; elements: { name: string }[] }[];
    expect(pages).toHaveLength(9);
    expect(pages[8]!.elements.map((e) => e.name)).toEqual(["opmerkingen"]);
    expect(model.themes.filter((t) => t.page).map((t) => t.id)).toEqual([pages[8]!.name]);
    expect(model.items.find((i) => i.id === "opmerkingen")).toMatchObject({ kind: "text", required: false });
  });

  it("bachelorscan: says how its desired side answers the book's question whether a theme should come back more", () => {
    const { model } = compiled("bachelorscan.scan");
    expect(model.intro?.nl).toMatch(/meer/);
    expect(model.notes.some((n) => /méér terugkomt/.test(n.nl) && /hoger scoort dan bij huidig/.test(n.nl))).toBe(true);
  });

  it.each(files)("%s names the book by its file in ../shared/seeds/, never by an absolute path", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    expect(text).toContain("001_f96af4f373106f4d.txt in");
    expect(text).toContain("../shared/seeds/");
    expect(text).not.toMatch(/\/work\/|\/home\/|[A-Z]:\\/);
  });

  it("who answers: the quickscan is one response per team, the others one per person", () => {
    const answeredBy = Object.fromEntries(files.map((f) => [f, compiled(f).model.answeredBy]));
    expect(answeredBy).toEqual({
      "bachelorscan.scan": "individual",
      "paraplu-quickscan.scan": "team",
      "traptrede.scan": "individual",
      "wijkteam-clientvragen.scan": "individual",
    });
  });

  it("traptrede: a five-step ladder from 'ik wil niet' to 'yes ik ben SNV' with target 4 or 5", () => {
    const { model } = compiled("traptrede.scan");
    const steps = model.items.filter((i) => i.kind === "step");
    expect(steps).toHaveLength(1);
    const ladder = model.scales.find((s) => s.id === steps[0]!.scale)!;
    expect(ladder.ladder).toBe(true);
    expect(ladder.labels).toHaveLength(5);
    expect(ladder.labels[0]!.text.nl.toLowerCase()).toContain("ik wil niet");
    // As printed in the book (L1758), without a comma.
    expect(ladder.labels[4]!.text.nl).toBe("Yes ik ben SNV");
    expect(model.aggregators).toContainEqual({ name: "ladder", params: { on: ladder.id, target: [4, 5] } });
    expect(model.items.some((i) => i.kind === "text")).toBe(true);
  });

  it("wijkteam client questions: four open questions, anonymous by default", () => {
    const { model } = compiled("wijkteam-clientvragen.scan");
    expect(model.items.map((i) => i.kind)).toEqual(["text", "text", "text", "text"]);
    expect(model.items[0]!.title.nl).toBe("Voor welke zorg, steun of hulp heeft u contact met ons (het wijkteam) gehad?");
    expect(model.anonymous).toBe(true);
    expect(model.respondent).toBe("inwoner");
  });
});
