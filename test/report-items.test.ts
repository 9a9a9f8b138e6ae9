// Every question of every shipped scan comes back in the report, per item kind, against the
// answers that were given: distributions (counts and shares) for ratings, steps, choice, multiple
// choice and yes/no; both sides of a pair with the share wanting more; open answers as a list.
// Teams below the minimum group size show no items; no name reaches the report.
import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ItemSummary } from "../dsl/aggregators/item-summary.ts";
import { answersFor as answersOf, type AnswerData } from "./support/answers.ts";
import type { CompiledScan, ItemModel } from "../dsl/model.ts";
import type { App } from "../server/app.ts";
import type { RoundReport } from "../server/reports/round-report.ts";
import { adminToken, compileScanFile, createRoundVia, publishAs, send, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

const admin = { authorization: `Bearer ${adminToken}` };
type Data = AnswerData;

/** The report's answers: n.v.t. ticked now and then, desired 0-2 above current, plain texts. */
const answersFor = (items: ItemModel[], n: number): Data =>
  answersOf(items, n, { markEvery: 4, desiredShift: (m) => m % 3, text: (m, _k, item) => `Antwoord ${m} op ${item.id}` });

const scanFiles = (await readdir("scans")).filter((f) => f.endsWith(".scan")).sort();

describe.each(backends)("the report of every shipped scan, question by question, on %s", (backend) => {
  let db: TestDb;
  let app: App;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
  });
  afterAll(async () => db?.close());

  test.each(scanFiles)("%s: every question, summarised from what was answered", async (file) => {
    const { compiled } = await compileScanFile(`scans/${file}`);
    const { scanId } = await publishAs(db.sql, compiled as CompiledScan);
    const items = compiled.model.items;
    const individual = compiled.model.answeredBy !== "team";
    const teams = individual ? ([...Array(6).fill("Alfa"), ...Array(5).fill("Bravo"), ...Array(2).fill("Charlie")] as string[]) : ["Alfa", "Bravo", "Charlie"];
    const people = teams.map((team, i) => ({ name: `Persoon${i}Q`, email: `p${i}-${randomUUID().slice(0, 6)}@example.org`, team }));
    const round = await createRoundVia(app, { scanId, group: "Academie", respondents: people } as never);
    const submitted: Data[] = [];
    for (const [i, token] of round.tokens.entries()) {
      const data = answersFor(items, i);
      const res = await send(app, "POST", `/api/respond/${token}/submit`, { responseId: randomUUID(), data });
      expect(res.status, await res.clone().text()).toBe(200);
      submitted.push(data);
    }
    const close = await app.request(`/api/admin/rounds/${round.round.id}/close`, { method: "POST", headers: admin });
    expect(close.status, await close.clone().text()).toBe(200);

    const res = await app.request(`/api/admin/reports/rounds/${round.round.id}`, { headers: admin });
    expect(res.status).toBe(200);
    const report = (await res.json()) as RoundReport;
    expect(JSON.stringify(report)).not.toMatch(/Persoon\d+Q|@example\.org/);
    const all = report.groups.find((g) => g.key === "all")!;
    expect(all.responses).toBe(submitted.length);
    const summaries = all.items as ItemSummary[];
    expect(summaries.map((s) => s.item)).toEqual(items.map((i) => i.id));

    const answersTo = (name: string) => submitted.map((d) => d[name]).filter((v) => v !== undefined);
    const counted = (values: unknown[]) => {
      const counts = new Map<string, number>();
      for (const v of values.flatMap((x) => (Array.isArray(x) ? x : [x]))) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
      return counts;
    };
    const numbers = (item: ItemModel, side: string | null) => {
      const field = item.fields.find((f) => f.type === "number" && (f.side ?? null) === side)!;
      return answersTo(field.name) as number[];
    };
    const checkDistribution = (summary: { n: number; mean: number | null; distribution: { value: string; count: number; share: number }[] }, given: number[]) => {
      expect(summary.n).toBe(given.length);
      const counts = counted(given);
      for (const d of summary.distribution) {
        expect(d.count, d.value).toBe(counts.get(d.value) ?? 0);
        expect(d.share).toBeCloseTo(given.length === 0 ? 0 : (counts.get(d.value) ?? 0) / given.length, 6);
      }
      expect(summary.distribution.reduce((s, d) => s + d.count, 0)).toBe(given.length);
      if (given.length > 0) expect(summary.mean).toBeCloseTo(given.reduce((s, v) => s + v, 0) / given.length, 2);
    };

    for (const item of items) {
      const summary = summaries.find((s) => s.item === item.id)!;
      expect(summary.kind).toBe(item.kind);
      switch (summary.type) {
        case "scale":
          checkDistribution(summary.answers, numbers(item, null));
          break;
        case "pair": {
          const current = numbers(item, "current");
          const desired = numbers(item, "desired");
          checkDistribution(summary.current, current);
          checkDistribution(summary.desired, desired);
          const [c, w] = (["current", "desired"] as const).map((side) => item.fields.find((f) => f.side === side)!.name) as [string, string];
          const both = submitted.filter((d) => typeof d[c] === "number" && typeof d[w] === "number");
          const more = both.filter((d) => (d[w] as number) > (d[c] as number)).length;
          expect(summary.wantsMore).toMatchObject({ n: both.length, more, share: more / both.length });
          break;
        }
        case "options": {
          const given = answersTo(item.fields[0]!.name);
          expect(summary.n).toBe(given.length);
          const counts = counted(given);
          expect(summary.distribution.map((d) => d.value).sort()).toEqual([...(item.options?.map((o) => o.value) ?? item.fields[0]!.values!)].sort());
          for (const d of summary.distribution) {
            expect(d.count, `${item.id}=${d.value}`).toBe(counts.get(d.value) ?? 0);
            expect(d.share).toBeCloseTo((counts.get(d.value) ?? 0) / given.length, 6);
            expect(d.label).not.toBe("");
          }
          break;
        }
        case "text":
          expect([...summary.answers].sort()).toEqual((answersTo(item.fields[0]!.name) as string[]).sort());
          break;
      }
    }
    // Items that offer "not applicable" count the ratings only; the ticks are not a score.
    const marked = items.filter((i) => i.fields.some((f) => f.notApplicable));
    let ticks = 0;
    for (const item of marked) {
      const nvt = submitted.filter((d) => Array.isArray(d[item.fields.find((f) => f.notApplicable)!.name])).length;
      ticks += nvt;
      const rated = item.fields.find((f) => f.type === "number")!.name;
      expect(submitted.filter((d) => d[rated] !== undefined).length + nvt).toBe(submitted.length);
    }
    if (marked.length > 0) expect(ticks).toBeGreaterThan(0);

    // Individuals: Alfa (6) is shown; Bravo (5) would reveal Charlie (2) by subtraction, so both show no items.
    for (const g of report.groups.filter((g) => g.key !== "all")) {
      const shown = !individual || g.team === "Alfa";
      expect(g.items === null, g.key).toBe(!shown);
    }
  }, 120_000);
});
