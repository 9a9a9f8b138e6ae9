// What the admin pages are given to be one Dutch product: the time zone (TIME_ZONE) with the
// session and in mails, from when "remind now" is offered, outbox mails with their HTML part and
// round, invitations only to who has not answered (so a confirmation's count is what is sent),
// and titles instead of scan ids.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { miniAnswers, miniScan } from "./fixtures/mini-scan.ts";
import { login } from "./support/accounts.ts";
import { createRoundVia, publishAs, send, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { admin, emptyRound, testClock } from "./support/mail.ts";
import { createAccount } from "../server/accounts/service.ts";
import { Invitations, reminderPauseMs } from "../server/invitations/service.ts";
import { outboxTransport } from "../server/invitations/mail-transport.ts";
import { EnvError, loadEnv } from "../server/lib/env.ts";
import { silentLog } from "../server/lib/log.ts";

describe("TIME_ZONE", () => {
  test("defaults to Europe/Amsterdam, takes any IANA zone, and names the variable when it is not one", () => {
    expect(loadEnv({}).timeZone).toBe("Europe/Amsterdam");
    expect(loadEnv({ TIME_ZONE: "America/New_York" }).timeZone).toBe("America/New_York");
    expect(() => loadEnv({ TIME_ZONE: "Europe/Amsterdm" })).toThrow(EnvError);
    expect(() => loadEnv({ TIME_ZONE: "Europe/Amsterdm" })).toThrow(/TIME_ZONE: must be an IANA time zone/);
  });
});

describe.each(backends)("admin pages' data on %s", (backend) => {
  let db: TestDb;
  let scanId: string;

  beforeAll(async () => {
    db = await openTestDb(backend);
    ({ scanId } = await publishAs(db.sql, miniScan));
  });
  afterAll(async () => {
    await db?.close();
  });

  function setup(timeZone: string) {
    const clock = testClock();
    const invitations = new Invitations(db.sql, { transport: outboxTransport, publicUrl: "http://peilstok.test", clock, log: silentLog, timeZone });
    const app = testApp(db.sql, { invitations, timeZone });
    return { app, invitations, clock };
  }

  test("login and the session say which time zone the pages show times in", async () => {
    const { app } = setup("America/New_York");
    const email = `tz-${crypto.randomUUID()}@example.org`;
    await createAccount(db.sql, { email, role: "viewer", teams: [], password: "een-lang-wachtwoord-1" });
    const { cookie, response } = await login(app, email, "een-lang-wachtwoord-1");
    expect(((await response.json()) as { timeZone: string }).timeZone).toBe("America/New_York");
    const session = await app.request("/api/auth/session", { headers: { cookie } });
    expect(((await session.json()) as { timeZone: string }).timeZone).toBe("America/New_York");
  });

  test("invitations go to who has not answered; remind-now is offered a minute after them; the outbox has the mail as sent", async () => {
    const { app, invitations, clock } = setup("America/New_York");
    // Links handed out at creation: Anna answers before any invitation is sent.
    const round = await createRoundVia(app, {
      scanId,
      respondents: [
        { name: "Anna", email: "anna@example.org", team: "noord" },
        { name: "Bram", email: "bram@example.org", team: "zuid" },
      ],
    });
    const roundId = round.round.id;
    expect((await send(app, "POST", `/api/respond/${round.tokens[0]}/submit`, { responseId: crypto.randomUUID(), data: miniAnswers })).status).toBe(200);
    let recipients = await admin(app, "GET", `/api/admin/rounds/${roundId}/recipients`);
    expect(recipients.body.remindableFrom).toBeNull();
    expect(recipients.body.now).toBe(clock().toISOString());
    const count = recipients.body.recipients.filter((r: { state: string }) => r.state === "not-invited").length;
    expect(count).toBe(1);

    // The count the page confirms is the count queued: Bram, not Anna.
    expect(await invitations.invite(roundId)).toEqual({ queued: count, withoutLink: 0, capped: 0 });
    recipients = await admin(app, "GET", `/api/admin/rounds/${roundId}/recipients`);
    expect(recipients.body.remindableFrom).toBe(new Date(clock().getTime() + reminderPauseMs).toISOString());
    await invitations.sendDue();

    const outbox = await admin(app, "GET", `/api/admin/mail/outbox?round=${roundId}`);
    expect(outbox.body.mails.map((m: { to: string }) => m.to)).toEqual(["bram@example.org"]);
    const mail = outbox.body.mails[0];
    expect(mail).toMatchObject({ kind: "invitation", roundId, roundTitle: "Ronde 1" });
    // The HTML part as sent: the personal link as a link, the close date in New York time.
    expect(mail.html).toMatch(/<a href="http:\/\/peilstok\.test\/r\/[A-Za-z0-9_-]{43}">/);
    expect(mail.text).toMatch(/\d{1,2} \S+ \d{4} om \d{2}:\d{2} (EST|EDT)/);
  });

  test("a series says its scan's title", async () => {
    const { app, clock } = setup("Europe/Amsterdam");
    const roundId = await emptyRound(app, scanId, clock());
    const created = await admin<{ id: string }>(app, "POST", "/api/admin/series", { roundId, title: "Elk kwartaal" });
    expect(created.status).toBe(201);
    const detail = await admin(app, "GET", `/api/admin/series/${created.body.id}`);
    expect(detail.body.series).toMatchObject({ scanId, scanTitle: miniScan.model.title.nl });
  });
});
