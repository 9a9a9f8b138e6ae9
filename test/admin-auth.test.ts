import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import { createAccount, ensureFirstAdmin } from "../server/accounts/service.ts";
import type { Role } from "../server/accounts/queries.ts";
import { individualMiniScan } from "./fixtures/mini-scan.ts";
import { sessionAs, login, type TestSession } from "./support/accounts.ts";
import { createRoundVia, publishAs, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

const fiveItems = `scan rechten-test
  title "Rechtentest"
  answered-by team-together
  anonymous no

scale vaak 1..5

theme t "Thema"
  rate a "A" on vaak
`;

/**
 * Who may call each admin route. Every route the app serves under /api/admin must be listed here:
 * a new route without an entry fails "lists every admin route in the role matrix".
 * "own" means: allowed for a teamleader on their own team's round, 404 on another team's.
 */
type Access = "yes" | "no" | "own";
const matrix: Record<string, Record<Role, Access>> = {
  "GET /api/admin/scans": { admin: "yes", teamleader: "yes", viewer: "yes" },
  "POST /api/admin/scans": { admin: "yes", teamleader: "no", viewer: "no" },
  "GET /api/admin/scans/:scanId/versions": { admin: "yes", teamleader: "yes", viewer: "yes" },
  "GET /api/admin/scans/:scanId/versions/:version/source": { admin: "yes", teamleader: "yes", viewer: "yes" },
  "GET /api/admin/scans/:scanId/versions/:version": { admin: "yes", teamleader: "yes", viewer: "yes" },
  // Scan drafts: "own" means a draft the teamleader started; another's answers 404.
  "GET /api/admin/scan-drafts": { admin: "yes", teamleader: "yes", viewer: "yes" },
  "POST /api/admin/scan-drafts": { admin: "yes", teamleader: "yes", viewer: "no" },
  "GET /api/admin/scan-drafts/:draftId": { admin: "yes", teamleader: "own", viewer: "yes" },
  "PUT /api/admin/scan-drafts/:draftId": { admin: "yes", teamleader: "own", viewer: "no" },
  "DELETE /api/admin/scan-drafts/:draftId": { admin: "yes", teamleader: "own", viewer: "no" },
  "POST /api/admin/scan-drafts/:draftId/publish": { admin: "yes", teamleader: "no", viewer: "no" },
  "GET /api/admin/rounds": { admin: "yes", teamleader: "yes", viewer: "yes" },
  "POST /api/admin/rounds": { admin: "yes", teamleader: "own", viewer: "no" },
  "GET /api/admin/rounds/:id": { admin: "yes", teamleader: "own", viewer: "yes" },
  "PATCH /api/admin/rounds/:id": { admin: "yes", teamleader: "own", viewer: "no" },
  "DELETE /api/admin/rounds/:id": { admin: "yes", teamleader: "own", viewer: "no" },
  "POST /api/admin/rounds/:id/close": { admin: "yes", teamleader: "own", viewer: "no" },
  "POST /api/admin/rounds/:id/reopen": { admin: "yes", teamleader: "own", viewer: "no" },
  "POST /api/admin/rounds/:id/archive": { admin: "yes", teamleader: "own", viewer: "no" },
  "POST /api/admin/rounds/:id/unarchive": { admin: "yes", teamleader: "own", viewer: "no" },
  "GET /api/admin/accounts": { admin: "yes", teamleader: "no", viewer: "no" },
  "POST /api/admin/accounts": { admin: "yes", teamleader: "no", viewer: "no" },
  "PATCH /api/admin/accounts/:id": { admin: "yes", teamleader: "no", viewer: "no" },
  "GET /api/admin/reports/rounds/:id": { admin: "yes", teamleader: "own", viewer: "yes" },
  "GET /api/admin/reports/rounds/:id/series": { admin: "yes", teamleader: "own", viewer: "yes" },
  "GET /api/admin/reports/rounds/:id/export.csv": { admin: "yes", teamleader: "own", viewer: "yes" },
  "GET /api/admin/reports/rounds/:id/export.xlsx": { admin: "yes", teamleader: "own", viewer: "yes" },
  "GET /api/admin/reports/rounds/:id/answers.csv": { admin: "yes", teamleader: "own", viewer: "yes" },
  "GET /api/admin/reports/rounds/:id/codebook.csv": { admin: "yes", teamleader: "own", viewer: "yes" },
  "GET /api/admin/rounds/:id/recipients": { admin: "yes", teamleader: "own", viewer: "yes" },
  "GET /api/admin/rounds/:id/response-rate": { admin: "yes", teamleader: "own", viewer: "yes" },
  "GET /api/admin/rounds/:id/mail-settings": { admin: "yes", teamleader: "own", viewer: "yes" },
  "PUT /api/admin/rounds/:id/mail-settings": { admin: "yes", teamleader: "no", viewer: "no" },
  "POST /api/admin/rounds/:id/respondents": { admin: "yes", teamleader: "no", viewer: "no" },
  "POST /api/admin/rounds/:id/respondents/import": { admin: "yes", teamleader: "no", viewer: "no" },
  "DELETE /api/admin/rounds/:id/respondents/:respondentId": { admin: "yes", teamleader: "no", viewer: "no" },
  "POST /api/admin/rounds/:id/invitations": { admin: "yes", teamleader: "no", viewer: "no" },
  "POST /api/admin/rounds/:id/reminders": { admin: "yes", teamleader: "own", viewer: "no" },
  "GET /api/admin/rounds/:id/open-link": { admin: "yes", teamleader: "own", viewer: "yes" },
  "PUT /api/admin/rounds/:id/open-link": { admin: "yes", teamleader: "no", viewer: "no" },
  "POST /api/admin/rounds/:id/open-link/exclusions": { admin: "yes", teamleader: "no", viewer: "no" },
  "DELETE /api/admin/rounds/:id/open-link/exclusions/:exclusionId": { admin: "yes", teamleader: "no", viewer: "no" },
  "GET /api/admin/mail/outbox": { admin: "yes", teamleader: "no", viewer: "no" },
  "GET /api/admin/mail/response-rates": { admin: "yes", teamleader: "yes", viewer: "yes" },
  "GET /api/admin/series": { admin: "yes", teamleader: "yes", viewer: "yes" },
  "POST /api/admin/series": { admin: "yes", teamleader: "own", viewer: "no" },
  "GET /api/admin/series/:id": { admin: "yes", teamleader: "own", viewer: "yes" },
  "POST /api/admin/series/:id/open-next": { admin: "yes", teamleader: "own", viewer: "no" },
  "GET /api/admin/rounds/:id/comparability": { admin: "yes", teamleader: "own", viewer: "yes" },
  "GET /api/admin/rounds/:id/actions": { admin: "yes", teamleader: "own", viewer: "yes" },
  "GET /api/admin/rounds/:id/actions/follow-up": { admin: "yes", teamleader: "own", viewer: "yes" },
  "POST /api/admin/rounds/:id/actions": { admin: "yes", teamleader: "own", viewer: "no" },
  "PATCH /api/admin/rounds/:id/actions/:actionId": { admin: "yes", teamleader: "own", viewer: "no" },
  "GET /api/admin/settings": { admin: "yes", teamleader: "no", viewer: "no" },
  "PATCH /api/admin/settings": { admin: "yes", teamleader: "no", viewer: "no" },
  "GET /api/admin/audit": { admin: "yes", teamleader: "no", viewer: "no" },
  "GET /api/admin/oidc/requests": { admin: "yes", teamleader: "no", viewer: "no" },
  "POST /api/admin/oidc/requests/:id/approve": { admin: "yes", teamleader: "no", viewer: "no" },
  "DELETE /api/admin/oidc/requests/:id": { admin: "yes", teamleader: "no", viewer: "no" },
  "GET /api/admin/privacy/subject": { admin: "yes", teamleader: "no", viewer: "no" },
  "POST /api/admin/privacy/subject/erase": { admin: "yes", teamleader: "no", viewer: "no" },
};

function adminRoutes(app: App): string[] {
  const seen = new Set<string>();
  for (const r of app.routes) {
    if (r.method === "ALL" || !r.path.startsWith("/api/admin/") || r.path.endsWith("*")) continue;
    seen.add(`${r.method} ${r.path.replace(/\/$/, "")}`);
  }
  return [...seen].sort();
}

describe.each(backends)("admin accounts and roles on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let scanId: string;
  let ownRound: string;
  let otherRound: string;
  // A series and an action of each round, for the routes that name one.
  const seriesOf: Record<string, string> = {};
  const actionOf: Record<string, string> = {};
  const respondentOf: Record<string, string> = {};
  const exclusionOf: Record<string, string> = {};
  const draftOf: Record<string, string> = {};
  // Rounds the lifecycle routes may close, archive or delete, so the others keep theirs.
  const spareOf: Record<string, string> = {};
  const deletableOf: Record<string, string[]> = {};
  // The account the matrix changes (to the role it already has).
  let matrixAccount: string;
  // Someone waiting for a role after an organisation-account login (approve gets a bad body: 400).
  const oidcRequest = "6f2a5c1e-0000-4000-8000-000000000001";
  const as = {} as Record<Role, TestSession>;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    ({ scanId } = await publishAs(db.sql, individualMiniScan));
    const own = await createRoundVia(app, { scanId, group: "Noord" } as never);
    const other = await createRoundVia(app, { scanId, group: "Zuid" } as never);
    ownRound = own.round.id;
    otherRound = other.round.id;
    respondentOf[ownRound] = own.links[0]!.respondentId;
    respondentOf[otherRound] = other.links[0]!.respondentId;
    for (const [round, group] of [[ownRound, "Noord"], [otherRound, "Zuid"]] as const) {
      spareOf[round] = (await createRoundVia(app, { scanId, group } as never)).round.id;
      deletableOf[round] = [];
      for (let i = 0; i < 3; i++) deletableOf[round].push((await createRoundVia(app, { scanId, group } as never)).round.id);
    }
    as.admin = await sessionAs(app, db.sql, "admin");
    as.teamleader = await sessionAs(app, db.sql, "teamleader", ["Noord"]);
    as.viewer = await sessionAs(app, db.sql, "viewer");
    matrixAccount = (await createAccount(db.sql, { email: "matrix@example.org", role: "viewer" })).id;
    await db.sql`insert into oidc_requests (id, issuer, subject, email) values (${oidcRequest}, 'https://idp.example', 'matrix', 'wacht@example.org')`;
    for (const round of [ownRound, otherRound]) {
      const post = async (path: string, body: unknown) => {
        const res = await app.request(path, { method: "POST", body: JSON.stringify(body), headers: as.admin.headers() });
        expect(res.status, path).toBe(201);
        return ((await res.json()) as { id: string }).id;
      };
      exclusionOf[round] = randomUUID();
      await db.sql`insert into open_link_exclusions (id, round_id, from_at, to_at, responses) values (${exclusionOf[round]!}, ${round}, now(), now(), 0)`;
      seriesOf[round] = await post("/api/admin/series", { roundId: round, title: "Matrixreeks" });
      actionOf[round] = await post(`/api/admin/rounds/${round}/actions`, {
        target: { kind: "item", id: "missie" },
        what: "Missie bespreken",
        who: "Team",
      });
    }
  });
  afterAll(async () => db?.close());

  test("lists every admin route in the role matrix", () => {
    expect(adminRoutes(app).filter((route) => !(route in matrix))).toEqual([]);
  });

  // Matrix entries for routes this app does not (yet) serve are skipped.
  const served = () => Object.keys(matrix).filter((key) => adminRoutes(app).includes(key));

  const lifecycle = /^(PATCH|DELETE) \/api\/admin\/rounds\/:id$|^POST \/api\/admin\/rounds\/:id\/(close|reopen|archive|unarchive)$/;

  function idFor(key: string, pattern: string, round: string): string {
    if (pattern.startsWith("/api/admin/series/")) return seriesOf[round]!;
    if (pattern.startsWith("/api/admin/accounts/")) return matrixAccount;
    if (pattern.startsWith("/api/admin/oidc/requests/")) return oidcRequest;
    // Each allowed delete takes a round of its own; a refused one needs only an id.
    if (key === "DELETE /api/admin/rounds/:id") return deletableOf[round]!.length > 1 ? deletableOf[round]!.shift()! : deletableOf[round]![0]!;
    if (lifecycle.test(key)) return spareOf[round]!;
    return round;
  }

  /** A draft for a route that names one: the teamleader's own for their round, the admin's for the other. */
  async function draftFor(key: string, round: string): Promise<string> {
    const owner = round === ownRound ? as.teamleader : as.admin;
    // Deleting and publishing use the draft up: those get a fresh one.
    if (key.startsWith("DELETE ") || key.endsWith("/publish") || !draftOf[round]) {
      const res = await app.request("/api/admin/scan-drafts", { method: "POST", body: JSON.stringify({ source: fiveItems }), headers: owner.headers() });
      expect(res.status).toBe(201);
      const id = ((await res.json()) as { id: string }).id;
      if (!key.startsWith("DELETE ") && !key.endsWith("/publish")) draftOf[round] = id;
      return id;
    }
    return draftOf[round]!;
  }

  async function request(key: string, round: string) {
    const [method, pattern] = key.split(" ") as [string, string];
    const path = pattern
      .replace(":draftId", pattern.includes(":draftId") ? await draftFor(key, round) : "")
      .replace(":scanId", scanId)
      .replace(":version", "1")
      .replace(":actionId", actionOf[round]!)
      .replace(":respondentId", respondentOf[round]!)
      .replace(":exclusionId", exclusionOf[round]!)
      .replace(":id", idFor(key, pattern, round));
    const bodies: Record<string, unknown> = {
      "POST /api/admin/scans": { source: fiveItems },
      "POST /api/admin/scan-drafts": { source: fiveItems },
      "PUT /api/admin/scan-drafts/:draftId": { source: fiveItems },
      "POST /api/admin/rounds": {
        scanId,
        title: "Matrix",
        group: round === ownRound ? "Noord" : "Zuid",
        opensAt: new Date(Date.now() - 1000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        openLink: true,
      },
      "POST /api/admin/accounts": { email: `nieuw-${Math.random().toString(36).slice(2)}@example.org`, role: "viewer" },
      "PATCH /api/admin/accounts/:id": { role: "viewer" },
      // The round already belongs to a series (409): allowed, but not created twice.
      "POST /api/admin/series": { roundId: round, title: "Matrix" },
      "POST /api/admin/rounds/:id/actions": { target: { kind: "theme", id: "visie" }, what: "Bespreken", who: "Team" },
      "PATCH /api/admin/rounds/:id/actions/:actionId": { status: "doing" },
      "PATCH /api/admin/settings": { minGroupSize: 5 },
      "PUT /api/admin/rounds/:id/open-link": { maxResponses: 1000, perHour: 200, onePerDevice: true },
      "POST /api/admin/rounds/:id/open-link/exclusions": { from: new Date(0).toISOString(), to: new Date(1000).toISOString() },
      "PATCH /api/admin/rounds/:id": { closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString() },
      "POST /api/admin/rounds/:id/reopen": { closesAt: new Date(Date.now() + 86_400_000).toISOString() },
    };
    const body = bodies[key];
    return { method, path, body: body === undefined ? undefined : JSON.stringify(body) };
  }

  test("answers 401 to nobody on every admin route", async () => {
    for (const key of served()) {
      const { method, path, body } = await request(key, ownRound);
      const res = await app.request(path, { method, body, headers: { "content-type": "application/json" } });
      expect(res.status, key).toBe(401);
    }
  });

  test.each(["admin", "teamleader", "viewer"] as const)("lets a %s in or out of every admin route as the matrix says", async (role) => {
    for (const key of served()) {
      const access = matrix[key]![role];
      const own = await request(key, ownRound);
      const res = await app.request(own.path, { method: own.method, body: own.body, headers: as[role].headers() });
      if (access === "no") {
        expect(res.status, `${role} ${key}`).toBe(403);
        continue;
      }
      // Allowed means: not refused for who you are (the body may still be wrong: 400).
      expect([401, 403, 404], `${role} ${key}: ${await res.clone().text()}`).not.toContain(res.status);
      if (access === "own") {
        const other = await request(key, otherRound);
        const denied = await app.request(other.path, { method: other.method, body: other.body, headers: as[role].headers() });
        expect([403, 404], `${role} ${key} on another team's round`).toContain(denied.status);
      }
    }
  });

  test("a teamleader's round list holds only their own teams' rounds", async () => {
    const res = await app.request("/api/admin/rounds", { headers: as.teamleader.headers() });
    const ids = ((await res.json()) as { rounds: { id: string; group: string }[] }).rounds.map((r) => r.id);
    expect(ids).toContain(ownRound);
    expect(ids).not.toContain(otherRound);
    const all = await app.request("/api/admin/rounds", { headers: as.viewer.headers() });
    expect(((await all.json()) as { rounds: { id: string }[] }).rounds.map((r) => r.id)).toContain(otherRound);
  });

  test("a wrong password or unknown e-mail address gets the same answer", async () => {
    for (const [email, password] of [
      [as.admin.email, "niet-het-wachtwoord"],
      ["niemand@example.org", "niet-het-wachtwoord"],
    ]) {
      const res = await app.request("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("login-failed");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  test("the session cookie is http-only and same-site strict, and passwords are stored as argon2id", async () => {
    const { response } = await login(app, as.viewer.email, as.viewer.password);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    const [row] = await db.sql<{ password_hash: string }[]>`select password_hash from accounts where email = ${as.viewer.email}`;
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    const sessions = await db.sql<{ id_hash: string }[]>`select id_hash from sessions`;
    expect(sessions.map((s) => s.id_hash)).not.toContain(cookie.split(";")[0]!.split("=")[1]);
  });

  test("behind https the cookie is Secure with the __Host- prefix", async () => {
    const secureApp = testApp(db.sql, { publicUrl: "https://peilstok.example" });
    const { response, cookie } = await login(secureApp, as.viewer.email, as.viewer.password);
    expect(cookie.startsWith("__Host-peilstok-session=")).toBe(true);
    expect(response.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  test("a state-changing request with the cookie but without the CSRF token is refused", async () => {
    const body = JSON.stringify({ email: "csrf@example.org", role: "viewer" });
    const withoutToken = await app.request("/api/admin/accounts", {
      method: "POST",
      body,
      headers: { cookie: as.admin.cookie, "content-type": "application/json" },
    });
    expect(withoutToken.status).toBe(403);
    expect(((await withoutToken.json()) as { error: { code: string } }).error.code).toBe("csrf-invalid");
    const wrongToken = await app.request("/api/admin/accounts", {
      method: "POST",
      body,
      headers: as.admin.headers({ "x-csrf-token": as.viewer.csrfToken }),
    });
    expect(wrongToken.status).toBe(403);
    const rightToken = await app.request("/api/admin/accounts", { method: "POST", body, headers: as.admin.headers() });
    expect(rightToken.status).toBe(201);
    expect(((await rightToken.json()) as { password: string }).password).toHaveLength(24);
  });

  test("logging out ends the session on the server", async () => {
    const session = await sessionAs(app, db.sql, "viewer");
    expect((await app.request("/api/auth/session", { headers: session.headers() })).status).toBe(200);
    const out = await app.request("/api/auth/logout", { method: "POST", headers: session.headers() });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    // The old cookie, replayed, no longer works.
    expect((await app.request("/api/auth/session", { headers: session.headers() })).status).toBe(401);
    expect((await app.request("/api/admin/rounds", { headers: session.headers() })).status).toBe(401);
  });

  test("changing the password ends the other sessions", async () => {
    const session = await sessionAs(app, db.sql, "viewer");
    const second = await login(app, session.email, session.password);
    const res = await app.request("/api/auth/password", {
      method: "POST",
      headers: session.headers(),
      body: JSON.stringify({ current: session.password, next: "een-nieuw-lang-wachtwoord" }),
    });
    expect(res.status).toBe(200);
    expect((await app.request("/api/auth/session", { headers: { cookie: second.cookie } })).status).toBe(401);
    await login(app, session.email, "een-nieuw-lang-wachtwoord");
  });

  test("the API token acts as admin; a wrong one is refused", async () => {
    const ok = await app.request("/api/admin/accounts", { headers: { authorization: "Bearer test-admin-token-0123456789abcdef" } });
    expect(ok.status).toBe(200);
    const wrong = await app.request("/api/admin/accounts", { headers: { authorization: "Bearer test-admin-token-0123456789abcdeX" } });
    expect(wrong.status).toBe(401);
    const none = testApp(db.sql, { adminToken: undefined });
    const unset = await none.request("/api/admin/accounts", { headers: { authorization: "Bearer undefined" } });
    expect(unset.status).toBe(401);
  });

  test("publishing refuses a scan with errors and keeps versions immutable", async () => {
    const broken = await app.request("/api/admin/scans", {
      method: "POST",
      headers: as.admin.headers(),
      body: JSON.stringify({ source: fiveItems.replace('rate a "A" on vaak', 'rate a "A" on vak') }),
    });
    expect(broken.status).toBe(422);
    const body = (await broken.json()) as { error: { code: string; issues: { field: string; message: string }[] } };
    expect(body.error.code).toBe("scan-invalid");
    expect(body.error.issues[0]).toMatchObject({ field: "source:9:17" });
    expect(body.error.issues[0]!.message).toMatch(/^scale-undefined/);

    const again = await app.request("/api/admin/scans", { method: "POST", headers: as.admin.headers(), body: JSON.stringify({ source: fiveItems }) });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ scan: "rechten-test", version: 1, status: "unchanged" });
    const changed = fiveItems.replace('"A"', '"A, anders gezegd"').replace("on vaak\n", "on vaak\n  rate b \"B\" on vaak\n");
    const v2 = await app.request("/api/admin/scans", { method: "POST", headers: as.admin.headers(), body: JSON.stringify({ source: changed }) });
    expect(v2.status).toBe(201);
    const history = await app.request("/api/admin/scans/rechten-test/versions", { headers: as.viewer.headers() });
    const { versions } = (await history.json()) as { versions: { version: number; sincePrevious: unknown }[] };
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.sincePrevious).toMatchObject({
      comparability: "comparable",
      changes: [
        { item: "a", change: "reworded" },
        { item: "b", change: "added" },
      ],
    });
    const source = await app.request("/api/admin/scans/rechten-test/versions/1/source", { headers: as.viewer.headers() });
    expect(((await source.json()) as { source: string }).source).toBe(fiveItems);
  });
});

describe("the first admin", () => {
  test("is created once on an empty database, with a generated password printed once", async () => {
    const db = await openTestDb("embedded");
    try {
      const lines: string[] = [];
      const log = { info: (m: string) => lines.push(m), warn: () => {}, error: () => {} };
      const first = await ensureFirstAdmin(db.sql, "beheer@example.org", log);
      expect(first?.role).toBe("admin");
      expect(first?.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(lines.join("\n")).toContain(first!.password!);
      expect(await ensureFirstAdmin(db.sql, "beheer@example.org", log)).toBeNull();
      expect(lines).toHaveLength(1);
      const app = testApp(db.sql, { adminToken: undefined });
      await login(app, "beheer@example.org", first!.password!);
    } finally {
      await db.close();
    }
  });
});
