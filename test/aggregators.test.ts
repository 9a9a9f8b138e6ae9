import { describe, expect, it } from "vitest";
import { aggregators } from "../dsl/aggregators/registry.ts";
import { gap } from "../dsl/aggregators/gap.ts";
import { ladder } from "../dsl/aggregators/ladder.ts";
import { open } from "../dsl/aggregators/open.ts";
import { responseRate } from "../dsl/aggregators/response-rate.ts";
import { spread } from "../dsl/aggregators/spread.ts";
import { threshold } from "../dsl/aggregators/threshold.ts";
import { trend } from "../dsl/aggregators/trend.ts";
import type { GroupStats } from "../dsl/aggregators/stats.ts";
import { bachelorModel, consensusStats, fieldOf, quickscanModel, traptredeModel } from "./fixtures/report-models.ts";

describe("aggregator registry", () => {
  it("lists every built-in aggregator under the name a score line uses", () => {
    expect(Object.keys(aggregators).sort()).toEqual(
      ["gap", "ladder", "open", "response-rate", "spread", "threshold", "trend"].sort(),
    );
    for (const [name, agg] of Object.entries(aggregators)) expect(agg.name).toBe(name);
  });

  it("validates compiled params with each aggregator's schema", () => {
    expect(threshold.schema.safeParse({ on: "niveau", "at-least": 3 }).success).toBe(true);
    expect(threshold.schema.safeParse({ on: "niveau" }).success).toBe(false);
    expect(ladder.schema.safeParse({ on: "trede", target: [4, 5] }).success).toBe(true);
    expect(ladder.schema.safeParse({ on: "trede", target: 4 }).success).toBe(false);
    expect(gap.schema.parse({})).toEqual({ per: "theme", discriminating: "separate" });
    expect(gap.schema.safeParse({ discriminating: "apart" }).success).toBe(false);
    expect(gap.schema.safeParse({ per: "team" }).success).toBe(false);
  });
});

describe("threshold", () => {
  const model = quickscanModel();
  const params = { on: "niveau", "at-least": 3 };

  it("flags the elements below level 3 and names them in the explanation", () => {
    const stats = consensusStats({ missie: 2, uitgangspunten: 4, beleid: 2, procedures: 2, activiteiten: 3, verslaglegging: 2, netwerk: 3, organisatiecultuur: 3 });
    const r = threshold.compute({ current: stats, previous: null }, params, model);
    expect(r.below).toEqual(["missie", "beleid", "procedures", "verslaglegging"]);
    expect(r.allReached).toBe(false);
    expect(r.explanation).toContain("4 van 8 elementen scoren onder niveau 3");
    expect(r.explanation).toContain("Procedures (2)");
  });

  it("gives the verdict that all elements reached the minimum", () => {
    const stats = consensusStats({ missie: 3, uitgangspunten: 4, beleid: 3, procedures: 3, activiteiten: 3, verslaglegging: 3, netwerk: 3, organisatiecultuur: 3 });
    const r = threshold.compute({ current: stats, previous: null }, params, model);
    expect(r.below).toEqual([]);
    expect(r.allReached).toBe(true);
    expect(r.explanation).toContain("Alle 8 elementen scoren op of boven niveau 3");
  });

  it("does not call the minimum reached while an element has no score", () => {
    const stats = consensusStats({ missie: 5 });
    const r = threshold.compute({ current: stats, previous: null }, params, model);
    expect(r.allReached).toBe(false);
    expect(r.unanswered).toHaveLength(7);
  });

  it("scores a reversed item from the other end of the scale, but shows it as answered", () => {
    const m = quickscanModel();
    m.items[0]!.reverse = true;
    const r = threshold.compute({ current: consensusStats({ missie: 4 }), previous: null }, params, m);
    expect(r.items[0]).toMatchObject({ score: 4, scored: 2, reverse: true, below: true });
    expect(r.explanation).toContain("Missie (4, omgekeerd gescoord: telt als 2)");
  });
});

describe("trend", () => {
  const model = quickscanModel();

  it("marks exactly the elements whose score changed since the previous round", () => {
    const before = consensusStats({ missie: 2, uitgangspunten: 4, beleid: 2, procedures: 2, activiteiten: 3, verslaglegging: 2, netwerk: 3, organisatiecultuur: 3 });
    const after = consensusStats({ missie: 3, uitgangspunten: 4, beleid: 3, procedures: 3, activiteiten: 3, verslaglegging: 3, netwerk: 3, organisatiecultuur: 3 });
    const r = trend.compute({ current: after, previous: before }, {}, model);
    expect(r.changed).toEqual(["missie", "beleid", "procedures", "verslaglegging"]);
    expect(r.items.find((i) => i.item === "missie")).toMatchObject({ previous: 2, current: 3, delta: 1, direction: "up" });
    expect(r.themes.find((t) => t.theme === "structuur")).toMatchObject({ previous: 2.25, current: 3, delta: 0.75 });
    expect(r.explanation).toContain("4 van 8 elementen zijn veranderd");
    expect(r.explanation).toContain("Missie 2 → 3");
  });

  it("says there is nothing to compare in a first round", () => {
    const r = trend.compute({ current: consensusStats({ missie: 2 }), previous: null }, {}, model);
    expect(r.hasPrevious).toBe(false);
    expect(r.changed).toEqual([]);
  });
});

describe("gap", () => {
  const model = bachelorModel(3, 2);
  const stats: GroupStats = {
    responses: 4,
    invited: 6,
    texts: [],
    fields: [
      fieldOf("st-1-1", "current", [2, 2, 3, 3]),
      fieldOf("st-1-1", "desired", [4, 4, 4, 4]),
      fieldOf("st-1-2", "current", [3, 3, 3, 3]),
      fieldOf("st-1-2", "desired", [4, 4, 4, 4]),
      fieldOf("st-2-1", "current", [4, 4, 4, 4]),
      fieldOf("st-2-1", "desired", [4, 4, 4, 4]),
      fieldOf("st-2-2", "current", [4, 4, 4, 4]),
      fieldOf("st-2-2", "desired", [5, 5, 5, 5]),
      fieldOf("st-3-1", "current", [1, 1, 1, 1]),
      fieldOf("st-3-1", "desired", [5, 5, 5, 5]),
    ],
  };

  it("ranks themes by desired minus current, largest first", () => {
    const r = gap.compute({ current: stats, previous: null }, { per: "theme", discriminating: "separate" }, model);
    expect(r.themes.map((t) => t.theme)).toEqual(["thema-3", "thema-1", "thema-2"]);
    expect(r.themes[1]).toMatchObject({ current: 2.75, desired: 4, gap: 1.25 });
    expect(r.themes[0]!.items.map((i) => i.item)).toEqual(["st-3-1", "st-3-2"]);
    expect(r.explanation).toContain('Grootste kloof bij thema "Thema 3"');
  });

  it("ranks themes only: a page that is no theme (a closing page) is left out", () => {
    const paged = { ...model, themes: [...model.themes, { id: "slot", title: { nl: "Tot slot" }, items: [], page: true as const }] };
    const r = gap.compute({ current: stats, previous: null }, { per: "theme", discriminating: "separate" }, paged);
    expect(r.themes.map((t) => t.theme)).toEqual(["thema-3", "thema-1", "thema-2"]);
  });

  it("leaves a statement nobody answered without a gap instead of a zero", () => {
    const r = gap.compute({ current: stats, previous: null }, { per: "theme", discriminating: "separate" }, model);
    expect(r.items.find((i) => i.item === "st-3-2")).toMatchObject({ n: 0, current: null, gap: null });
  });

  it("ranks single statements when asked per item", () => {
    const r = gap.compute({ current: stats, previous: null }, { per: "item", discriminating: "separate" }, model);
    expect(r.items[0]!.item).toBe("st-3-1");
    expect(r.items[0]!.gap).toBe(4);
  });
});

describe("ladder", () => {
  it("counts the distribution over the five steps and the share at 4–5", () => {
    const stats: GroupStats = { responses: 10, invited: 10, texts: [], fields: [fieldOf("positie", null, [1, 2, 3, 3, 4, 4, 4, 5, 5, 5])] };
    const r = ladder.compute({ current: stats, previous: null }, { on: "trede", target: [4, 5] }, traptredeModel());
    expect(r.steps.map((s) => s.count)).toEqual([1, 1, 2, 3, 3]);
    expect(r.atTarget).toBe(6);
    expect(r.shareAtTarget).toBeCloseTo(0.6);
    expect(r.explanation).toContain("6 van 10 antwoorden staan op trede 4–5 (60%)");
  });
});

describe("spread", () => {
  it("marks a statement as divided when the team's answers lie far apart", () => {
    const model = bachelorModel(1, 2);
    const stats: GroupStats = {
      responses: 4,
      invited: null,
      texts: [],
      fields: [fieldOf("st-1-1", "current", [1, 1, 5, 5]), fieldOf("st-1-2", "current", [3, 3, 3, 4])],
    };
    const r = spread.compute({ current: stats, previous: null }, {}, model);
    expect(r.divided.map((i) => [i.item, i.side])).toEqual([["st-1-1", "current"]]);
    expect(r.divided[0]).toMatchObject({ sd: 2, min: 1, max: 5 });
  });
});

describe("open and response-rate", () => {
  it("lists the open answers per question, skipping blank ones", () => {
    const stats: GroupStats = { responses: 3, invited: 4, fields: [], texts: [{ item: "nodig", answers: ["Tijd", " ", "Een coach"] }] };
    const r = open.compute({ current: stats, previous: null }, {}, traptredeModel());
    expect(r.questions).toEqual([{ item: "nodig", title: "Nodig", answers: ["Tijd", "Een coach"] }]);
    expect(r.total).toBe(2);
  });

  it("relates responses to invitations", () => {
    const stats: GroupStats = { responses: 3, invited: 4, fields: [], texts: [] };
    const r = responseRate.compute({ current: stats, previous: null }, {}, traptredeModel());
    expect(r.rate).toBe(0.75);
    expect(r.explanation).toBe("3 van 4 uitgenodigden hebben de scan ingevuld (75%).");
  });
});
