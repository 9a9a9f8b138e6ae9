// The audit log: who did what, readable by admins, append-only, and free of secrets and answers.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { generate } from "otplib";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { accountCommands } from "../server/accounts/commands.ts";
import type { App } from "../server/app.ts";
import { purgeAuditLog } from "../server/audit/queries.ts";
import { recordAudit } from "../server/audit/record.ts";
import { migrate } from "../server/db/migrate.ts";
import { individualMiniScan, miniAnswers } from "./fixtures/mini-scan.ts";
import { login, sessionAs, type TestSession } from "./support/accounts.ts";
import { publishAs, send } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { emptyRound, mailSetup, type MailSetup } from "./support/mail.ts";
import { startCluster } from "./support/pg-cluster.ts";

interface Entry {
  id: string;
  at: string;
  actor: { kind: string; id: string | null; email: string | null };
  action: string;
  actionLabel: string;
  round: { id: string; title: string | null } | null;
  target: { kind: string; id: string | null; label: string | null } | null;
  details: Record<string, unknown>;
}
interface Page {
  entries: Entry[];
  total: number;
  page: number;
  pages: number;
  actors: string[];
  actions: { id: string; label: string }[];
}

const secretText = "Mijn geheime toelichting over de missie";

describe.each(backends)("the audit log on %s", (backend) => {
  let db: TestDb;
  let setup: MailSetup;
  let app: App;
  let adminUser: TestSession;
  let viewer: TestSession;
  let roundId: string;
  let otherRoundId: string;
  const secrets: string[] = [];

  const read = async (query = "", as = adminUser): Promise<Page> => {
    const res = await app.request(`/api/admin/audit${query}`, { headers: as.headers() });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Page;
  };
  const call = async (method: string, path: string, body?: unknown, as = adminUser) => {
    const res = await app.request(path, { method, headers: as.headers(), body: body === undefined ? undefined : JSON.stringify(body) });
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return res;
  };

  beforeAll(async () => {
    db = await openTestDb(backend);
    setup = mailSetup(db.sql);
    app = setup.app;
    const { scanId } = await publishAs(db.sql, individualMiniScan);
    adminUser = await sessionAs(app, db.sql, "admin");
    viewer = await sessionAs(app, db.sql, "viewer");
    secrets.push(adminUser.password, viewer.password, adminUser.cookie.split("=")[1]!, viewer.cookie.split("=")[1]!);

    // A day of work: a round with three people, invitations, a submit with open text, a report,
    // an export, a role change, a removal, failed logins.
    roundId = await emptyRound(app, scanId, setup.clock(), 30);
    otherRoundId = await emptyRound(app, scanId, setup.clock(), 30);
    const added = (await (
      await call("POST", `/api/admin/rounds/${roundId}/respondents`, {
        respondents: ["anna", "bram", "cor"].map((n) => ({ name: `${n} Jansen`, email: `${n}@example.org`, team: "rood" })),
        invite: true,
      })
    ).json()) as { added: { id: string; email: string }[] };
    expect((await setup.invitations.sendDue()).outbox).toBe(3);
    const outbox = (await (await call("GET", `/api/admin/mail/outbox?round=${roundId}`)).json()) as { mails: { to: string; text: string }[] };
    const tokens = outbox.mails.map((m) => /\/r\/([A-Za-z0-9_-]{43})/.exec(m.text)![1]!);
    secrets.push(...tokens);
    const submit = await send(app, "POST", `/api/respond/${tokens[0]}/submit`, {
      responseId: randomUUID(),
      data: { ...miniAnswers, missie: 2, "missie-toelichting": secretText },
    });
    expect(submit.status).toBe(200);
    await call("GET", `/api/admin/reports/rounds/${roundId}`, undefined, viewer);
    await call("GET", `/api/admin/reports/rounds/${roundId}/export.csv`);
    const viewerId = (await db.sql<{ id: string }[]>`select id from accounts where email = ${viewer.email}`)[0]!.id;
    await call("PATCH", `/api/admin/accounts/${viewerId}`, { role: "teamleader", teams: ["Academie"] });
    await call("PATCH", `/api/admin/accounts/${viewerId}`, { role: "viewer" });
    await call("DELETE", `/api/admin/rounds/${roundId}/respondents/${added.added.find((p) => p.email === "cor@example.org")!.id}`);
    for (const [email, password] of [
      [viewer.email, "fout-wachtwoord-1"],
      ["niemand@example.org", "fout-wachtwoord-2"],
      [viewer.password, viewer.password],
    ] as const) {
      const res = await send(app, "POST", "/api/auth/login", { email, password });
      expect(res.status).toBe(401);
    }
    secrets.push("fout-wachtwoord-1", "fout-wachtwoord-2", "niemand@example.org");
  });
  afterAll(async () => db?.close());

  test("records logins, failed logins, role changes, rounds, respondents, reports, exports and mails with who and which round", async () => {
    const { entries } = await read("?pageSize=200");
    const of = (action: string) => entries.filter((e) => e.action === action);

    expect(of("auth.login").map((e) => e.actor.email)).toEqual(expect.arrayContaining([adminUser.email, viewer.email]));
    const failed = of("auth.login-failed");
    expect(failed).toHaveLength(3);
    expect(failed.every((e) => e.actor.kind === "anonymous")).toBe(true);
    expect(failed.filter((e) => e.target?.label === viewer.email)).toHaveLength(1);
    expect(failed.filter((e) => e.details.knownAccount === false)).toHaveLength(2);

    const roleChanges = of("account.update");
    expect(roleChanges).toHaveLength(2);
    expect(roleChanges.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ before: expect.objectContaining({ role: "viewer" }), after: expect.objectContaining({ role: "teamleader", teams: ["Academie"] }) }),
        expect.objectContaining({ before: expect.objectContaining({ role: "teamleader" }), after: expect.objectContaining({ role: "viewer" }) }),
      ]),
    );
    expect(roleChanges.every((e) => e.actor.email === adminUser.email && e.target?.label === viewer.email)).toBe(true);

    expect(of("round.create").map((e) => e.round?.id)).toEqual(expect.arrayContaining([roundId, otherRoundId]));
    expect(of("respondent.add")[0]).toMatchObject({ round: { id: roundId }, details: { added: 3, invite: true } });
    expect(of("respondent.remove")[0]).toMatchObject({ round: { id: roundId }, target: { kind: "respondent" }, actor: { email: adminUser.email } });
    expect(of("report.view")[0]).toMatchObject({ round: { id: roundId }, actor: { email: viewer.email } });
    expect(of("report.export")[0]).toMatchObject({ round: { id: roundId }, details: { format: "csv" } });
    expect(of("mail.sent")[0]).toMatchObject({ round: { id: roundId }, actor: { kind: "system" }, details: { outbox: 3, invitation: 3 } });
    expect(of("mail.outbox-view")).toHaveLength(1);
    expect(entries.find((e) => e.action === "report.view")!.actionLabel).toBe("Rapport bekeken");
  });

  test("holds no passwords, link tokens, session ids, answer text, or respondents' names and e-mail addresses", async () => {
    const rows = await db.sql<{ row: string }[]>`select to_jsonb(a)::text as row from audit_log a`;
    const everything = rows.map((r) => r.row).join("\n");
    expect(rows.length).toBeGreaterThan(15);
    for (const secret of [...secrets, secretText, "anna", "Jansen", "cor@example.org"]) {
      expect(everything, secret).not.toContain(secret);
    }
  });

  test("filters by person, round and action, and pages", async () => {
    const byViewer = await read(`?actor=${encodeURIComponent(viewer.email)}`);
    expect(byViewer.entries.length).toBeGreaterThan(0);
    expect(byViewer.entries.every((e) => e.actor.email === viewer.email)).toBe(true);
    expect(byViewer.actors).toEqual(expect.arrayContaining([adminUser.email, viewer.email, "Peilstok"]));

    const byRound = await read(`?round=${otherRoundId}`);
    expect(byRound.entries.map((e) => e.action)).toEqual(["round.create"]);

    const exports = await read("?action=report.export");
    expect(exports.total).toBe(1);

    const all = await read("?pageSize=200");
    const first = await read("?pageSize=3&page=1");
    const second = await read("?pageSize=3&page=2");
    expect(first.entries).toHaveLength(3);
    expect(first.pages).toBe(Math.ceil(first.total / 3));
    expect(second.entries.map((e) => e.id)).not.toEqual(expect.arrayContaining(first.entries.map((e) => e.id)));
    // Newest first.
    const times = all.entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const bad = await app.request("/api/admin/audit?action=iets.anders", { headers: adminUser.headers() });
    expect(bad.status).toBe(400);
    expect((await app.request("/api/admin/audit", { headers: viewer.headers() })).status).toBe(403);
  });

  test("reading the log is recorded too", async () => {
    await read("?action=report.view");
    const views = await read("?action=audit.view");
    expect(views.entries[0]).toMatchObject({ actor: { email: adminUser.email }, details: { action: "report.view" } });
  });

  test("refuses to change or delete entries, and deletes only those past the retention period", async () => {
    await expect(db.sql`update audit_log set actor_email = 'iemand-anders@example.org'`).rejects.toThrow(/append-only/);
    await expect(db.sql`delete from audit_log`).rejects.toThrow(/append-only/);
    await expect(db.sql`truncate audit_log`).rejects.toThrow(/append-only/);
    const count = async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from audit_log`)[0]!.n;
    const before = await count();

    await db.sql`
      insert into audit_log (at, actor_kind, action, details)
      values (now() - interval '25 months', 'system', 'lifecycle.retention', '{}'),
             (now() - interval '23 months', 'system', 'lifecycle.retention', '{}')
    `;
    await expect(db.sql`delete from audit_log where at < now() - interval '24 months' + interval '1 day'`).resolves.toBeDefined();
    expect(await purgeAuditLog(db.sql)).toBe(0);
    await db.sql`insert into audit_log (at, actor_kind, action) values (now() - interval '30 months', 'system', 'lifecycle.retention')`;
    expect(await purgeAuditLog(db.sql)).toBe(1);
    // The 23-month-old entry stays, and a direct delete of it is still refused.
    await expect(db.sql`delete from audit_log where at < now() - interval '22 months'`).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before + 1);
  });

  test("two-factor login switched on, renewed and off is recorded for the account, without secrets or codes", async () => {
    const session = await sessionAs(app, db.sql, "viewer");
    const post = async (path: string, body?: unknown) => (await (await call("POST", `/api/auth/two-factor${path}`, body, session)).json()) as Record<string, any>;
    const { secret } = await post("/setup");
    const now = Math.floor(Date.now() / 1000);
    const { recoveryCodes } = await post("/enable", { code: await generate({ secret, epoch: now }) });
    const renewed = await post("/recovery-codes", { code: await generate({ secret, epoch: now + 30 }) });
    await post("/disable", { password: session.password, code: renewed.recoveryCodes[0] });
    const mine = await read(`?actor=${encodeURIComponent(session.email)}`);
    expect(mine.entries.map((e) => e.action).filter((a) => a.startsWith("auth.") && a !== "auth.login")).toEqual([
      "auth.two-factor-off",
      "auth.recovery-codes",
      "auth.two-factor-on",
    ]);
    expect(mine.entries.find((e) => e.action === "auth.two-factor-on")!.actionLabel).toBe("Tweestapsverificatie aangezet");
    const everything = (await db.sql<{ row: string }[]>`select to_jsonb(a)::text as row from audit_log a`).map((r) => r.row).join("\n");
    for (const secretText of [secret, ...recoveryCodes, ...renewed.recoveryCodes]) expect(everything).not.toContain(secretText);
  });

  test("account changes from the command line are recorded with the command line as actor", async () => {
    const email = `cli-${randomUUID().slice(0, 8)}@example.org`;
    const created = await accountCommands.create.run(db.sql, { email, role: "viewer", name: "Via de opdrachtregel", teams: [] });
    await accountCommands["set-role"].run(db.sql, { email, role: "teamleader", teams: ["Noord"] });
    await accountCommands.deactivate.run(db.sql, { email });
    await accountCommands.activate.run(db.sql, { email });
    const { password } = await accountCommands["reset-password"].run(db.sql, { email });
    await accountCommands["reset-two-factor"].run(db.sql, { email });
    const about = (await read("?pageSize=200")).entries.filter((e) => e.target?.label === email).reverse();
    expect(about.map((e) => e.action)).toEqual(["account.create", "account.update", "account.update", "account.update", "account.password-reset", "auth.two-factor-off"]);
    expect(about.every((e) => e.actor.kind === "cli" && e.actor.email!.startsWith("opdrachtregel") && e.target?.id === created.id)).toBe(true);
    expect(about[1]!.details).toMatchObject({ before: { role: "viewer", active: true }, after: { role: "teamleader", teams: ["Noord"], active: true } });
    expect(about[2]!.details).toMatchObject({ before: { active: true }, after: { active: false } });
    const everything = (await db.sql<{ row: string }[]>`select to_jsonb(a)::text as row from audit_log a`).map((r) => r.row).join("\n");
    for (const secretText of [created.password!, password]) expect(everything).not.toContain(secretText);
  });

  test("a logout and a login are recorded for the account", async () => {
    const session = await sessionAs(app, db.sql, "viewer");
    await call("POST", "/api/auth/logout", undefined, session);
    await login(app, session.email, session.password);
    const mine = await read(`?actor=${encodeURIComponent(session.email)}`);
    expect(mine.entries.map((e) => e.action)).toEqual(["auth.login", "auth.logout", "auth.login"]);
  });

  test("records open-link limits, left-out bursts and their return, the codebook and action plans, without the actions' words", async () => {
    const { scanId } = await publishAs(db.sql, individualMiniScan);
    const created = await call("POST", "/api/admin/rounds", {
      scanId,
      title: "Open link",
      group: "Academie",
      opensAt: setup.clock().toISOString(),
      closesAt: new Date(setup.clock().getTime() + 30 * 86_400_000).toISOString(),
      respondents: [],
      openLink: true,
    });
    const opened = (await created.json()) as { round: { id: string }; openLink: string };
    const openRoundId = opened.round.id;
    const put = await call("PUT", `/api/admin/rounds/${openRoundId}/open-link`, { maxResponses: 50, perHour: 20, onePerDevice: false });
    expect(put.status).toBe(200);
    const openToken = opened.openLink.split("/").pop()!;
    const answered = await send(app, "POST", `/api/respond/${openToken}/submit`, { responseId: randomUUID(), data: miniAnswers });
    expect(answered.status).toBe(200);
    const from = new Date(setup.clock().getTime() - 86_400_000).toISOString();
    const to = new Date(setup.clock().getTime() + 86_400_000).toISOString();
    const excluded = await call("POST", `/api/admin/rounds/${openRoundId}/open-link/exclusions`, { from, to });
    expect(excluded.status).toBe(200);
    const exclusionId = ((await excluded.json()) as { exclusions: { id: string }[] }).exclusions[0]!.id;
    expect((await call("DELETE", `/api/admin/rounds/${openRoundId}/open-link/exclusions/${exclusionId}`)).status).toBe(200);
    expect((await call("GET", `/api/admin/reports/rounds/${roundId}/codebook.csv`)).status).toBe(200);
    const planned = await call("POST", `/api/admin/rounds/${roundId}/actions`, { target: { kind: "item", id: "missie" }, what: "Gesprek met Anna Jansen", who: "Bram" });
    expect(planned.status).toBe(201);
    const actionId = ((await planned.json()) as { id: string }).id;
    expect((await call("PATCH", `/api/admin/rounds/${roundId}/actions/${actionId}`, { status: "done", who: "Cor" })).status).toBe(200);

    const { entries } = await read(`?round=${openRoundId}&action=round.update&pageSize=50`);
    expect(entries.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ change: "open-link", maxResponses: 50, perHour: 20, onePerDevice: false }),
        expect.objectContaining({ change: "exclude-burst", burstFrom: from, burstTo: to, excluded: 1 }),
        expect.objectContaining({ change: "restore-burst", restored: 1 }),
      ]),
    );
    const mine = (await read(`?round=${roundId}&pageSize=200`)).entries;
    expect(mine.filter((e) => e.action === "report.export").map((e) => e.details.format)).toContain("codebook");
    const plans = mine.filter((e) => e.action === "series.action");
    expect(plans.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ change: "action-added", target: "missie", status: "planned" }),
        expect.objectContaining({ change: "action-changed", status: "done" }),
      ]),
    );
    expect(JSON.stringify(plans)).not.toMatch(/Anna|Bram|Cor/);
  });
});

describe("the two-role setup on PostgreSQL (server/db/app-role.sql)", () => {
  test("the app's role adds to and reads the audit log, and can neither change, delete, truncate nor alter it; the purge still works", async () => {
    const shared = process.env.TEST_DATABASE_URL;
    const cluster = shared ? null : await startCluster();
    const superUrl = shared ?? cluster!.url;
    const su = postgres(superUrl, { max: 1, onnotice: () => {} });
    const suffix = randomUUID().replace(/-/g, "").slice(0, 8);
    const owner = `peilstok_owner_${suffix}`;
    const appRole = `peilstok_app_${suffix}`;
    const dbName = `peilstok_roles_${suffix}`;
    const urlFor = (user: string) => {
      const u = new URL(superUrl);
      u.username = user;
      u.password = "";
      u.pathname = `/${dbName}`;
      return u.toString();
    };
    await su.unsafe(`create role ${owner} login`);
    await su.unsafe(`create role ${appRole} login`);
    await su.unsafe(`create database ${dbName} owner ${owner}`);
    const asOwner = postgres(urlFor(owner), { max: 1, onnotice: () => {} });
    const asApp = postgres(urlFor(appRole), { max: 2, onnotice: () => {} });
    try {
      // Since PostgreSQL 15 only the schema's owner may create in public.
      const inNewDb = postgres(urlFor(new URL(superUrl).username), { max: 1, onnotice: () => {} });
      await inNewDb.unsafe(`alter schema public owner to ${owner}`);
      await inNewDb.end();
      await migrate(asOwner);
      const script = (await readFile("server/db/app-role.sql", "utf8")).replaceAll(':"app"', `"${appRole}"`);
      await asOwner.unsafe(script);

      // The app works as usual with its role: migrations are a no-op, rows are written and read.
      expect(await migrate(asApp)).toEqual([]);
      await recordAudit(asApp, { action: "auth.login", actor: { kind: "system" } });
      await asApp`insert into app_secrets (name, value) values ('probe', 'x')`;
      await asApp`delete from app_secrets where name = 'probe'`;
      expect((await asApp`select count(*)::int as n from audit_log`)[0]!.n).toBe(1);

      for (const statement of [
        "update audit_log set action = 'auth.logout'",
        "delete from audit_log",
        "truncate audit_log",
        "alter table audit_log disable trigger audit_log_append_only",
        "drop trigger audit_log_append_only on audit_log",
        "drop table audit_log",
      ]) {
        await expect(asApp.unsafe(statement), statement).rejects.toThrow(/permission denied|must be (the )?owner/);
      }
      await asOwner`insert into audit_log (at, actor_kind, action) values (now() - interval '30 months', 'system', 'lifecycle.retention')`;
      expect(await purgeAuditLog(asApp)).toBe(1);
      expect((await asApp`select count(*)::int as n from audit_log`)[0]!.n).toBe(1);
    } finally {
      await asApp.end();
      await asOwner.end();
      await su.unsafe(`drop database if exists ${dbName} with (force)`);
      await su.unsafe(`drop role if exists ${appRole}`);
      await su.unsafe(`drop role if exists ${owner}`);
      await su.end();
      await cluster?.stop();
    }
  });
});
