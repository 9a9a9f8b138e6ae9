import { describe, expect, it } from "vitest";
import { compareItems, compareVersions } from "../../dsl/compare.ts";
import { compile } from "../../dsl/index.ts";
import type { ScoringModel } from "../../dsl/model.ts";

const v1 = `scan vergelijk
  title "Vergelijk"
  answered-by team-together

scale niveau 1..5
  1 "laag"
  5 "hoog"
scale drie 1..3
  1 "weinig"
  2 "wat"
  3 "veel"

theme t "Thema"
  rate missie "Missie" on niveau
  rate samen "Samen" on drie
  pair visie "Visie" on niveau
  choice rol "Rol"
    option docent "Docent"
    option student "Student"
  yesno plan "Is er een plan?"
  text waarom "Waarom?"
`;

function model(text: string): ScoringModel {
  const out = compile({ name: "vergelijk.scan", text });
  expect(out.diagnostics).toEqual([]);
  return out.result!.model;
}

/** The comparison of one item between v1 and v1 with `edit` applied. */
function itemAfter(item: string, edit: (text: string) => string) {
  const after = edit(v1);
  expect(after).not.toBe(v1);
  return compareItems(model(v1), model(after)).find((c) => c.item === item);
}

describe("comparing two versions of a scan item by item", () => {
  it("finds every item the same when nothing changed", () => {
    expect(compareItems(model(v1), model(v1))).toEqual(
      ["missie", "samen", "visie", "rol", "plan", "waarom"].map((item) => ({ item, comparable: true, change: "same" })),
    );
  });

  it("keeps a reworded item comparable", () => {
    expect(itemAfter("missie", (t) => t.replace('"Missie"', '"Onze missie"'))).toEqual({ item: "missie", comparable: true, change: "wording" });
  });

  it("does not compare an item of another kind", () => {
    expect(itemAfter("missie", (t) => t.replace("rate missie", "pair missie"))).toEqual({
      item: "missie",
      comparable: false,
      change: "kind",
      reason: "soort vraag veranderd van rate naar pair",
    });
  });

  it("does not compare an item on a scale with other points", () => {
    expect(itemAfter("visie", (t) => t.replace("scale niveau 1..5", "scale niveau 1..7").replace('5 "hoog"', '7 "hoog"'))).toEqual({
      item: "visie",
      comparable: false,
      change: "scale",
      reason: "schaal veranderd van 1–5 naar 1–7",
    });
  });

  it("does not compare an item whose scale became a ladder, or stopped being one", () => {
    const toLadder = (t: string) => t.replace("scale drie 1..3", "scale drie 1..3 ladder");
    expect(itemAfter("samen", toLadder)).toEqual({
      item: "samen",
      comparable: false,
      change: "scale",
      reason: "schaal is nu een ladder met een tekst per stap",
    });
    const back = compareItems(model(toLadder(v1)), model(v1)).find((c) => c.item === "samen");
    expect(back).toEqual({ item: "samen", comparable: false, change: "scale", reason: "schaal is geen ladder meer" });
  });

  it("does not compare an item that is now scored in reverse", () => {
    expect(itemAfter("missie", (t) => t.replace('"Missie" on niveau', '"Missie" on niveau\n    reverse'))).toEqual({
      item: "missie",
      comparable: false,
      change: "reverse",
      reason: "telt nu omgekeerd",
    });
  });

  it("does not compare an item with other answer options", () => {
    const option = itemAfter("rol", (t) => t.replace('option student "Student"', 'option student "Student"\n    option ouder "Ouder"'));
    expect(option).toEqual({ item: "rol", comparable: false, change: "options", reason: "andere antwoordmogelijkheden" });
    const partly = itemAfter("plan", (t) => t.replace('"Is er een plan?"', '"Is er een plan?"\n    partly'));
    expect(partly).toEqual({ item: "plan", comparable: false, change: "options", reason: "andere antwoordmogelijkheden" });
  });

  it("keeps an item comparable when only the order of its options changed", () => {
    const reordered = itemAfter("rol", (t) =>
      t.replace('option docent "Docent"\n    option student "Student"', 'option student "Student"\n    option docent "Docent"'),
    );
    expect(reordered).toEqual({ item: "rol", comparable: true, change: "same" });
  });

  it("lists a removed item after the items of the new version, and marks a new item as added", () => {
    const after = model(v1.replace('  text waarom "Waarom?"\n', '  text toelichting "Toelichting?"\n'));
    const result = compareItems(model(v1), after);
    expect(result.map((c) => c.item)).toEqual(["missie", "samen", "visie", "rol", "plan", "toelichting", "waarom"]);
    expect(result.at(-2)).toEqual({ item: "toelichting", comparable: false, change: "added", reason: "nieuw in deze versie" });
    expect(result.at(-1)).toEqual({ item: "waarom", comparable: false, change: "removed", reason: "niet meer in deze versie" });
  });
});

describe("the editor's summary of a new version", () => {
  const after = model(
    v1
      .replace('"Missie"', '"Onze missie"')
      .replace("rate samen", "pair samen")
      .replace('"Is er een plan?"', '"Is er een plan?"\n    partly')
      .replace('  text waarom "Waarom?"\n', '  text toelichting "Toelichting?"\n'),
  );

  it("says the same as the items' comparison: reworded, redefined with its reason, added, removed", () => {
    const summary = compareVersions(model(v1), after);
    expect(summary).toEqual({
      comparability: "partly-comparable",
      changes: [
        { item: "missie", change: "reworded", from: "Missie", to: "Onze missie" },
        { item: "samen", change: "redefined", reason: "soort vraag veranderd van rate naar pair" },
        { item: "plan", change: "redefined", reason: "andere antwoordmogelijkheden" },
        { item: "toelichting", change: "added" },
        { item: "waarom", change: "removed" },
      ],
      comparableItems: 3,
      scanChanges: [],
    });
    const comparable = compareItems(model(v1), after).filter((c) => c.comparable);
    expect(comparable.map((c) => c.item)).toEqual(["missie", "visie", "rol"]);
  });

  it("calls a version comparable when items were only added or reworded, and not comparable when none compare", () => {
    expect(compareVersions(model(v1), model(v1.replace('"Visie"', '"Onze visie"'))).comparability).toBe("comparable");
    const none = model(v1.replace(/^theme t "Thema"\n[\s\S]*$/m, 'theme t "Thema"\n  text anders "Anders?"\n'));
    expect(compareVersions(model(v1), none)).toMatchObject({ comparability: "not-comparable", comparableItems: 0 });
  });

  it("names changes to the scan itself in Dutch", () => {
    const after = model(v1.replace('title "Vergelijk"', 'title "Vergelijking"\n  anonymous yes').replace("theme t", "score spread on niveau\n\ntheme t"));
    expect(compareVersions(model(v1), after).scanChanges).toEqual(["titel “Vergelijk” → “Vergelijking”", "nu anoniem", "score-regels veranderd"]);
  });
});
