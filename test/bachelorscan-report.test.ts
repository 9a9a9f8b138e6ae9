// The bachelorscan's report on a fixed data set: discriminating statements shown as answered and
// apart from their theme (or counted in it, reversed, when the scan says so), and for every
// statement and theme the share of teachers who want more than there is.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { GapResult } from "../dsl/aggregators/gap.ts";
import type { CompiledScan, ItemModel } from "../dsl/model.ts";
import type { App } from "../server/app.ts";
import type { RoundReport, SeriesReport } from "../server/reports/round-report.ts";
import { adminToken, compileScanFile, createRoundVia, publishAs, send, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

const admin = { authorization: `Bearer ${adminToken}` };
const round2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Teacher t's answers to the k-th statement: current and desired. */
function answer(item: ItemModel, k: number, t: number): { current: number; desired: number } {
  if (item.discriminating) {
    // The old way of working: mostly present now, hardly wanted (means well away from the middle).
    return { current: 4 + ((t + k) % 2), desired: 1 + (t % 3 === 0 ? 1 : 0) };
  }
  const current = 1 + ((t + k) % 4);
  return { current, desired: Math.min(5, current + ((t * (k + 1)) % 3)) };
}

const teachers = 6;

describe.each(backends)("bachelorscan report on a fixed data set on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let bachelor: CompiledScan;
  let pairs: ItemModel[];

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    bachelor = (await compileScanFile("scans/bachelorscan.scan")).compiled;
    pairs = bachelor.model.items.filter((i) => i.kind === "pair");
  });
  afterAll(async () => db?.close());

  async function reportFor(compiled: CompiledScan): Promise<RoundReport> {
    const { scanId } = await publishAs(db.sql, compiled);
    const people = Array.from({ length: teachers }, (_, t) => ({ name: `Docent ${t}`, email: `docent${t}-${randomUUID().slice(0, 6)}@example.org` }));
    const round = await createRoundVia(app, { scanId, respondents: people } as never);
    for (const [t, token] of round.tokens.entries()) {
      const data: Record<string, number | string> = { opmerkingen: `Opmerking van docent ${t}` };
      for (const [k, item] of pairs.entries()) {
        const a = answer(item, k, t);
        data[`${item.id}__current`] = a.current;
        data[`${item.id}__desired`] = a.desired;
      }
      const res = await send(app, "POST", `/api/respond/${token}/submit`, { responseId: randomUUID(), data });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const closed = await app.request(`/api/admin/rounds/${round.round.id}/close`, { method: "POST", headers: admin });
    expect(closed.status).toBe(200);
    const res = await app.request(`/api/admin/reports/rounds/${round.round.id}`, { headers: admin });
    return (await res.json()) as RoundReport;
  }

  const gapOf = (report: RoundReport) => {
    const outcome = report.groups[0]!.results!.find((r) => r.name === "gap")!;
    return (outcome as { result: GapResult }).result;
  };
  const answered = (item: ItemModel, side: "current" | "desired") =>
    Array.from({ length: teachers }, (_, t) => answer(item, pairs.indexOf(item), t)[side]);

  test("shows discriminating statements as answered, marked and apart; theme gaps leave them out", async () => {
    const report = await reportFor(bachelor);
    expect(report.groups[0]!.disclosure.status).toBe("shown");
    const gap = gapOf(report);
    expect(gap.discriminating).toBe("separate");
    const discriminating = pairs.filter((i) => i.discriminating);
    expect(discriminating).toHaveLength(5);
    expect(gap.separate.map((i) => i.item).sort()).toEqual(discriminating.map((i) => i.id).sort());
    for (const item of discriminating) {
      const shown = gap.separate.find((i) => i.item === item.id)!;
      const current = mean(answered(item, "current"));
      const desired = mean(answered(item, "desired"));
      // The mean of what was answered, not the reversed value (6 − mean).
      expect(shown).toMatchObject({ current: round2(current), desired: round2(desired), gap: round2(desired - current), discriminating: true, reverse: true, inTheme: false });
      expect(shown.current).not.toBe(round2(6 - current));
      const wants = answered(item, "desired").filter((d, t) => d > answered(item, "current")[t]!).length;
      expect(shown.wantsMore).toEqual({ n: teachers, more: wants, share: wants / teachers });
    }
    for (const theme of gap.themes) {
      const own = pairs.filter((i) => i.theme === theme.theme && !i.discriminating);
      expect(theme.items.map((i) => i.item).sort()).toEqual(own.map((i) => i.id).sort());
      const current = mean(own.map((i) => mean(answered(i, "current"))));
      const desired = mean(own.map((i) => mean(answered(i, "desired"))));
      expect(theme).toMatchObject({ current: round2(current), desired: round2(desired), gap: round2(desired - current) });
      // Teachers whose desired situation over the theme's statements exceeds the current one.
      const more = Array.from({ length: teachers }, (_, t) => own.reduce((a, i) => a + answer(i, pairs.indexOf(i), t).desired - answer(i, pairs.indexOf(i), t).current, 0)).filter((d) => d > 0).length;
      expect(theme.wantsMore).toEqual({ n: teachers, more, share: more / teachers });
    }
    expect(gap.explanation).toContain("De 5 discriminerende stellingen staan apart");

    // Every question summarised: both sides as answered, the open remarks listed.
    const items = report.groups[0]!.items!;
    const ek4 = items.find((i) => i.item === "ek-4")!;
    expect(ek4).toMatchObject({ type: "pair", discriminating: true, reverse: true });
    if (ek4.type === "pair") expect(ek4.current.mean).toBe(round2(mean(answered(pairs.find((i) => i.id === "ek-4")!, "current"))));
    const remarks = items.find((i) => i.item === "opmerkingen")!;
    expect(remarks.type === "text" && [...remarks.answers].sort()).toEqual(Array.from({ length: teachers }, (_, t) => `Opmerking van docent ${t}`).sort());

    // The series page shows the same, as answered.
    const series = (await (await app.request(`/api/admin/reports/rounds/${report.round.id}/series`, { headers: admin })).json()) as SeriesReport;
    expect(series.rounds[0]!.means["ek-4.current"]).toBe(round2(mean(answered(pairs.find((i) => i.id === "ek-4")!, "current"))));
  }, 120_000);

  test("counts them in their theme, reversed, when the scan says `discriminating in-theme`", async () => {
    const inTheme = structuredClone(bachelor);
    inTheme.model.aggregators = inTheme.model.aggregators.map((a) => (a.name === "gap" ? { ...a, params: { ...a.params, discriminating: "in-theme" } } : a));
    const gap = gapOf(await reportFor(inTheme));
    expect(gap.discriminating).toBe("in-theme");
    expect(gap.separate).toEqual([]);
    for (const theme of gap.themes) {
      const own = pairs.filter((i) => i.theme === theme.theme);
      const scored = (i: ItemModel, side: "current" | "desired") => (i.reverse ? 6 - mean(answered(i, side)) : mean(answered(i, side)));
      expect(theme.items).toHaveLength(own.length);
      expect(theme.current).toBe(round2(mean(own.map((i) => scored(i, "current")))));
      expect(theme.desired).toBe(round2(mean(own.map((i) => scored(i, "desired")))));
      const more = Array.from({ length: teachers }, (_, t) =>
        own.reduce((a, i) => {
          const x = answer(i, pairs.indexOf(i), t);
          return a + (i.reverse ? -1 : 1) * (x.desired - x.current);
        }, 0),
      ).filter((d) => d > 0).length;
      expect(theme.wantsMore?.more).toBe(more);
      // The statements themselves are still shown as answered.
      for (const i of theme.items.filter((x) => x.discriminating)) {
        expect(i.current).toBe(round2(mean(answered(pairs.find((p) => p.id === i.item)!, "current"))));
      }
    }
  }, 120_000);
});
