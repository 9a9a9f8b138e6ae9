// "n.v.t. / nu geen prioriteit" on the quickscan (the book's teams scored only the elements that
// had priority, L2617-2618): the form, the server's validation, and the level-3 verdict and trend.
import { randomUUID } from "node:crypto";
import { Model } from "survey-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ThresholdResult } from "../dsl/aggregators/threshold.ts";
import type { TrendResult } from "../dsl/aggregators/trend.ts";
import { threshold } from "../dsl/aggregators/threshold.ts";
import { compareItems } from "../dsl/compare.ts";
import { compile, NOT_APPLICABLE, type CompiledScan } from "../dsl/index.ts";
import type { App } from "../server/app.ts";
import { buildValidator } from "../server/respond/answer-validator.ts";
import type { GroupReport, RoundReport } from "../server/reports/round-report.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { adminToken, compileScanFile, createRoundVia, publishAs, send, testApp, validAnswers } from "./support/app.ts";

const scores = { missie: 3, uitgangspunten: 4, beleid: 3, procedures: 3, activiteiten: 3, verslaglegging: 3, netwerk: 3, organisatiecultuur: 3 };

describe("marking an element not applicable", () => {
  let quickscan: CompiledScan;
  beforeAll(async () => {
    quickscan = (await compileScanFile("scans/paraplu-quickscan.scan")).compiled;
  });

  it("gives every rated element a tick box; ticked, the rating is hidden and no longer required", () => {
    const missie = quickscan.model.items.find((i) => i.id === "missie")!;
    expect(missie.fields.map((f) => [f.name, f.type, f.notApplicable ?? false])).toEqual([
      ["missie", "number", false],
      ["missie__nvt", "strings", true],
    ]);
    const form = new Model(quickscan.survey);
    expect(form.jsonErrors ?? []).toEqual([]);
    const rating = form.getQuestionByName("missie")!;
    expect(rating.isVisible).toBe(true);
    form.setValue("missie__nvt", [NOT_APPLICABLE]);
    expect(rating.isVisible).toBe(false);
    form.currentPage = form.getPageByName("visie");
    form.setValue("uitgangspunten", 3);
    expect(form.currentPage.hasErrors(false)).toBe(false);
  });

  it("stores the mark and not the rating; a submit without either is still incomplete", () => {
    const validator = buildValidator(quickscan.model);
    const marked = validator.submission({ ...scores, missie: 2, missie__nvt: [NOT_APPLICABLE] });
    expect(marked.ok ? [] : marked.issues).toEqual([]);
    if (!marked.ok) return;
    expect(marked.data.missie).toBeUndefined();
    const { numItems, textItems, textSides, textValues } = marked.arrays;
    expect(numItems).not.toContain("missie");
    const at = textItems.indexOf("missie");
    expect([textItems.filter((i) => i === "missie").length, textSides[at], textValues[at]]).toEqual([1, null, NOT_APPLICABLE]);
    const { missie: _, ...rest } = scores;
    const missing = validator.submission(rest);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.issues).toContainEqual(expect.objectContaining({ field: "missie", reason: "required" }));
  });

  it("leaves a marked element out of the level-3 verdict instead of counting it as unanswered", () => {
    const field = (item: string, value: number | null, marks = 0) => ({
      item,
      side: null,
      n: value === null ? 0 : 1,
      sum: value ?? 0,
      counts: value === null ? {} : { [value]: 1 },
      ...(marks ? { notApplicable: marks } : {}),
    });
    const fields = Object.entries(scores).map(([item, v]) => (item === "netwerk" ? field(item, null, 1) : field(item, v)));
    const result = threshold.compute({ current: { responses: 1, invited: 1, fields, texts: [] }, previous: null }, { on: "niveau", "at-least": 3 }, quickscan.model);
    expect(result).toMatchObject({ allReached: true, below: [], unanswered: [], notApplicable: ["netwerk"] });
    expect(result.items.find((i) => i.item === "netwerk")).toMatchObject({ score: null, notApplicable: true, notApplicableCount: 1 });
  });

  it("keeps a version without the mark comparable with one that has it", async () => {
    const text = (await compileScanFile("scans/paraplu-quickscan.scan")).text.replace(/\n {2}not-applicable .*\n/, "\n");
    const without = compile({ name: "q", text }).result!;
    expect(without.model.items.find((i) => i.id === "missie")!.fields).toHaveLength(1);
    expect(compareItems(without.model, quickscan.model).every((c) => c.comparable)).toBe(true);
  });
});

const admin = { authorization: `Bearer ${adminToken}` };

describe.each(backends)("the quickscan report with elements marked not applicable, on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let quickscan: CompiledScan;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    quickscan = (await compileScanFile("scans/paraplu-quickscan.scan")).compiled;
  });
  afterAll(async () => {
    await db?.close();
  });

  async function submit(token: string, data: Record<string, unknown>) {
    const res = await send(app, "POST", `/api/respond/${token}/submit`, { responseId: randomUUID(), data });
    expect(res.status).toBe(200);
  }
  async function report(roundId: string): Promise<GroupReport> {
    const res = await app.request(`/api/admin/reports/rounds/${roundId}`, { headers: admin });
    expect(res.status).toBe(200);
    return ((await res.json()) as RoundReport).groups[0]!;
  }
  const resultOf = <T,>(group: GroupReport, name: string) => (group.results!.find((r) => r.name === name) as { result: T }).result;

  it("keeps the verdict and the trend: a marked element is neither below 3 nor a change", async () => {
    const { scanId } = await publishAs(db.sql, quickscan);
    const far = "2099-01-01T00:00:00Z";
    const people = [{ name: "Teamleider", email: "tl@example.org" }];
    const r1 = await createRoundVia(app, { scanId, title: "Voorjaar", group: "Noord", opensAt: "2014-05-09T08:00:00Z", closesAt: far, respondents: people } as never);
    const r2 = await createRoundVia(app, { scanId, title: "Najaar", group: "Noord", opensAt: "2014-10-07T08:00:00Z", closesAt: far, respondents: people } as never);
    await submit(r1.tokens[0]!, { ...validAnswers(quickscan.model), ...scores, netwerk: 2 });
    const { netwerk: _, ...rest } = scores;
    await submit(r2.tokens[0]!, { ...validAnswers(quickscan.model), ...rest, netwerk__nvt: [NOT_APPLICABLE] });

    const first = await report(r1.round.id);
    expect(resultOf<ThresholdResult>(first, "threshold")).toMatchObject({ allReached: false, below: ["netwerk"], notApplicable: [] });

    const second = await report(r2.round.id);
    const verdict = resultOf<ThresholdResult>(second, "threshold");
    expect(verdict).toMatchObject({ allReached: true, below: [], unanswered: [], notApplicable: ["netwerk"] });
    const trend = resultOf<TrendResult>(second, "trend");
    expect(trend.changed).toEqual([]);
    expect(trend.items.find((i) => i.item === "netwerk")).toMatchObject({ notApplicable: true, changed: false, previous: 2, current: null });
    // The theme "Omgevingen" compares organisatiecultuur alone, scored 3 in both rounds.
    expect(trend.themes.find((t) => t.theme === "omgevingen")).toMatchObject({ previous: 3, current: 3, changed: false });
  });
});
