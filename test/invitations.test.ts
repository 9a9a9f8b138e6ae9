import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { miniAnswers, individualMiniScan, miniScan } from "./fixtures/mini-scan.ts";
import { publishAs, send } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { admin, day, emptyRound, mailSetup, teachersCsv, testClock } from "./support/mail.ts";
import { linkIn, startSmtp, type TestSmtp } from "./support/smtp.ts";

const tokenOf = (link: string) => link.slice(link.indexOf("/r/") + 3);

describe.each(backends)("invitations and reminders on %s", (backend) => {
  let db: TestDb;
  let smtp: TestSmtp;
  let scanId: string;

  beforeAll(async () => {
    db = await openTestDb(backend);
    smtp = await startSmtp({ reject: (a) => a.startsWith("weg@") });
    ({ scanId } = await publishAs(db.sql, individualMiniScan));
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.close();
  });

  test("a CSV import keeps the good rows and reports each bad row by line with its reason", async () => {
    const { app, clock } = mailSetup(db.sql);
    const roundId = await emptyRound(app, scanId, clock());
    await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents`, {
      respondents: [{ name: "Al bekend", email: "bekend@example.org" }],
    });
    const csv = [
      "naam;e-mail;team",
      "Anna de Vries;anna@example.org;rood",
      ";leeg@example.org;rood",
      "Bram;geen-adres;blauw",
      '"Cor, ""de"" Wit";cor@example.org;',
      "Dirk;ANNA@example.org;rood",
      "Eva;bekend@example.org;rood",
      "",
      "Fien;fien@example.org;groen;extra",
      "Gijs;gijs@example.org",
    ].join("\r\n");
    const res = await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents/import`, csv, "text/csv");
    expect(res.status).toBe(200);
    expect(res.body.added).toBe(3);
    expect(res.body.errors.map((e: any) => [e.line, e.reason])).toEqual([
      [3, "name-missing"],
      [4, "email-invalid"],
      [6, "email-duplicate"],
      [7, "email-duplicate"],
      [9, "too-many-columns"],
    ]);
    const list = await admin(app, "GET", `/api/admin/rounds/${roundId}/recipients`);
    expect(list.body.recipients.map((r: any) => [r.name, r.team, r.state])).toEqual([
      ["Anna de Vries", "rood", "not-invited"],
      ["Al bekend", null, "not-invited"],
      ['Cor, "de" Wit', null, "not-invited"],
      ["Gijs", null, "not-invited"],
    ]);
  });

  test("invitations go out over SMTP in Dutch, as text and HTML, with a personal link that opens the form", async () => {
    const { app, invitations, clock, transport } = mailSetup(db.sql, { smtpUrl: smtp.url });
    const roundId = await emptyRound(app, scanId, clock());
    await admin(app, "PUT", `/api/admin/rounds/${roundId}/mail-settings`, {
      texts: { invitation: { subject: "Doe mee: {scan}", body: "Hallo {naam},\n\nVul {scan} in vóór {sluitdatum}:\n\n{link}" } },
    });
    await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents/import`, { csv: teachersCsv(3), invite: true });
    const before = smtp.mails.length;
    const summary = await invitations.sendDue();
    expect(summary.sent).toBe(3);
    const mails = smtp.mails.slice(before);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(["docent1@example.org", "docent2@example.org", "docent3@example.org"]);
    const mail = mails.find((m) => m.to[0] === "docent1@example.org")!;
    expect(mail.subject).toBe(`Doe mee: ${miniScan.model.title.nl}`);
    expect(mail.text).toContain("Hallo Docent 1,");
    expect(mail.text).toMatch(/vóór \d+ [a-z]+ 20\d\d om \d\d:\d\d/);
    const link = linkIn(mail);
    expect(mail.html).toContain(`<a href="${link}">`);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@peilstok\.test>$/);

    const states = async () =>
      Object.fromEntries(
        (await admin(app, "GET", `/api/admin/rounds/${roundId}/recipients`)).body.recipients.map((r: any) => [r.email, r.state]),
      );
    expect(Object.values(await states())).toEqual(["invited", "invited", "invited"]);
    const form = await app.request(`/api/respond/${tokenOf(link)}`);
    expect(form.status).toBe(200);
    expect((await states())["docent1@example.org"]).toBe("opened");
    // Sending again sends nothing: each invitation exists once.
    expect(await invitations.invite(roundId)).toEqual({ queued: 0, withoutLink: 0, capped: 0 });
    expect((await invitations.sendDue()).sent).toBe(0);
    transport.close();
  });

  test("without SMTP the mails land in the outbox, readable by an admin", async () => {
    const { app, invitations, clock } = mailSetup(db.sql);
    const roundId = await emptyRound(app, scanId, clock());
    await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents`, {
      respondents: [{ name: "Ilse <b>", email: "ilse@example.org", team: "rood" }],
      invite: true,
    });
    expect((await invitations.sendDue()).outbox).toBe(1);
    const outbox = await admin(app, "GET", `/api/admin/mail/outbox?round=${roundId}`);
    expect(outbox.body.transport).toBe("outbox");
    const [mail] = outbox.body.mails;
    expect(mail.to).toBe("ilse@example.org");
    expect(mail.text).toContain("Beste Ilse <b>,");
    expect(mail.html).toContain("Beste Ilse &lt;b&gt;,");
    expect(mail.text).toMatch(/http:\/\/peilstok\.test\/r\/[A-Za-z0-9_-]{43}/);
    const list = await admin(app, "GET", `/api/admin/rounds/${roundId}/recipients`);
    expect(list.body.recipients[0].state).toBe("invited");
  });

  test("reminders follow the schedule, at most N, only to those not submitted, worded for never started vs started", async () => {
    const clock = testClock();
    const { app, invitations, transport } = mailSetup(db.sql, { smtpUrl: smtp.url, clock });
    const roundId = await emptyRound(app, scanId, clock(), 60);
    await admin(app, "PUT", `/api/admin/rounds/${roundId}/mail-settings`, {
      reminderAfterDays: 10,
      reminderIntervalDays: 7,
      maxReminders: 2,
    });
    const people = ["nooit", "begonnen", "klaar", "weg"].map((n) => ({ name: n, email: `${n}@example.org` }));
    await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents`, { respondents: people, invite: true });
    const start = smtp.mails.length;
    await invitations.sendDue();
    const links = Object.fromEntries(smtp.mails.slice(start).map((m) => [m.to[0]!.split("@")[0], tokenOf(linkIn(m))]));
    await send(app, "PUT", `/api/respond/${links.begonnen}/draft`, { responseId: crypto.randomUUID(), data: {} });
    await send(app, "POST", `/api/respond/${links.klaar}/submit`, { responseId: crypto.randomUUID(), data: miniAnswers });

    const recipients = async () =>
      Object.fromEntries(
        (await admin(app, "GET", `/api/admin/rounds/${roundId}/recipients`)).body.recipients.map((r: any) => [
          r.name,
          [r.state, r.reminders],
        ]),
      );
    expect(await recipients()).toEqual({
      begonnen: ["started", 0],
      klaar: ["submitted", 0],
      nooit: ["invited", 0],
      weg: ["bounced", 0],
    });

    const ours = (from: number) =>
      smtp.mails.slice(from).filter((m) => ["nooit", "begonnen", "klaar", "weg"].includes(m.to[0]!.split("@")[0]!));
    let mark = smtp.mails.length;
    clock.advance(9 * day);
    await invitations.tick();
    expect(ours(mark)).toHaveLength(0);
    clock.advance(1 * day);
    await invitations.tick();
    const reminders = Object.fromEntries(ours(mark).map((m) => [m.to[0], m]));
    expect(Object.keys(reminders).sort()).toEqual(["begonnen@example.org", "nooit@example.org"]);
    expect(reminders["nooit@example.org"]!.subject).toMatch(/^Herinnering/);
    expect(reminders["nooit@example.org"]!.text).toContain("nog niet ingevuld");
    expect(reminders["begonnen@example.org"]!.subject).toMatch(/^Bijna klaar/);
    expect(reminders["begonnen@example.org"]!.text).toContain("ga je verder waar je gebleven was");
    // The reminder carries the same personal link as the invitation.
    expect(tokenOf(linkIn(reminders["nooit@example.org"]!))).toBe(links.nooit);

    mark = smtp.mails.length;
    clock.advance(6 * day);
    await invitations.tick();
    expect(ours(mark)).toHaveLength(0);
    clock.advance(1 * day);
    await invitations.tick();
    expect(ours(mark)).toHaveLength(2);
    mark = smtp.mails.length;
    clock.advance(30 * day);
    await invitations.tick();
    expect(ours(mark)).toHaveLength(0);
    expect(await recipients()).toMatchObject({ nooit: ["invited", 2], begonnen: ["started", 2], klaar: ["submitted", 0] });

    // An admin can still send one now, to those who have not submitted.
    mark = smtp.mails.length;
    expect(await invitations.remindNow(roundId)).toEqual({ queued: 2, withoutLink: 0, capped: 0 });
    await invitations.sendDue();
    expect(ours(mark)).toHaveLength(2);
    transport.close();
  });

  test("a reminder queued before the respondent submitted is not sent", async () => {
    const { app, invitations, clock } = mailSetup(db.sql);
    const roundId = await emptyRound(app, scanId, clock());
    const { body } = await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents`, {
      respondents: [{ name: "Jet", email: "jet@example.org" }],
      invite: true,
    });
    await invitations.sendDue();
    const outbox = await admin(app, "GET", `/api/admin/mail/outbox?round=${roundId}`);
    const token = tokenOf(/\/r\/\S+/.exec(outbox.body.mails[0].text)![0]);
    expect(await invitations.remindNow(roundId, [body.added[0].id])).toEqual({ queued: 1, withoutLink: 0, capped: 0 });
    await send(app, "POST", `/api/respond/${token}/submit`, { responseId: crypto.randomUUID(), data: miniAnswers });
    expect(await invitations.sendDue()).toMatchObject({ outbox: 0, cancelled: 1 });
  });

  test("response rate per round and per team", async () => {
    const { app, invitations, clock } = mailSetup(db.sql);
    const roundId = await emptyRound(app, scanId, clock());
    await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents/import`, { csv: teachersCsv(6), invite: true });
    await invitations.sendDue();
    const outbox = (await admin(app, "GET", `/api/admin/mail/outbox?round=${roundId}`)).body.mails as any[];
    const byEmail = Object.fromEntries(outbox.map((m) => [m.to, tokenOf(/\/r\/\S+/.exec(m.text)![0])]));
    for (const who of ["docent1", "docent3", "docent4"]) {
      await send(app, "POST", `/api/respond/${byEmail[`${who}@example.org`]}/submit`, { responseId: crypto.randomUUID(), data: miniAnswers });
    }
    const rate = await admin(app, "GET", `/api/admin/rounds/${roundId}/response-rate`);
    expect(rate.body.total).toMatchObject({ respondents: 6, submitted: 3, label: "3/6", rate: 50 });
    expect(rate.body.teams.map((t: any) => [t.team, t.label])).toEqual([
      ["blauw", "2/2"],
      ["groen", "0/2"],
      ["rood", "1/2"],
    ]);
    const glance = await admin(app, "GET", `/api/admin/mail/response-rates`);
    expect(glance.body.rounds.find((r: any) => r.id === roundId).total.label).toBe("3/6");
  });
});
