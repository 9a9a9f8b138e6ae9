// Personal links are kept (sealed, and in outbox copies) only while a round is open: in an
// anonymous round they are all that could tie a respondent to their response.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import { ownerHash } from "../server/lib/tokens.ts";
import { miniAnswers, individualMiniScan } from "./fixtures/mini-scan.ts";
import { publishAs, send } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { admin, day, emptyRound, mailSetup, testClock } from "./support/mail.ts";

const people = (round: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `${round} ${i + 1}`, email: `${round}${i + 1}@example.org` }));

/** The personal links in the outbox copies of a round's mails that still have their text, by recipient. */
async function outboxLinks(app: App, roundId: string): Promise<Record<string, string>> {
  const { body } = await admin(app, "GET", `/api/admin/mail/outbox?round=${roundId}`);
  return Object.fromEntries(
    body.mails.filter((m: any) => m.text !== null).map((m: any) => [m.to, /\/r\/([A-Za-z0-9_-]{43})/.exec(m.text)![1]]),
  );
}

describe.each(backends)("links of closed rounds on %s", (backend) => {
  let db: TestDb;
  let scanId: string;

  beforeAll(async () => {
    db = await openTestDb(backend);
    ({ scanId } = await publishAs(db.sql, individualMiniScan));
  });
  afterAll(async () => {
    await db?.close();
  });

  const sealedLinks = async (roundId: string) =>
    (
      await db.sql<{ n: number }[]>`
        select count(*)::int as n
        from respondent_links l join respondents p on p.id = l.respondent_id
        where p.round_id = ${roundId}
      `
    )[0]!.n;
  const keptBodies = async (roundId: string) =>
    (
      await db.sql<{ n: number }[]>`
        select count(*)::int as n from mails where round_id = ${roundId} and (text_body is not null or html_body is not null)
      `
    )[0]!.n;

  test("a closed round's sealed links and outbox copies are deleted by the next pass; its answers stay, open rounds keep theirs", async () => {
    const clock = testClock();
    const { app, invitations } = mailSetup(db.sql, { clock });
    const anonymous = await emptyRound(app, scanId, clock(), 10, { anonymous: true });
    const named = await emptyRound(app, scanId, clock(), 10, { anonymous: false });
    const open = await emptyRound(app, scanId, clock(), 60, { anonymous: true });
    for (const [roundId, name] of [[anonymous, "anon"], [named, "named"], [open, "open"]] as const) {
      await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents`, { respondents: people(name, 3), invite: true });
    }
    expect((await invitations.sendDue()).outbox).toBe(9);
    const anonymousLinks = await outboxLinks(app, anonymous);
    const namedLinks = await outboxLinks(app, named);
    const submit = (token: string) => send(app, "POST", `/api/respond/${token}/submit`, { responseId: crypto.randomUUID(), data: miniAnswers });
    expect((await submit(anonymousLinks["anon1@example.org"]!)).status).toBe(200);
    expect((await submit(anonymousLinks["anon2@example.org"]!)).status).toBe(200);
    expect((await submit(namedLinks["named1@example.org"]!)).status).toBe(200);

    // While the rounds are open, a pass keeps every link.
    expect((await invitations.tick()).forgotten).toEqual({ sealedLinks: 0, outboxBodies: 0 });
    expect([await sealedLinks(anonymous), await sealedLinks(named), await sealedLinks(open)]).toEqual([3, 3, 3]);

    clock.advance(10 * day);
    const pass = await invitations.tick();
    expect(pass.forgotten).toEqual({ sealedLinks: 6, outboxBodies: 6 });
    expect([await sealedLinks(anonymous), await sealedLinks(named), await sealedLinks(open)]).toEqual([0, 0, 3]);
    // The open round keeps its invitations and the reminders the same pass sent, with their links.
    expect([await keptBodies(anonymous), await keptBodies(named), await keptBodies(open)]).toEqual([0, 0, 6]);
    // The outbox still lists who was mailed what and when, without the text.
    const outbox = await admin(app, "GET", `/api/admin/mail/outbox?round=${anonymous}`);
    expect(outbox.body.mails.map((m: any) => [m.to, m.subject !== null, m.text, m.html]).sort()).toEqual([
      ["anon1@example.org", true, null, null],
      ["anon2@example.org", true, null, null],
      ["anon3@example.org", true, null, null],
    ]);

    // The submitted answers stay, found by their owner hash only.
    const responses = await db.sql<{ round_id: string; status: string; owner_hash: string | null; respondent_id: string | null }[]>`
      select round_id, status, owner_hash, respondent_id from responses where round_id in (${anonymous}, ${named}) order by round_id, owner_hash
    `;
    expect(responses.filter((r) => r.round_id === anonymous).map((r) => [r.status, r.respondent_id]))
      .toEqual([["submitted", null], ["submitted", null]]);
    expect(responses.filter((r) => r.round_id === named).map((r) => r.status)).toEqual(["submitted"]);
    // Whoever holds the database and the link key can open every link still kept, but none of
    // them leads to an answer of the closed anonymous round any more.
    const sealer = await invitations.sealer();
    const kept = await db.sql<{ sealed: string }[]>`select sealed from respondent_links`;
    const reachable = new Set(kept.map((k) => ownerHash(sealer.open(k.sealed))));
    const anonymousOwners = responses.filter((r) => r.round_id === anonymous).map((r) => r.owner_hash!);
    expect(anonymousOwners).toHaveLength(2);
    expect(anonymousOwners.filter((h) => reachable.has(h))).toEqual([]);

    // A second pass finds nothing left to delete.
    expect((await invitations.tick()).forgotten).toEqual({ sealedLinks: 0, outboxBodies: 0 });
  });

  test("after a closed round is reopened, invitations and reminders for respondents without a link fail clearly and no mail goes out without one", async () => {
    const clock = testClock();
    const { app, invitations } = mailSetup(db.sql, { clock });
    const roundId = await emptyRound(app, scanId, clock(), 10, { anonymous: true });
    const added = await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents`, { respondents: people("heropend", 3) });
    const [first, second, never] = added.body.added.map((p: { id: string }) => p.id) as [string, string, string];
    expect(await invitations.invite(roundId, [first, second])).toEqual({ queued: 2, withoutLink: 0, capped: 0 });
    expect((await invitations.sendDue()).outbox).toBe(2);
    // A reminder is queued just before the round closes, and not yet sent.
    expect(await invitations.remindNow(roundId, [first])).toEqual({ queued: 1, withoutLink: 0, capped: 0 });

    clock.advance(10 * day);
    expect((await invitations.forgetClosedLinks()).sealedLinks).toBe(3);
    await db.sql`update rounds set closes_at = ${new Date(clock().getTime() + 30 * day)} where id = ${roundId}`;

    // The reminder that was queued finds no link: it fails with the reason instead of going out.
    expect(await invitations.sendDue()).toMatchObject({ outbox: 0, sent: 0, failed: 1 });
    const [failed] = await db.sql<{ status: string; error: string; text_body: string | null }[]>`
      select status, error, text_body from mails where respondent_id = ${first} and kind = 'reminder'
    `;
    expect(failed).toEqual({
      status: "failed",
      error: "no personal link is kept for this respondent (links are deleted when a round closes)",
      text_body: null,
    });

    const reminders = await admin(app, "POST", `/api/admin/rounds/${roundId}/reminders`, {});
    expect(reminders.status).toBe(409);
    expect(reminders.body.error.code).toBe("links-deleted");
    expect(reminders.body.error.message).toMatch(/^no personal link is kept for these 2 respondents: links are deleted when a round closes/);
    const invite = await admin(app, "POST", `/api/admin/rounds/${roundId}/invitations`, { respondentIds: [never] });
    expect(invite.status).toBe(409);
    expect(invite.body.error.message).toMatch(/^no personal link is kept for this respondent:/);

    // Scheduled reminders skip them too, also once they are due.
    const mails = async () => (await db.sql`select id from mails where round_id = ${roundId}`).length;
    const before = await mails();
    clock.advance(11 * day);
    await invitations.tick();
    expect(await mails()).toBe(before);

    // Someone added after reopening gets a new link; the others are counted, not mailed.
    const late = await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents`, {
      respondents: [{ name: "Laat", email: "laat@example.org" }],
    });
    expect(late.status).toBe(201);
    const both = await admin(app, "POST", `/api/admin/rounds/${roundId}/invitations`, {});
    expect(both).toEqual({ status: 202, body: { queued: 1, withoutLink: 1, capped: 0 } });
    expect((await invitations.sendDue()).outbox).toBe(1);
    expect(Object.keys(await outboxLinks(app, roundId))).toEqual(["laat@example.org"]);

    const list = await admin(app, "GET", `/api/admin/rounds/${roundId}/recipients`);
    expect(Object.fromEntries(list.body.recipients.map((r: any) => [r.email, r.linkKept]))).toEqual({
      "heropend1@example.org": false,
      "heropend2@example.org": false,
      "heropend3@example.org": false,
      "laat@example.org": true,
    });
    expect(await db.sql`select 1 from mails where round_id = ${roundId} and status in ('sent', 'outbox') and text_body is null`).toHaveLength(2);
  });
});
