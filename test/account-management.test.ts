// Changing accounts after they exist: role and teams, deactivating and reactivating, the last
// active admin, and expired sessions being cleaned up. Through the admin API and the CLI.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import { startSessionSweeper } from "../server/accounts/session.ts";
import { insertSession } from "../server/accounts/queries.ts";
import { silentLog } from "../server/lib/log.ts";
import { sha256 } from "../server/lib/tokens.ts";
import { login, sessionAs, type TestSession } from "./support/accounts.ts";
import { adminToken, testApp } from "./support/app.ts";
import { startServer, type ServerProcess } from "./support/server-process.ts";
import { lockDataDir } from "../server/db/data-dir-lock.ts";
import { backends, openTestDb, seedEmbeddedDataDir, type Backend, type TestDb } from "./support/db.ts";

interface AccountJson {
  id: string;
  email: string;
  role: string;
  teams: string[];
  active: boolean;
  deactivatedAt: string | null;
}

describe.each(backends)("account management on %s", (backend) => {
  let db: TestDb;
  let app: App;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
  });
  afterAll(async () => db?.close());

  const accountId = async (email: string) =>
    (await db.sql<{ id: string }[]>`select id from accounts where email = ${email}`)[0]!.id;

  async function change(by: TestSession | "token", email: string, body: unknown) {
    const headers = by === "token" ? { authorization: `Bearer ${adminToken}`, "content-type": "application/json" } : by.headers();
    const res = await app.request(`/api/admin/accounts/${await accountId(email)}`, { method: "PATCH", headers, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { account: AccountJson; error: { code: string; message: string; issues?: { field: string; message: string }[] } } };
  }

  const whoAmI = async (session: TestSession) => {
    const res = await app.request("/api/auth/session", { headers: session.headers() });
    return res.status === 200 ? ((await res.json()) as { user: { role: string; teams: string[] } }).user : res.status;
  };

  const tryLogin = (email: string, password: string) =>
    app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });

  test("an admin makes a viewer a teamleader of two teams, which takes effect in the open session", async () => {
    const admin = await sessionAs(app, db.sql, "admin");
    const viewer = await sessionAs(app, db.sql, "viewer");
    const changed = await change(admin, viewer.email, { role: "teamleader", teams: ["Noord", "Zuid", "Noord"] });
    expect(changed.status).toBe(200);
    expect(changed.body.account).toMatchObject({ email: viewer.email, role: "teamleader", teams: ["Noord", "Zuid"], active: true });
    expect(await whoAmI(viewer)).toEqual(expect.objectContaining({ role: "teamleader", teams: ["Noord", "Zuid"] }));

    // New teams replace the old ones; back to viewer drops them.
    expect((await change(admin, viewer.email, { teams: ["Oost"] })).body.account.teams).toEqual(["Oost"]);
    expect((await change(admin, viewer.email, { role: "viewer" })).body.account).toMatchObject({ role: "viewer", teams: [] });
    expect(await db.sql`select * from account_teams where account_id = ${await accountId(viewer.email)}`).toHaveLength(0);
    expect(await whoAmI(viewer)).toEqual(expect.objectContaining({ role: "viewer", teams: [] }));
  });

  test("deactivating ends every session of the account at once and refuses its login like a wrong password", async () => {
    const admin = await sessionAs(app, db.sql, "admin");
    const leader = await sessionAs(app, db.sql, "teamleader", ["Noord"]);
    const second = await login(app, leader.email, leader.password);
    const id = await accountId(leader.email);

    const res = await change(admin, leader.email, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ active: false, role: "teamleader", teams: ["Noord"] });
    expect(Date.parse(res.body.account.deactivatedAt!)).toBeGreaterThan(Date.now() - 60_000);

    expect(await db.sql`select * from sessions where account_id = ${id}`).toHaveLength(0);
    expect(await whoAmI(leader)).toBe(401);
    expect((await app.request("/api/admin/rounds", { headers: { cookie: second.cookie } })).status).toBe(401);

    const refused = await tryLogin(leader.email, leader.password);
    const wrong = await tryLogin(leader.email, "niet-het-wachtwoord");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual(await wrong.json());
    expect(refused.headers.get("set-cookie")).toBeNull();
    expect(await db.sql`select * from sessions where account_id = ${id}`).toHaveLength(0);

    // Even a session row that somehow outlived the deactivation lets nobody in.
    await insertSession(db.sql, { idHash: sha256("overgebleven"), accountId: id, expiresAt: new Date(Date.now() + 60_000) });
    const stale = await app.request("/api/auth/session", { headers: { cookie: "peilstok-session=overgebleven" } });
    expect(stale.status).toBe(401);

    const list = await app.request("/api/admin/accounts", { headers: admin.headers() });
    const listed = ((await list.json()) as { accounts: AccountJson[] }).accounts.find((a) => a.email === leader.email);
    expect(listed).toMatchObject({ active: false, deactivatedAt: res.body.account.deactivatedAt });
  });

  test("reactivating lets the account log in again with its own password, role and teams", async () => {
    const admin = await sessionAs(app, db.sql, "admin");
    const leader = await sessionAs(app, db.sql, "teamleader", ["Zuid"]);
    expect((await change(admin, leader.email, { active: false })).status).toBe(200);
    expect((await tryLogin(leader.email, leader.password)).status).toBe(401);

    const back = await change(admin, leader.email, { active: true });
    expect(back.status).toBe(200);
    expect(back.body.account).toMatchObject({ active: true, deactivatedAt: null, role: "teamleader", teams: ["Zuid"] });
    const { cookie } = await login(app, leader.email, leader.password);
    const me = await app.request("/api/auth/session", { headers: { cookie } });
    expect(((await me.json()) as { user: { teams: string[] } }).user.teams).toEqual(["Zuid"]);
  });

  test("the last active admin can be neither deactivated nor demoted, by themselves or the API token", async () => {
    const admin = await sessionAs(app, db.sql, "admin");
    // Leave `admin` as the only active admin; a deactivated admin does not count.
    const others = await db.sql<{ email: string }[]>`
      select email from accounts where role = 'admin' and deactivated_at is null and email <> ${admin.email}
    `;
    for (const { email } of others) expect((await change(admin, email, { active: false })).status).toBe(200);

    for (const [by, body] of [
      [admin, { active: false }],
      [admin, { role: "viewer" }],
      [admin, { role: "teamleader", teams: ["Noord"] }],
      ["token", { active: false }],
    ] as const) {
      const refused = await change(by, admin.email, body);
      expect(refused.status, JSON.stringify(body)).toBe(409);
      expect(refused.body.error.code).toBe("last-admin");
      expect(refused.body.error.message).toMatch(/is the last active admin: make another account admin/);
    }
    expect(await whoAmI(admin)).toEqual(expect.objectContaining({ role: "admin" }));

    // With a second admin, one may step down; the other is then the last.
    const second = await sessionAs(app, db.sql, "admin");
    expect((await change(admin, admin.email, { role: "viewer" })).status).toBe(200);
    expect((await app.request("/api/admin/accounts", { headers: admin.headers() })).status).toBe(403);
    expect((await change(second, second.email, { active: false })).status).toBe(409);
    // A deactivated admin is not the last active one: it may be demoted while `second` is.
    const retired = await sessionAs(app, db.sql, "admin");
    expect((await change(second, retired.email, { active: false })).status).toBe(200);
    expect((await change(second, retired.email, { role: "viewer" })).status).toBe(200);
  });

  test("refuses bad changes with a 4xx naming what is wrong", async () => {
    const admin = await sessionAs(app, db.sql, "admin");
    const viewer = await sessionAs(app, db.sql, "viewer");
    const leader = await sessionAs(app, db.sql, "teamleader", ["Noord"]);
    const cases: [string, unknown, string, RegExp][] = [
      [viewer.email, {}, "json", /at least one of role, teams and active/],
      [viewer.email, { activ: false }, "json", /activ/],
      [viewer.email, { role: "baas" }, "role", /admin|teamleader|viewer/],
      [viewer.email, { active: "nee" }, "active", /boolean/],
      [viewer.email, { role: "teamleader" }, "teams", /a teamleader needs at least one team/],
      [viewer.email, { teams: ["Noord"] }, "teams", /only a teamleader has teams/],
      [viewer.email, { role: "admin", teams: ["Noord"] }, "teams", /only a teamleader has teams/],
      [leader.email, { teams: [] }, "teams", /a teamleader needs at least one team/],
      [leader.email, { teams: [" "] }, "teams.0", /too small|>=1/i],
    ];
    for (const [email, body, field, message] of cases) {
      const res = await change(admin, email, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid-body");
      const issue = res.body.error.issues?.find((i) => i.field === field);
      expect(issue?.message, JSON.stringify(res.body)).toMatch(message);
    }
    expect(await whoAmI(viewer)).toEqual(expect.objectContaining({ role: "viewer", teams: [] }));
    expect(await whoAmI(leader)).toEqual(expect.objectContaining({ role: "teamleader", teams: ["Noord"] }));

    for (const id of ["geen-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const res = await app.request(`/api/admin/accounts/${id}`, { method: "PATCH", headers: admin.headers(), body: JSON.stringify({ active: false }) });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe("account not found");
    }
  });

  test("expired sessions are deleted at the next login and by the periodic sweep", async () => {
    const viewer = await sessionAs(app, db.sql, "viewer");
    const id = await accountId(viewer.email);
    const expire = (name: string) =>
      insertSession(db.sql, { idHash: sha256(name), accountId: id, expiresAt: new Date(Date.now() - 1000) });
    const expired = async () => (await db.sql`select * from sessions where expires_at <= now()`).length;

    await expire("verlopen-1");
    await expire("verlopen-2");
    expect(await expired()).toBe(2);
    await login(app, viewer.email, viewer.password);
    expect(await expired()).toBe(0);
    // The live session stays.
    expect(await whoAmI(viewer)).toEqual(expect.objectContaining({ role: "viewer" }));

    await expire("verlopen-3");
    const sweeper = startSessionSweeper(db.sql, { intervalMs: 50, log: silentLog });
    try {
      await expect.poll(expired).toBe(0);
      // Not only at start: every interval.
      await expire("verlopen-4");
      await expect.poll(expired).toBe(0);
    } finally {
      await sweeper.stop();
    }
    expect(await whoAmI(viewer)).toEqual(expect.objectContaining({ role: "viewer" }));
  });
});

const run = promisify(execFile);

/** `npm run account -- …` as its own process on a database it shares with nobody. */
async function accountDb(backend: Backend): Promise<{ env: NodeJS.ProcessEnv; close(): Promise<void> }> {
  const { DATABASE_URL: _, ...inherited } = process.env;
  if (backend === "postgres") {
    const db = await openTestDb("postgres", { migrated: false });
    return { env: { ...inherited, ...db.serverEnv }, close: () => db.close() };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-cli-"));
  // A just-created embedded database, not yet migrated: the CLI migrates it as on a first run.
  await seedEmbeddedDataDir(dataDir, { migrated: false });
  return { env: { ...inherited, DATA_DIR: dataDir }, close: () => rm(dataDir, { recursive: true, force: true }) };
}

describe.each(backends)("npm run account on %s", (backend) => {
  let db: Awaited<ReturnType<typeof accountDb>>;
  beforeAll(async () => {
    db = await accountDb(backend);
  });
  afterAll(async () => db?.close());

  const account = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, ["--import", "tsx", "server/accounts/cli.ts", ...args], { env: db.env });
      return { code: 0, out: stdout };
    } catch (err) {
      const failed = err as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout + failed.stderr };
    }
  };

  test("sets roles, deactivates and activates, and keeps the last active admin", async () => {
    expect((await account("create", "--email", "beheer@example.org")).code).toBe(0);
    expect((await account("create", "--email", "lid@example.org", "--role", "viewer")).code).toBe(0);

    expect(await account("set-role", "lid@example.org", "teamleader", "--team", "Noord", "Zuid")).toEqual({
      code: 0,
      out: "changed: lid@example.org\tteamleader\tNoord, Zuid\tactive\n",
    });
    const last = await account("deactivate", "beheer@example.org");
    expect(last.code).toBe(1);
    expect(last.out).toMatch(/beheer@example.org is the last active admin/);
    expect(await account("deactivate", "lid@example.org")).toEqual({ code: 0, out: "deactivated lid@example.org; its sessions have ended\n" });

    const list = await account("list");
    expect(list.out).toBe("beheer@example.org\tadmin\t\tactive\nlid@example.org\tteamleader\tNoord, Zuid\tdeactivated\n");
    expect(await account("activate", "lid@example.org")).toEqual({ code: 0, out: "activated lid@example.org\n" });
  });
});

describe.each(backends)("npm run account while the server runs on %s", (backend) => {
  let db: Awaited<ReturnType<typeof accountDb>>;
  let server: ServerProcess | null = null;
  beforeAll(async () => {
    db = await accountDb(backend);
  });
  afterAll(async () => {
    await stop(server);
    await db?.close();
  });

  async function stop(s: ServerProcess | null) {
    if (!s || s.child.exitCode !== null) return;
    s.child.kill("SIGTERM");
    await s.exited;
  }
  const serverEnv = () => Object.fromEntries(Object.entries(db.env).filter((e): e is [string, string] => e[1] !== undefined));

  const account = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "server/accounts/cli.ts", ...args], { env: db.env });
      return { code: 0, out: stdout + stderr };
    } catch (err) {
      const failed = err as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout + failed.stderr };
    }
  };
  const logIn = (url: string, email: string, password: string) =>
    fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });

  test("an account created from the command line can log in at once and still exists after a restart", async () => {
    server = await startServer(serverEnv());
    const created = await account("create", "--email", "terwijl@example.org", "--role", "viewer");
    expect(created.code, created.out).toBe(0);
    const password = /password: (\S+)/.exec(created.out)![1]!;
    expect((await logIn(server.url, "terwijl@example.org", password)).status).toBe(200);
    expect((await account("list")).out).toContain("terwijl@example.org\tviewer\t\tactive\n");

    // The server's refusals come back as the command's own, with no success printed.
    const last = await account("set-role", "niemand@example.org", "viewer");
    expect(last.code).toBe(1);
    expect(last.out).toMatch(/no account for niemand@example.org/);
    const reset = await account("reset-password", "terwijl@example.org");
    const fresh = /new password for terwijl@example.org: (\S+)/.exec(reset.out)![1]!;

    await stop(server);
    server = await startServer(serverEnv());
    expect((await logIn(server.url, "terwijl@example.org", password)).status).toBe(401);
    expect((await logIn(server.url, "terwijl@example.org", fresh)).status).toBe(200);
  });

  // Only the embedded database has a data folder that one process holds.
  if (backend === "embedded") {
    test("a second server or a command on a data folder another process holds refuses, in Dutch and English", async () => {
      if (!server || server.child.exitCode !== null) server = await startServer(serverEnv());
      const second = await startServer(serverEnv()).then(
        (s) => ({ started: true, output: s.output(), stop: () => stop(s) }),
        (err: Error) => ({ started: false, output: err.message, stop: async () => {} }),
      );
      await second.stop();
      expect(second.started).toBe(false);
      expect(second.output).toMatch(/is in gebruik door de Peilstok-server \(proces \d+\)/);
      expect(second.output).toMatch(/is in use by the Peilstok server/);
      // The first server was not disturbed.
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      await stop(server);
      server = null;

      // Another command holding the folder: this one refuses and prints no success.
      const held = await lockDataDir(db.env.DATA_DIR!, "command", "npm run account -- create --email bezig@example.org");
      try {
        const refused = await account("create", "--email", "geweigerd@example.org");
        expect(refused.code).toBe(1);
        expect(refused.out).toMatch(/in gebruik door een ander commando .*npm run account -- create --email bezig@example.org/);
        expect(refused.out).not.toMatch(/password:|created/);
      } finally {
        await held.release();
      }
      const list = await account("list");
      expect(list.code).toBe(0);
      expect(list.out).not.toContain("geweigerd@example.org");
    });
  }
});
