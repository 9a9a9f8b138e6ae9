// Removing a respondent from a round (DELETE /api/admin/rounds/:id/respondents/:respondentId):
// their link, their response, their unsent mails, and what reports and response rates count.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import { miniAnswers, individualMiniScan } from "./fixtures/mini-scan.ts";
import { sessionAs } from "./support/accounts.ts";
import { publishAs, send } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { admin, emptyRound, mailSetup } from "./support/mail.ts";

const people = ["anna", "bram", "cor"].map((n) => ({ name: n, email: `${n}@example.org`, team: "rood" }));

/** The personal links from the invitations in the outbox, by e-mail address. */
async function linksFromOutbox(app: App, roundId: string): Promise<Record<string, string>> {
  const { body } = await admin<{ mails: { to: string; text: string }[] }>(app, "GET", `/api/admin/mail/outbox?round=${roundId}`);
  return Object.fromEntries(body.mails.map((m) => [m.to, /\/r\/([A-Za-z0-9_-]{43})/.exec(m.text)![1]!]));
}

const remove = (app: App, roundId: string, respondentId: string) =>
  admin(app, "DELETE", `/api/admin/rounds/${roundId}/respondents/${respondentId}`);

describe.each(backends)("removing a respondent on %s", (backend) => {
  let db: TestDb;
  let scanId: string;

  beforeAll(async () => {
    db = await openTestDb(backend);
    ({ scanId } = await publishAs(db.sql, individualMiniScan));
  });
  afterAll(async () => db?.close());

  /** A round with anna, bram and cor invited (mails in the outbox); their ids and links. */
  async function invitedRound(extra: Record<string, unknown> = {}) {
    const setup = mailSetup(db.sql);
    const roundId = await emptyRound(setup.app, scanId, setup.clock(), 42, extra);
    const { body } = await admin<{ added: { id: string; email: string }[] }>(setup.app, "POST", `/api/admin/rounds/${roundId}/respondents`, {
      respondents: people,
      invite: true,
    });
    expect((await setup.invitations.sendDue()).outbox).toBe(3);
    const links = await linksFromOutbox(setup.app, roundId);
    const ids = Object.fromEntries(body.added.map((p) => [p.email.split("@")[0]!, p.id]));
    const token = Object.fromEntries(Object.entries(links).map(([email, t]) => [email.split("@")[0]!, t]));
    return { ...setup, roundId, ids, token };
  }

  const report = async (app: App, roundId: string) => {
    const res = await admin(app, "GET", `/api/admin/reports/rounds/${roundId}`);
    expect(res.status).toBe(200);
    const total = res.body.groups.find((g: any) => g.key === "all");
    return { responses: total.responses as number, invited: total.invited as number | null };
  };
  const tallied = async (roundId: string) =>
    (await db.sql<{ n: number }[]>`select coalesce(sum(count), 0)::int as n from answer_tallies where round_id = ${roundId}`)[0]!.n;

  test("deletes the respondent with their submitted response: the report, the tallies and the response rate drop, the link answers 404", async () => {
    const { app, roundId, ids, token } = await invitedRound();
    expect((await send(app, "POST", `/api/respond/${token.anna}/submit`, { responseId: crypto.randomUUID(), data: miniAnswers })).status).toBe(200);
    expect(await report(app, roundId)).toEqual({ responses: 1, invited: 3 });
    // The report folded anna's numeric answers into the tallies.
    expect(await tallied(roundId)).toBeGreaterThan(0);

    const res = await remove(app, roundId, ids.anna!);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      removed: true,
      responseDeleted: true,
      deletedResponse: "submitted",
      droppedMails: 0,
      reason: null,
      message: null,
    });

    expect(await db.sql`select id from respondents where id = ${ids.anna!}`).toHaveLength(0);
    expect(await db.sql`select id from responses where round_id = ${roundId}`).toHaveLength(0);
    expect(await db.sql`select respondent_id from respondent_links where respondent_id = ${ids.anna!}`).toHaveLength(0);
    expect(await report(app, roundId)).toEqual({ responses: 0, invited: 2 });
    expect(await tallied(roundId)).toBe(0);

    const recipients = await admin(app, "GET", `/api/admin/rounds/${roundId}/recipients`);
    expect(recipients.body.recipients.map((r: any) => r.name)).toEqual(["bram", "cor"]);
    expect(recipients.body.responseRate.total).toMatchObject({ respondents: 2, submitted: 0, label: "0/2" });
    // Her mail is gone from the outbox too: it held her name and her link.
    expect(Object.keys(await linksFromOutbox(app, roundId)).sort()).toEqual(["bram@example.org", "cor@example.org"]);

    const unknown = await (await send(app, "GET", `/api/respond/${"x".repeat(43)}`)).json();
    const removed = await send(app, "GET", `/api/respond/${token.anna}`);
    expect(removed.status).toBe(404);
    expect(await removed.json()).toEqual(unknown);
    // Drafts and submits reuse a link's row for up to 5 s (server/respond/service.ts), so these reach the
    // database, fail on the deleted respondent and answer as an unknown link does.
    const draft = await send(app, "PUT", `/api/respond/${token.anna}/draft`, { responseId: crypto.randomUUID(), data: { missie: 2 } });
    expect(draft.status).toBe(404);
    const submit = await send(app, "POST", `/api/respond/${token.anna}/submit`, { responseId: crypto.randomUUID(), data: miniAnswers });
    expect(submit.status).toBe(404);
    expect(await submit.json()).toEqual(unknown);
    expect(await db.sql`select id from responses where round_id = ${roundId}`).toHaveLength(0);

    // Once removed, the respondent is not there to remove again.
    expect((await remove(app, roundId, ids.anna!)).status).toBe(404);
  });

  test("deletes a draft, and the queued mails of a removed respondent are not sent", async () => {
    const { app, invitations, roundId, ids, token } = await invitedRound();
    expect((await send(app, "PUT", `/api/respond/${token.bram}/draft`, { responseId: crypto.randomUUID(), data: { missie: 4 } })).status).toBe(200);
    // A reminder for each of the three waits in the queue.
    expect(await invitations.remindNow(roundId)).toEqual({ queued: 3, withoutLink: 0, capped: 0 });

    const bram = await remove(app, roundId, ids.bram!);
    expect(bram.body).toMatchObject({ responseDeleted: true, deletedResponse: "draft", droppedMails: 1, reason: null });
    const cor = await remove(app, roundId, ids.cor!);
    expect(cor.body).toMatchObject({ removed: true, responseDeleted: false, deletedResponse: null, droppedMails: 1, reason: "no-response" });
    expect(await db.sql`select id from responses where round_id = ${roundId}`).toHaveLength(0);
    const late = await send(app, "POST", `/api/respond/${token.cor}/submit`, { responseId: crypto.randomUUID(), data: miniAnswers });
    expect(late.status).toBe(404);
    expect(await db.sql`select id from responses where round_id = ${roundId}`).toHaveLength(0);

    // Only anna's reminder goes out.
    expect(await invitations.sendDue()).toMatchObject({ outbox: 1, cancelled: 0, failed: 0 });
    const outbox = await admin(app, "GET", `/api/admin/mail/outbox?round=${roundId}`);
    expect(outbox.body.mails.map((m: any) => m.to)).toEqual(["anna@example.org", "anna@example.org"]);
    const rate = await admin(app, "GET", `/api/admin/rounds/${roundId}/response-rate`);
    expect(rate.body.total).toMatchObject({ respondents: 1, label: "0/1" });
  });

  test("in an anonymous round removes the respondent and their link but cannot find their answers, and says so", async () => {
    const { app, roundId, ids, token } = await invitedRound({ anonymous: true });
    expect((await send(app, "POST", `/api/respond/${token.anna}/submit`, { responseId: crypto.randomUUID(), data: miniAnswers })).status).toBe(200);
    expect(await report(app, roundId)).toEqual({ responses: 1, invited: 3 });

    const res = await remove(app, roundId, ids.anna!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ removed: true, responseDeleted: false, deletedResponse: null, reason: "anonymous-round" });
    expect(res.body.message).toMatch(/anonymous/);
    expect((await send(app, "GET", `/api/respond/${token.anna}`)).status).toBe(404);
    // The response is not linked to her, so it stays, counted; she no longer counts as invited.
    expect(await report(app, roundId)).toEqual({ responses: 1, invited: 2 });
    const rate = await admin(app, "GET", `/api/admin/rounds/${roundId}/response-rate`);
    expect(rate.body.total).toMatchObject({ respondents: 2, submitted: 0 });
  });

  test("works in a closed round, for a request to erase someone's data", async () => {
    const { app, roundId, ids, token } = await invitedRound();
    await send(app, "POST", `/api/respond/${token.cor}/submit`, { responseId: crypto.randomUUID(), data: miniAnswers });
    await db.sql`update rounds set opens_at = now() - interval '2 days', closes_at = now() - interval '1 day' where id = ${roundId}`;
    expect((await remove(app, roundId, ids.cor!)).body).toMatchObject({ responseDeleted: true, deletedResponse: "submitted" });
    expect(await report(app, roundId)).toEqual({ responses: 0, invited: 2 });
  });

  test("answers 404 for a respondent of another round, and keeps them", async () => {
    const first = await invitedRound();
    const second = await invitedRound();
    const res = await remove(first.app, first.roundId, second.ids.anna!);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not-found");
    expect((await remove(first.app, first.roundId, crypto.randomUUID())).status).toBe(404);
    expect((await remove(first.app, first.roundId, "geen-id")).status).toBe(404);
    expect(await db.sql`select id from respondents where id = ${second.ids.anna!}`).toHaveLength(1);
  });

  test("is refused to a viewer and to the round's own teamleader", async () => {
    const { app, roundId, ids } = await invitedRound();
    // emptyRound's group is "Academie".
    for (const session of [await sessionAs(app, db.sql, "viewer"), await sessionAs(app, db.sql, "teamleader", ["Academie"])]) {
      const res = await app.request(`/api/admin/rounds/${roundId}/respondents/${ids.anna!}`, { method: "DELETE", headers: session.headers() });
      expect(res.status, session.role).toBe(403);
    }
    expect(await db.sql`select id from respondents where round_id = ${roundId}`).toHaveLength(3);
  });
});
