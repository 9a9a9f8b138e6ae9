import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.ts";

const text = `scan demo
  title "Demo" en "Demo"
  intro "Welkom." en "Welcome."
  language nl en
  respondent docent
  answered-by each-person
  cadence every 3-4 months
  anonymous yes

scale mate 1..3
  1 "weinig" en "little"
  2 "wat" en "some"
  3 "veel" en "much"

theme t "Thema" en "Theme"
  pair ek-1 "Stelling" en "Statement" on mate
    discriminating
    reverse
  yesno heeft-plan "Is er een plan?" en "Is there a plan?"
    partly
  text toelichting "Waarom niet?" en "Why not?"
    show if heeft-plan = nee
  text meer "Waarom meer?" en "Why more?"
    show if ek-1.desired > 2
  multi hulp "Welke hulp?" en "Which help?"
    option coach "Coach" en "Coach"
    option training "Training" en "Training"
  text over-training "Welke training?" en "Which training?"
    show if hulp contains training

score gap per theme
score spread on mate
`;

describe("compiling a scan", () => {
  const out = compile({ name: "demo.scan", text });

  it("produces a scoring model with every item, its theme, kind, scale, flags and fields", () => {
    expect(out.diagnostics).toEqual([]);
    const model = out.result!.model;
    expect(model).toMatchObject({ scan: "demo", respondent: "docent", anonymous: true, languages: ["nl", "en"] });
    expect(model.items.map((i) => [i.id, i.theme, i.kind, i.scale ?? null])).toEqual([
      ["ek-1", "t", "pair", "mate"],
      ["heeft-plan", "t", "yesno", null],
      ["toelichting", "t", "text", null],
      ["meer", "t", "text", null],
      ["hulp", "t", "multi", null],
      ["over-training", "t", "text", null],
    ]);
    expect(model.items[0]).toMatchObject({ discriminating: true, reverse: true, required: true });
    expect(model.items[0]!.fields).toEqual([
      { name: "ek-1__current", item: "ek-1", side: "current", type: "number", min: 1, max: 3, required: true },
      { name: "ek-1__desired", item: "ek-1", side: "desired", type: "number", min: 1, max: 3, required: true },
    ]);
    expect(model.items[1]!.fields[0]!.values).toEqual(["ja", "nee", "deels"]);
    expect(model.items[2]).toMatchObject({ required: false, showIf: { field: "heeft-plan", op: "=", value: "nee" } });
    expect(model.aggregators).toEqual([
      { name: "gap", params: { per: "theme" } },
      { name: "spread", params: { on: "mate" } },
    ]);
  });

  it("produces SurveyJS JSON whose show-if conditions work in survey-core", () => {
    const form = new Model(out.result!.survey);
    expect(form.jsonErrors ?? []).toEqual([]);
    const visible = (name: string) => form.getQuestionByName(name)!.isVisible;
    expect(visible("toelichting")).toBe(false);
    form.setValue("heeft-plan", "nee");
    expect(visible("toelichting")).toBe(true);
    expect(visible("meer")).toBe(false);
    form.setValue("ek-1__desired", 3);
    expect(visible("meer")).toBe(true);
    expect(visible("over-training")).toBe(false);
    form.setValue("hulp", ["training"]);
    expect(visible("over-training")).toBe(true);
  });

  it("keeps English texts beside the Dutch ones for SurveyJS localisation", () => {
    const form = new Model(out.result!.survey);
    expect(form.getQuestionByName("heeft-plan")!.title).toBe("Is er een plan?");
    form.locale = "en";
    expect(form.getQuestionByName("heeft-plan")!.title).toBe("Is there a plan?");
  });

  it("reads `page` as a page of questions that is no theme, and suggests it for a misspelling", () => {
    const paged = text.replace("score gap per theme", 'page slot "Tot slot" en "Finally"\n  text opmerking "Opmerkingen?" en "Remarks?"\n\nscore gap per theme');
    const result = compile({ name: "paged.scan", text: paged });
    expect(result.diagnostics).toEqual([]);
    const { model, survey } = result.result!;
    expect(model.themes.map((t) => [t.id, t.page ?? false])).toEqual([["t", false], ["slot", true]]);
    expect(model.items.find((i) => i.id === "opmerking")).toMatchObject({ theme: "slot", kind: "text" });
    expect((survey.pages as { name: string }[]).map((p) => p.name)).toEqual(["t", "slot"]);
    const misspelt = compile({ name: "misspelt.scan", text: paged.replace("page slot", "pgae slot") });
    expect(misspelt.diagnostics.map((d) => [d.id, d.args.suggestion])).toEqual([["keyword-unknown", "page"]]);
    expect(misspelt.diagnostics[0]!.message).toContain("pgae");
    // Mistakes in a page are told as the page's, not a theme's.
    const empty = compile({ name: "empty.scan", text: text.replace("score gap per theme", 'page slot "Tot slot" en "Finally"\n\nscore gap per theme') });
    expect(empty.diagnostics.map((d) => d.message)).toEqual(["pagina `slot` heeft geen vragen"]);
    const nameless = compile({ name: "nameless.scan", text: paged.replace('page slot "Tot slot" en "Finally"', "page") });
    expect(nameless.diagnostics.map((d) => d.message).join("\n")).toContain("de naam van de pagina na `page`");
    const untranslated = compile({ name: "untranslated.scan", text: paged.replace('page slot "Tot slot" en "Finally"', 'page slot "Tot slot"') });
    expect(untranslated.diagnostics.map((d) => d.message).join("\n")).toContain("pagina `slot`");
  });

  it("is deterministic", () => {
    expect(JSON.stringify(compile({ name: "demo.scan", text }).result)).toBe(JSON.stringify(out.result));
  });
});
