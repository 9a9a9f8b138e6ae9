// The data lifecycle: personal data deleted after the retention period (answers stay, unlinked),
// stale drafts expiring, and AVG access and erasure requests for one e-mail address.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import { Lifecycle } from "../server/lifecycle/service.ts";
import { silentLog } from "../server/lib/log.ts";
import { individualMiniScan, miniAnswers } from "./fixtures/mini-scan.ts";
import { sessionAs, type TestSession } from "./support/accounts.ts";
import { publishAs, send } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { admin, day, emptyRound, mailSetup, type MailSetup } from "./support/mail.ts";

const openText = "Wat ik echt vind van de missie";

describe.each(backends)("the data lifecycle on %s", (backend) => {
  let db: TestDb;
  let setup: MailSetup;
  let app: App;
  let scanId: string;
  let beheer: TestSession;

  beforeAll(async () => {
    db = await openTestDb(backend);
    setup = mailSetup(db.sql);
    app = setup.app;
    ({ scanId } = await publishAs(db.sql, individualMiniScan));
    beheer = await sessionAs(app, db.sql, "admin");
  });
  afterAll(async () => db?.close());

  /** A round open now for `days`, with these people invited (mails in the outbox); their links. */
  async function round(people: string[], { days = 30, anonymous = false } = {}) {
    const roundId = await emptyRound(app, scanId, new Date(Date.now() - day), days, { anonymous });
    const added = await admin<{ added: { id: string; email: string }[] }>(app, "POST", `/api/admin/rounds/${roundId}/respondents`, {
      respondents: people.map((n) => ({ name: `${n} Jansen`, email: `${n}@example.org`, team: "rood" })),
      invite: true,
    });
    expect(added.status).toBe(201);
    await setup.invitations.sendDue();
    const { body } = await admin<{ mails: { to: string; text: string }[] }>(app, "GET", `/api/admin/mail/outbox?round=${roundId}`);
    const links = Object.fromEntries(body.mails.map((m) => [m.to.split("@")[0]!, /\/r\/([A-Za-z0-9_-]{43})/.exec(m.text)![1]!]));
    return { roundId, links };
  }
  const answer = (token: string, kind: "submit" | "draft", text = openText) =>
    send(app, kind === "submit" ? "POST" : "PUT", `/api/respond/${token}/${kind}`, {
      responseId: randomUUID(),
      data: { ...miniAnswers, missie: 2, "missie-toelichting": text },
    });
  const lifecycleAt = (when: Date) => new Lifecycle(db.sql, { log: silentLog, clock: () => when });

  test("after the retention period a round keeps its answers but loses names, e-mail addresses, links, mails and drafts", async () => {
    const named = await round(["ana", "bas", "cor", "dik", "eva", "fem"]);
    const anonymous = await round(["gijs", "hans"], { anonymous: true });
    for (const p of ["ana", "bas", "cor", "dik", "eva"]) expect((await answer(named.links[p]!, "submit")).status).toBe(200);
    expect((await answer(named.links.fem!, "draft")).status).toBe(200);
    expect((await answer(anonymous.links.gijs!, "submit")).status).toBe(200);
    const reportBefore = await admin(app, "GET", `/api/admin/reports/rounds/${named.roundId}`);

    // Eleven months after closing: nothing happens yet (the retention is 12 months by default).
    const closes = Date.now() + 29 * day;
    const early = await lifecycleAt(new Date(closes + 330 * day)).run();
    expect(early.roundsErased).toBe(0);
    // Fem's draft, though, expired 30 days after the round closed.
    expect(early.draftsExpired).toBe(1);
    expect((await db.sql`select 1 from respondents where round_id = ${named.roundId} and erased_at is not null`).length).toBe(0);

    const later = new Date(closes + 370 * day);
    // Two instances at once: each round is erased once.
    const [a, b] = await Promise.all([lifecycleAt(later).run(), lifecycleAt(later).run()]);
    expect(a.roundsErased + b.roundsErased).toBe(2);

    const people = await db.sql<{ name: string; email: string; token_hash: string; team: string; status: string }[]>`
      select name, email, token_hash, team, status from respondents where round_id = ${named.roundId}
    `;
    expect(people).toHaveLength(6);
    expect(people.every((p) => p.name === "" && p.email === "" && p.token_hash.startsWith("erased:") && p.team === "rood")).toBe(true);
    expect(people.filter((p) => p.status === "submitted")).toHaveLength(5);
    expect((await db.sql`select 1 from mails where round_id in ${db.sql([named.roundId, anonymous.roundId])}`).length).toBe(0);
    const responses = await db.sql<{ status: string; owner_hash: string | null }[]>`
      select status, owner_hash from responses where round_id in ${db.sql([named.roundId, anonymous.roundId])}
    `;
    expect(responses.map((r) => r.status).sort()).toEqual(Array(6).fill("submitted"));
    expect(responses.filter((r) => r.owner_hash !== null).every((r) => r.owner_hash!.startsWith("erased:"))).toBe(true);
    // The links no longer open anything; the report is unchanged.
    expect((await send(app, "GET", `/api/respond/${named.links.ana}`)).status).toBe(404);
    expect((await send(app, "GET", `/api/respond/${anonymous.links.gijs}/report`)).status).toBe(404);
    const reportAfter = await admin(app, "GET", `/api/admin/reports/rounds/${named.roundId}`);
    expect(reportAfter.body.groups).toEqual(reportBefore.body.groups);

    // Recorded once per round; a later pass finds nothing left to do.
    const entries = await db.sql<{ round_id: string; details: Record<string, number> }[]>`
      select round_id, details from audit_log where action = 'lifecycle.retention'
    `;
    expect(entries.find((e) => e.round_id === named.roundId)!.details).toMatchObject({ respondents: 6, mails: 6, drafts: 0, unlinkedResponses: 0 });
    expect(entries).toHaveLength(2);
    expect((await lifecycleAt(later).run()).roundsErased).toBe(0);
  });

  test("stale drafts expire: 180 days without a change, or 30 days after their round closed", async () => {
    const open = await round(["ida", "jan", "kim"], { days: 400 });
    for (const p of ["ida", "jan"]) expect((await answer(open.links[p]!, "draft")).status).toBe(200);
    await db.sql`
      update responses set updated_at = now() - interval '181 days'
      where respondent_id = (select id from respondents where round_id = ${open.roundId} and email = 'ida@example.org')
    `;
    const closing = await round(["lot"], { days: 10 });
    expect((await answer(closing.links.lot!, "draft")).status).toBe(200);

    const now = await lifecycleAt(new Date()).run();
    expect(now.draftsExpired).toBe(1);
    const left = await db.sql<{ email: string }[]>`
      select p.email from responses r join respondents p on p.id = r.respondent_id
      where r.status = 'draft' and r.round_id in ${db.sql([open.roundId, closing.roundId])}
    `;
    expect(left.map((l) => l.email).sort()).toEqual(["jan@example.org", "lot@example.org"]);

    const monthAfterClose = await lifecycleAt(new Date(Date.now() + 41 * day)).run();
    expect(monthAfterClose.draftsExpired).toBe(1);
    expect((await db.sql`select 1 from responses where round_id = ${closing.roundId}`).length).toBe(0);
    const [entry] = await db.sql<{ details: { drafts: number } }[]>`
      select details from audit_log where action = 'lifecycle.drafts-expired' and round_id = ${closing.roundId}
    `;
    expect(entry!.details.drafts).toBe(1);
  });

  test("the retention and audit periods are admin settings, shown on the public privacy facts", async () => {
    const res = await app.request("/api/admin/settings", { method: "PATCH", headers: beheer.headers(), body: JSON.stringify({ retentionMonths: 3, auditRetentionMonths: 36 }) });
    expect(res.status).toBe(200);
    expect(await (await app.request("/api/privacy")).json()).toEqual({
      retentionMonths: 3,
      auditRetentionMonths: 36,
      minGroupSize: 5,
      drafts: { afterCloseDays: 30, idleDays: 180 },
    });
    const tooShort = await app.request("/api/admin/settings", { method: "PATCH", headers: beheer.headers(), body: JSON.stringify({ auditRetentionMonths: 2 }) });
    expect(tooShort.status).toBe(400);
    // The guard of the audit log follows the setting.
    await db.sql`insert into audit_log (at, actor_kind, action) values (now() - interval '30 months', 'system', 'lifecycle.retention')`;
    await expect(db.sql`delete from audit_log where at < now() - interval '29 months'`).rejects.toThrow(/append-only/);
    await app.request("/api/admin/settings", { method: "PATCH", headers: beheer.headers(), body: JSON.stringify({ retentionMonths: 12, auditRetentionMonths: 24 }) });
    expect((await lifecycleAt(new Date()).run()).auditPurged).toBe(1);
  });

  describe("an AVG request about one e-mail address", () => {
    let named: Awaited<ReturnType<typeof round>>;
    let anonymous: Awaited<ReturnType<typeof round>>;
    beforeAll(async () => {
      named = await round(["nina", "otto", "piet", "rik", "sam"]);
      anonymous = await round(["nina", "teun"], { anonymous: true });
      expect((await answer(named.links.nina!, "submit", "Nina's eigen woorden")).status).toBe(200);
      expect((await answer(named.links.otto!, "submit", "Otto's woorden")).status).toBe(200);
      expect((await answer(anonymous.links.nina!, "submit", "Anoniem van Nina")).status).toBe(200);
    });

    const exportOf = async (email: string) => {
      const res = await app.request(`/api/admin/privacy/subject?email=${encodeURIComponent(email)}`, { headers: beheer.headers() });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="avg-inzage-\d{4}-\d{2}-\d{2}\.json"$/);
      return { text: await res.clone().text(), body: (await res.json()) as any };
    };

    test("the export holds their rounds, answers with the questions, mails and account, and nobody else's", async () => {
      const { text, body } = await exportOf("NINA@example.org");
      expect(body.verzoek).toMatchObject({ emailadres: "nina@example.org", opgesteldDoor: beheer.email });
      expect(body.deelnames).toHaveLength(2);
      const [first, second] = body.deelnames;
      expect(first).toMatchObject({ naam: "nina Jansen", team: "rood", voortgang: "ingediend", ronde: { anoniem: false } });
      expect(first.antwoorden.status).toBe("ingediend");
      expect(first.antwoorden.vragen).toEqual(
        expect.arrayContaining([
          { vraag: "Toelichting bij missie", sleutel: "missie-toelichting", antwoord: "Nina's eigen woorden" },
          { vraag: "Missie", sleutel: "missie", antwoord: 2 },
        ]),
      );
      expect(second.ronde.anoniem).toBe(true);
      expect(second.antwoorden).toMatch(/anoniem/);
      expect(body.emails.map((m: any) => m.soort)).toEqual(["uitnodiging", "uitnodiging"]);
      expect(body.account).toBeNull();
      for (const other of ["otto", "Otto's woorden", "Anoniem van Nina", "teun"]) expect(text).not.toContain(other);

      const own = await exportOf(beheer.email);
      expect(own.body.account).toMatchObject({ emailadres: beheer.email, rol: "beheerder", actief: true });
      expect(own.body.logboek.map((e: any) => e.handeling)).toContain("auth.login");
    });

    test("erasing removes them from every round, their linked answers and mails; anonymous answers stay, as the answer says", async () => {
      const bad = await app.request("/api/admin/privacy/subject/erase", { method: "POST", headers: beheer.headers(), body: JSON.stringify({ email: "nina@example.org", confirm: "niet@example.org" }) });
      expect(bad.status).toBe(400);
      const res = await app.request("/api/admin/privacy/subject/erase", {
        method: "POST",
        headers: beheer.headers(),
        body: JSON.stringify({ email: "nina@example.org", confirm: "nina@example.org" }),
      });
      expect(res.status).toBe(200);
      const erased = (await res.json()) as { respondents: number; responsesDeleted: number; anonymousRounds: number; kept: string[] };
      expect(erased).toMatchObject({ respondents: 2, responsesDeleted: 1, anonymousRounds: 1 });
      expect(erased.kept[0]).toMatch(/anonieme ronde/);

      const after = await exportOf("nina@example.org");
      expect(after.body.deelnames).toEqual([]);
      expect(after.body.emails).toEqual([]);
      const anonymousAnswers = await db.sql`select 1 from responses where round_id = ${anonymous.roundId} and status = 'submitted'`;
      expect(anonymousAnswers.length).toBe(1);
      expect((await send(app, "GET", `/api/respond/${named.links.nina}`)).status).toBe(404);
      // Otto is untouched.
      expect((await send(app, "GET", `/api/respond/${named.links.otto}`)).status).toBe(200);

      // The audit log records the request by a hash of the address, never the address.
      const log = await db.sql<{ row: string }[]>`select to_jsonb(a)::text as row from audit_log a where action like 'privacy.%'`;
      expect(log.map((r) => JSON.parse(r.row).action).sort()).toEqual(["privacy.erase", "privacy.export", "privacy.export", "privacy.export"]);
      expect(log.map((r) => r.row).join()).not.toContain("nina");
    });

    test("the last active admin cannot be erased", async () => {
      const admins = await db.sql<{ email: string }[]>`select email from accounts where role = 'admin' and deactivated_at is null`;
      for (const a of admins.slice(1)) await db.sql`update accounts set deactivated_at = now() where email = ${a.email}`;
      const only = admins[0]!.email;
      const res = await app.request("/api/admin/privacy/subject/erase", { method: "POST", headers: { authorization: "Bearer test-admin-token-0123456789abcdef", "content-type": "application/json" }, body: JSON.stringify({ email: only, confirm: only }) });
      expect(res.status).toBe(409);
      for (const a of admins.slice(1)) await db.sql`update accounts set deactivated_at = null where email = ${a.email}`;
    });
  });
});
