import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAccount } from "../server/accounts/service.ts";
import { SeriesService } from "../server/series/service.ts";
import { compareItems } from "../dsl/compare.ts";
import { miniAnswers, miniScan } from "./fixtures/mini-scan.ts";
import { publishAs, send } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { admin, day, emptyRound, mailSetup, teachersCsv, testClock } from "./support/mail.ts";

// The mini-scan is answered by teams together: one link per team.
const fiveTeams = ["rood", "blauw", "groen", "geel", "paars"];

describe.each(backends)("series and actions on %s", (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(async () => db?.close());

  async function submitAll(app: ReturnType<typeof mailSetup>["app"], roundId: string, missie: number) {
    const outbox = (await admin(app, "GET", `/api/admin/mail/outbox?round=${roundId}`)).body.mails as any[];
    for (const mail of outbox) {
      const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1];
      const res = await send(app, "POST", `/api/respond/${token}/submit`, { responseId: crypto.randomUUID(), data: { ...miniAnswers, missie } });
      expect(res.status).toBe(200);
    }
    return outbox.length;
  }

  test("the next round carries over the respondents, the teamleader is told when due, and last round's actions sit beside the new scores", async () => {
    const { scanId } = await publishAs(db.sql, miniScan);
    // Round 1 opened 100 days ago and is still open, so its links work in real time.
    const clock = testClock(new Date(Date.now() - 100 * day));
    const { app, invitations } = mailSetup(db.sql, { clock });
    const series = new SeriesService(db.sql, invitations);
    invitations.passes.push(() => series.runDue());
    const first = await emptyRound(app, scanId, clock(), 101);
    await admin(app, "POST", `/api/admin/rounds/${first}/respondents/import`, { csv: teachersCsv(5, { teams: fiveTeams }), invite: true });
    await invitations.sendDue();
    expect(await submitAll(app, first, 3)).toBe(5);

    const created = await admin(app, "POST", "/api/admin/series", { roundId: first, title: "Quickscan Academie", cadenceMinDays: 91, cadenceMaxDays: 122 });
    expect(created.status).toBe(201);
    const seriesId = created.body.id;
    const action = await admin(app, "POST", `/api/admin/rounds/${first}/actions`, {
      target: { kind: "item", id: "missie" },
      what: "Missie bespreken in het teamoverleg",
      who: "Teamleider",
      dueOn: "2025-06-01",
    });
    expect(action.status).toBe(201);
    const done = await admin(app, "PATCH", `/api/admin/rounds/${first}/actions/${action.body.id}`, { status: "done" });
    expect(done.body.status).toBe("done");

    await createAccount(db.sql, { email: `leider-${seriesId.slice(0, 6)}@example.org`, role: "teamleader", teams: ["Academie"], password: "een-lang-wachtwoord-123" });
    expect(await series.runDue()).toEqual({ opened: 0, notices: 0 });
    clock.advance(91 * day);
    expect(await series.runDue()).toEqual({ opened: 0, notices: 1 });
    expect(await series.runDue()).toEqual({ opened: 0, notices: 0 });
    await invitations.sendDue();
    const notice = (await admin(app, "GET", "/api/admin/mail/outbox")).body.mails.find((m: any) => m.kind === "series-due");
    expect(notice.subject).toBe("Tijd voor een nieuwe ronde: Quickscan Academie");
    expect(notice.text).toContain(`/admin/series/${seriesId}`);

    const opened = await admin(app, "POST", `/api/admin/series/${seriesId}/open-next`);
    expect(opened.status).toBe(201);
    expect(opened.body.respondents).toBe(5);
    const second = opened.body.roundId;
    // Opening again while the new round is the last one and not yet due does nothing new.
    expect(await series.openNext(seriesId, { onlyIfDue: true })).toBeNull();
    await invitations.sendDue();
    expect(await submitAll(app, second, 5)).toBe(5);

    const followUp = await admin(app, "GET", `/api/admin/rounds/${second}/actions/follow-up`);
    expect(followUp.body.previousRound.id).toBe(first);
    expect(followUp.body.actions).toHaveLength(1);
    expect(followUp.body.actions[0]).toMatchObject({ previousScore: 3, currentScore: 5, status: "done" });
    expect(followUp.body.actions[0].summary).toBe("actie afgerond; Missie ging van 3 naar 5");

    const comparability = await admin(app, "GET", `/api/admin/rounds/${second}/comparability`);
    expect(comparability.body.sameVersion).toBe(true);
    expect(comparability.body.items.every((i: any) => i.comparable)).toBe(true);
  });

  test("when the next round's scan version changes an element's scale, its action's summary does not compare the scores", async () => {
    const { scanId } = await publishAs(db.sql, miniScan);
    const clock = testClock(new Date(Date.now() - 100 * day));
    const { app, invitations } = mailSetup(db.sql, { clock });
    const series = new SeriesService(db.sql, invitations);
    const first = await emptyRound(app, scanId, clock(), 101);
    await admin(app, "POST", `/api/admin/rounds/${first}/respondents/import`, { csv: teachersCsv(5, { teams: fiveTeams }), invite: true });
    await invitations.sendDue();
    expect(await submitAll(app, first, 3)).toBe(5);
    const created = await admin(app, "POST", "/api/admin/series", { roundId: first, title: "Quickscan schaal", cadenceMinDays: 91, cadenceMaxDays: 122 });
    expect(created.status).toBe(201);
    const onMissie = await admin(app, "POST", `/api/admin/rounds/${first}/actions`, {
      target: { kind: "item", id: "missie" },
      what: "Missie bespreken",
      who: "Teamleider",
      status: "done",
    });
    const onTheme = await admin(app, "POST", `/api/admin/rounds/${first}/actions`, {
      target: { kind: "theme", id: "visie" },
      what: "Visie uitschrijven",
      who: "Team",
    });
    expect([onMissie.status, onTheme.status]).toEqual([201, 201]);

    // Version 2 asks Missie on a scale of 1 to 10.
    const v2 = structuredClone(miniScan);
    v2.model.scales = [...v2.model.scales, { id: "tien", min: 1, max: 10, ladder: false, labels: [] }];
    const missie = v2.model.items.find((i) => i.id === "missie")!;
    missie.scale = "tien";
    missie.fields = missie.fields.map((f) => ({ ...f, max: 10 }));
    const question = (v2.survey as any).pages[0].elements.find((e: any) => e.name === "missie");
    question.rateMax = 10;
    const published = await publishAs(db.sql, v2, scanId);
    expect(published.version).toBe(2);

    clock.advance(91 * day);
    const opened = await series.openNext(created.body.id);
    const second = opened!.roundId;
    await invitations.sendDue();
    expect(await submitAll(app, second, 8)).toBe(5);

    const followUp = await admin(app, "GET", `/api/admin/rounds/${second}/actions/follow-up`);
    const byTarget = Object.fromEntries(followUp.body.actions.map((a: any) => [a.target.id, a]));
    expect(byTarget.missie).toMatchObject({ previousScore: 3, currentScore: 8, comparable: false });
    expect(byTarget.missie.summary).toBe("actie afgerond; Missie niet vergelijkbaar: schaal gewijzigd");
    expect(byTarget.visie).toMatchObject({ comparable: false });
    expect(byTarget.visie.summary).toBe("gepland; Visie niet vergelijkbaar: schaal gewijzigd");
  });
});

test("changed wording stays comparable; a changed scale or a removed item does not", () => {
  const before = miniScan.model;
  const after = structuredClone(before);
  after.items[0]!.title = { nl: "Onze missie" };
  after.scales = [...after.scales, { id: "tien", min: 1, max: 10, ladder: false, labels: [] }];
  const samen = after.items.find((i) => i.id === "samen")!;
  samen.scale = "tien";
  after.items = after.items.filter((i) => i.id !== "beleid");
  const result = Object.fromEntries(compareItems(before, after).map((c) => [c.item, [c.comparable, c.change]]));
  expect(result.missie).toEqual([true, "wording"]);
  expect(result.samen).toEqual([false, "scale"]);
  expect(result.beleid).toEqual([false, "removed"]);
  expect(result.fase).toEqual([true, "same"]);
});
