// What the series page and the round report need from the server: one series with its rounds,
// response rates and due dates, and, when the scan changed between rounds, which items compare.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CompiledScan } from "../dsl/model.ts";
import { sessionAs } from "./support/accounts.ts";
import { miniAnswers, miniScan } from "./fixtures/mini-scan.ts";
import { publishAs, send } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { admin, day, emptyRound, mailSetup, teachersCsv, testClock } from "./support/mail.ts";

const withTrend = (scan: CompiledScan): CompiledScan => ({ ...scan, model: { ...scan.model, aggregators: [{ name: "trend", params: {} }] } });

describe.each(backends)("series page and comparability on %s", (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(async () => db?.close());

  test("a series started without a cadence follows the one the scan file declares", async () => {
    const yearly = { ...miniScan, model: { ...miniScan.model, scan: "jaarlijks", cadence: { min: 12, max: 12, unit: "months" as const } } };
    const { scanId } = await publishAs(db.sql, yearly);
    const clock = testClock(new Date());
    const { app } = mailSetup(db.sql, { clock });
    const round = await emptyRound(app, scanId, clock(), 30, { group: "Jaargroep" });
    const { status, body: created } = await admin(app, "POST", "/api/admin/series", { roundId: round, title: "Jaarlijks" });
    expect(status).toBe(201);
    const { body } = await admin(app, "GET", `/api/admin/series/${created.id}`);
    expect(body.series).toMatchObject({ cadenceMinDays: 365, cadenceMaxDays: 365 });
  });

  test("a series lists its rounds with response rates and due dates; a changed scan says which items compare and leaves the rest out of the trend", async () => {
    const v1 = withTrend(miniScan);
    const { scanId } = await publishAs(db.sql, v1);
    const clock = testClock(new Date(Date.now() - 100 * day));
    const { app, invitations } = mailSetup(db.sql, { clock });
    const first = await emptyRound(app, scanId, clock(), 101, { group: "Reeksgroep" });
    await admin(app, "POST", `/api/admin/rounds/${first}/respondents/import`, { csv: teachersCsv(4, { teams: ["rood", "blauw", "groen", "geel"] }), invite: true });
    await invitations.sendDue();
    const tokens = async (roundId: string) =>
      ((await admin(app, "GET", `/api/admin/mail/outbox?round=${roundId}`)).body.mails as { text: string }[]).map(
        (m) => /\/r\/([A-Za-z0-9_-]{43})/.exec(m.text)![1]!,
      );
    const submit = async (token: string, data: Record<string, unknown>) =>
      expect((await send(app, "POST", `/api/respond/${token}/submit`, { responseId: crypto.randomUUID(), data })).status).toBe(200);
    const firstTokens = await tokens(first);
    for (const token of firstTokens.slice(0, 3)) await submit(token, { ...miniAnswers, missie: 2, "missie-toelichting": "Nog niet besproken" });

    const { body: created } = await admin(app, "POST", "/api/admin/series", { roundId: first, title: "Reeks Academie", cadenceMinDays: 91, cadenceMaxDays: 122 });
    const rounds = (await admin(app, "GET", "/api/admin/rounds")).body.rounds as { id: string; seriesId: string | null }[];
    expect(rounds.find((r) => r.id === first)?.seriesId).toBe(created.id);

    clock.advance(91 * day);
    const before = await admin(app, "GET", `/api/admin/series/${created.id}`);
    expect(before.status).toBe(200);
    expect(before.body.series).toMatchObject({ title: "Reeks Academie", group: "Reeksgroep", cadenceMinDays: 91, cadenceMaxDays: 122, due: true, canOpenNext: true });
    expect(new Date(before.body.series.nextDueAt).getTime() - new Date(before.body.rounds[0].opensAt).getTime()).toBe(91 * day);
    expect(before.body.rounds).toHaveLength(1);
    expect(before.body.rounds[0]).toMatchObject({ id: first, respondents: 4, submitted: 3, responseRate: 0.75, sincePrevious: null, version: 1 });

    // The scan changes: missie is reworded, samen moves to a 1..10 scale, beleid is removed.
    const v2 = structuredClone(v1);
    v2.model.items.find((i) => i.id === "missie")!.title = { nl: "Onze missie" };
    v2.model.scales.push({ id: "tien", min: 1, max: 10, ladder: false, labels: [] });
    const samen = v2.model.items.find((i) => i.id === "samen")!;
    samen.scale = "tien";
    for (const f of samen.fields) if (f.type === "number") f.max = 10;
    v2.model.items = v2.model.items.filter((i) => i.id !== "beleid");
    v2.model.themes[0]!.items = v2.model.themes[0]!.items.filter((i) => i !== "beleid");
    await publishAs(db.sql, v2, scanId);

    const opened = await admin(app, "POST", `/api/admin/series/${created.id}/open-next`);
    expect(opened.status).toBe(201);
    await invitations.sendDue();
    const { beleid: _, ...answersV2 } = miniAnswers;
    for (const token of (await tokens(opened.body.roundId)).slice(0, 2)) await submit(token, { ...answersV2, missie: 3, samen__current: 8 });

    const after = await admin(app, "GET", `/api/admin/series/${created.id}`);
    expect(after.body.series).toMatchObject({ due: false, canOpenNext: true });
    expect(after.body.rounds.map((r: any) => [r.version, r.submitted, r.responseRate])).toEqual([
      [1, 3, 0.75],
      [2, 2, 0.5],
    ]);
    const since = after.body.rounds[1].sincePrevious;
    expect(since).toMatchObject({ fromVersion: 1, toVersion: 2 });
    const byItem = Object.fromEntries(since.items.map((i: any) => [i.item, [i.comparable, i.change, i.title]]));
    expect(byItem.missie).toEqual([true, "wording", "Onze missie"]);
    expect(byItem.samen[0]).toBe(false);
    expect(byItem.samen[1]).toBe("scale");
    expect(byItem.beleid).toEqual([false, "removed", "Beleid"]);

    const report = await admin(app, "GET", `/api/admin/reports/rounds/${opened.body.roundId}`);
    expect(report.body.comparability.previousVersion).toBe(1);
    expect(report.body.comparability.items.find((i: any) => i.item === "samen")).toMatchObject({ comparable: false, change: "scale" });
    const trend = report.body.groups[0].results.find((r: any) => r.name === "trend").result;
    const trendOf = (item: string, side: string | null = null) => trend.items.find((i: any) => i.item === item && (i.side ?? null) === side);
    // Missie (reworded) still compares: 2 → 3. Samen changed its scale: no previous score, no change.
    expect(trendOf("missie")).toMatchObject({ previous: 2, current: 3, changed: true });
    expect(trendOf("samen", "current")).toMatchObject({ previous: null, current: 8, changed: false });

    // The first round has no previous round to compare with.
    expect((await admin(app, "GET", `/api/admin/reports/rounds/${first}`)).body.comparability).toBeNull();
  });

  test("a teamleader sees their own team's series and not another team's", async () => {
    const { scanId } = await publishAs(db.sql, miniScan);
    const { app } = mailSetup(db.sql);
    const own = await emptyRound(app, scanId, new Date(), 21, { group: "Oost" });
    const other = await emptyRound(app, scanId, new Date(), 21, { group: "West" });
    const ownSeries = (await admin(app, "POST", "/api/admin/series", { roundId: own, title: "Oost" })).body.id;
    const otherSeries = (await admin(app, "POST", "/api/admin/series", { roundId: other, title: "West" })).body.id;
    const leader = await sessionAs(app, db.sql, "teamleader", ["Oost"]);
    const get = (id: string) => app.request(`/api/admin/series/${id}`, { headers: leader.headers() });
    expect((await get(ownSeries)).status).toBe(200);
    expect((await get(otherSeries)).status).toBe(404);
    expect((await get(crypto.randomUUID())).status).toBe(404);
  });
});
