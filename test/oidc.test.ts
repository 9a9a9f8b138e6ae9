// Logging in with the organisation's account: the whole authorization code flow (PKCE, state,
// nonce) against a real OpenID Connect provider started here, on both databases.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import { roleFromClaims } from "../server/oidc/claims.ts";
import { OidcClient } from "../server/oidc/client.ts";
import { loadEnv, type OidcEnv } from "../server/lib/env.ts";
import { sessionAs, type TestSession } from "./support/accounts.ts";
import { publicUrl, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { OidcBrowser, startOidcProvider, type TestIdp } from "./support/oidc-provider.ts";

const redirectUri = `${publicUrl}/api/auth/oidc/callback`;

describe("role and teams from claims", () => {
  const config = { roleClaim: "groups", roleMap: { admin: ["beheer"], teamleader: ["leiding", "coördinatie"], viewer: ["lezers"] }, teamsClaim: "groups", teamPrefix: "team-" };
  test("the highest mapped role wins; teams come from prefixed values; a teamleader without teams has no role", () => {
    expect(roleFromClaims({ groups: ["lezers", "beheer"] }, config)).toEqual({ kind: "role", role: "admin", teams: [] });
    expect(roleFromClaims({ groups: ["coördinatie", "team-Noord", "team-Zuid", "team-Noord", "andere"] }, config)).toEqual({
      kind: "role",
      role: "teamleader",
      teams: ["Noord", "Zuid"],
    });
    expect(roleFromClaims({ groups: ["leiding"] }, config)).toEqual({ kind: "none", reason: "no-teams" });
    expect(roleFromClaims({ groups: "iets" }, config)).toEqual({ kind: "none", reason: "no-role" });
    expect(roleFromClaims({}, { ...config, roleClaim: undefined })).toEqual({ kind: "not-configured" });
    // Without a map, a claim value that is a role's name is that role; nested claims by dotted path.
    expect(roleFromClaims({ realm_access: { roles: ["viewer"] } }, { roleClaim: "realm_access.roles", roleMap: {}, teamsClaim: undefined, teamPrefix: undefined })).toEqual({
      kind: "role",
      role: "viewer",
      teams: [],
    });
  });

  test("the environment names the provider, the client and the mapping, and fails fast on a bad map", () => {
    const env = loadEnv({
      OIDC_ISSUER: "https://login.example.org/realms/gemeente",
      OIDC_CLIENT_ID: "peilstok",
      OIDC_CLIENT_SECRET: "geheim",
      OIDC_ROLE_CLAIM: "groups",
      OIDC_ROLE_MAP: "admin=peilstok-beheer|ict, teamleader=peilstok-leiding,viewer=peilstok-lezers",
      OIDC_TEAMS_CLAIM: "groups",
      OIDC_TEAM_PREFIX: "team-",
    });
    expect(env.oidc).toMatchObject({
      issuer: "https://login.example.org/realms/gemeente",
      clientId: "peilstok",
      scopes: "openid email profile",
      roleMap: { admin: ["peilstok-beheer", "ict"], teamleader: ["peilstok-leiding"], viewer: ["peilstok-lezers"] },
    });
    expect(loadEnv({}).oidc).toBeNull();
    expect(() => loadEnv({ OIDC_ISSUER: "https://login.example.org" })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadEnv({ OIDC_ISSUER: "https://x.org", OIDC_CLIENT_ID: "p", OIDC_ROLE_MAP: "baas=iedereen" })).toThrow(/OIDC_ROLE_MAP/);
  });
});

describe.each(backends)("logging in with an organisation account on %s", (backend) => {
  let db: TestDb;
  let idp: TestIdp;
  let app: App;
  let admin: TestSession;
  let oidcEnv: OidcEnv;

  const browser = () => new OidcBrowser(app, publicUrl);
  const sessionUser = async (cookie: string | null) => {
    expect(cookie).not.toBeNull();
    const res = await app.request("/api/auth/session", { headers: { cookie: cookie! } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { user: { email: string; role: string; teams: string[] } }).user;
  };
  const auditActions = async (email: string) =>
    (await db.sql<{ action: string; details: { method?: string; reason?: string } }[]>`
      select action, details from audit_log where actor_email = ${email} or target_label = ${email} order by id
    `).map((r) => `${r.action}${r.details.reason ? `:${r.details.reason}` : ""}`);

  beforeAll(async () => {
    db = await openTestDb(backend);
    idp = await startOidcProvider({ redirectUri });
    oidcEnv = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      scopes: "openid email profile groups",
      roleClaim: "groups",
      roleMap: { admin: ["peilstok-beheer"], teamleader: ["peilstok-leiding"], viewer: ["peilstok-lezers"] },
      teamsClaim: "groups",
      teamPrefix: "team-",
    };
    app = testApp(db.sql, { oidc: new OidcClient(oidcEnv, redirectUri) });
    admin = await sessionAs(app, db.sql, "admin");
  });
  afterAll(async () => {
    await idp?.stop();
    await db?.close();
  });

  test("the login page learns that organisation accounts can be used", async () => {
    const res = await app.request("/api/auth/methods");
    expect(await res.json()).toEqual({ password: true, oidc: true });
    const without = testApp(db.sql);
    expect(await (await without.request("/api/auth/methods")).json()).toEqual({ password: true, oidc: false });
    expect((await without.request("/api/auth/oidc/login")).status).toBe(404);
  });

  test("a new person whose claims give a role is let in with that role and their teams, through PKCE, state and nonce", async () => {
    idp.users.set("ana-sub", { email: "ana@gemeente.example", email_verified: true, name: "Ana de Vries", groups: ["peilstok-leiding", "team-Noord", "team-Zuid"] });
    const b = browser();
    const result = await b.walk("/api/auth/oidc/login?return=/admin/accounts", "ana-sub");
    expect(result.url.pathname).toBe("/admin/accounts");
    expect(await sessionUser(result.sessionCookie)).toEqual({ email: "ana@gemeente.example", name: "Ana de Vries", role: "teamleader", teams: ["Noord", "Zuid"], twoFactor: false });

    // The authorization request carried PKCE (S256), state and nonce.
    const authorize = new URL(result.visited.find((v) => v.includes("/auth?"))!.split(" ")[1]!);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(authorize.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(authorize.searchParams.get("redirect_uri")).toBe(redirectUri);

    const [row] = await db.sql<{ password_hash: string | null; role_source: string; oidc_subject: string }[]>`
      select password_hash, role_source, oidc_subject from accounts where email = 'ana@gemeente.example'
    `;
    expect(row).toEqual({ password_hash: null, role_source: "oidc", oidc_subject: "ana-sub" });
    expect(await auditActions("ana@gemeente.example")).toEqual(["account.create", "auth.login"]);

    // The claims change at the provider: the role follows at the next login, and ends when dropped.
    idp.users.set("ana-sub", { email: "ana@gemeente.example", email_verified: true, name: "Ana de Vries", groups: ["peilstok-lezers"] });
    expect(await sessionUser((await browser().walk("/api/auth/oidc/login", "ana-sub")).sessionCookie)).toMatchObject({ role: "viewer", teams: [] });
    idp.users.set("ana-sub", { email: "ana@gemeente.example", email_verified: true, name: "Ana de Vries", groups: [] });
    const dropped = await browser().walk("/api/auth/oidc/login", "ana-sub");
    expect(dropped.url.pathname + dropped.url.search).toBe("/admin/geen-toegang?reden=ingetrokken");
    expect(dropped.sessionCookie).toBeNull();
  });

  test("a new person without a role waits for an admin, who gives one; then they are let in", async () => {
    idp.users.set("bo-sub", { email: "bo@gemeente.example", email_verified: true, name: "Bo", groups: ["iets-anders"] });
    const first = await browser().walk("/api/auth/oidc/login", "bo-sub");
    expect(first.url.pathname + first.url.search).toBe("/admin/geen-toegang?reden=wacht");
    expect(first.sessionCookie).toBeNull();
    expect((await db.sql`select 1 from accounts where email = 'bo@gemeente.example'`).length).toBe(0);

    const list = await app.request("/api/admin/oidc/requests", { headers: admin.headers() });
    const { requests } = (await list.json()) as { requests: { id: string; email: string; name: string }[] };
    const request = requests.find((r) => r.email === "bo@gemeente.example")!;
    expect(request.name).toBe("Bo");
    // A teamleader needs teams; then the approval creates the account.
    const bad = await app.request(`/api/admin/oidc/requests/${request.id}/approve`, { method: "POST", headers: admin.headers(), body: JSON.stringify({ role: "teamleader" }) });
    expect(bad.status).toBe(400);
    const ok = await app.request(`/api/admin/oidc/requests/${request.id}/approve`, {
      method: "POST",
      headers: admin.headers(),
      body: JSON.stringify({ role: "teamleader", teams: ["Oost"] }),
    });
    expect(ok.status).toBe(200);

    const second = await browser().walk("/api/auth/oidc/login", "bo-sub");
    expect(await sessionUser(second.sessionCookie)).toMatchObject({ email: "bo@gemeente.example", role: "teamleader", teams: ["Oost"] });
    expect(await auditActions("bo@gemeente.example")).toEqual(["auth.login-refused:awaiting-role", "account.approve", "auth.login"]);
  });

  test("an existing password account is linked by a verified e-mail address, never by an unverified one", async () => {
    const viewer = await sessionAs(app, db.sql, "viewer");
    idp.users.set("unverified-sub", { email: viewer.email, email_verified: false, groups: [] });
    const refused = await browser().walk("/api/auth/oidc/login", "unverified-sub");
    expect(refused.url.search).toBe("?reden=wacht");
    expect(refused.sessionCookie).toBeNull();

    idp.users.set("verified-sub", { email: viewer.email, email_verified: true, groups: [] });
    const linked = await browser().walk("/api/auth/oidc/login", "verified-sub");
    // No role from the claims: the role the admin gave stays.
    expect(await sessionUser(linked.sessionCookie)).toMatchObject({ email: viewer.email, role: "viewer" });
    // A second identity with the same address cannot take the account over.
    const other = await browser().walk("/api/auth/oidc/login", "unverified-sub");
    expect(other.sessionCookie).toBeNull();
    const [{ id }] = (await (await app.request("/api/admin/oidc/requests", { headers: admin.headers() })).json()).requests.filter(
      (r: { email: string }) => r.email === viewer.email,
    );
    const conflict = await app.request(`/api/admin/oidc/requests/${id}/approve`, { method: "POST", headers: admin.headers(), body: JSON.stringify({ role: "admin" }) });
    expect(conflict.status).toBe(409);

    // Deactivated: refused, and told so.
    const [account] = await db.sql<{ id: string }[]>`select id from accounts where email = ${viewer.email}`;
    await app.request(`/api/admin/accounts/${account!.id}`, { method: "PATCH", headers: admin.headers(), body: JSON.stringify({ active: false }) });
    const deactivated = await browser().walk("/api/auth/oidc/login", "verified-sub");
    expect(deactivated.url.search).toBe("?reden=gedeactiveerd");
    expect(deactivated.sessionCookie).toBeNull();
  });

  test("a callback without this browser's login, a replayed code or a changed state is refused", async () => {
    idp.users.set("cas-sub", { email: "cas@gemeente.example", email_verified: true, groups: ["peilstok-lezers"] });
    // Walk to the callback but stop before calling it.
    const b = browser();
    const start = await app.request("/api/auth/oidc/login");
    b.jar.take(new URL(publicUrl).host, start.headers);
    const callback = await walkToCallback(b, start.headers.get("location")!, "cas-sub");

    // Another browser (no flow cookie) presenting the code.
    const stranger = await app.request(callback.pathname + callback.search);
    expect(stranger.headers.get("location")).toBe("/admin/geen-toegang?reden=mislukt");
    // The state changed on the way.
    const tampered = new URL(callback);
    tampered.searchParams.set("state", "aangepast");
    const wrongState = await app.request(tampered.pathname + tampered.search, { headers: { cookie: b.jar.header(new URL(publicUrl).host) } });
    expect(wrongState.headers.get("location")).toBe("/admin/geen-toegang?reden=mislukt");
    expect(wrongState.headers.getSetCookie().some((c) => c.startsWith("peilstok-session="))).toBe(false);
    // The flow was used up by that attempt: the real callback cannot be replayed either.
    const replay = await app.request(callback.pathname + callback.search, { headers: { cookie: b.jar.header(new URL(publicUrl).host) } });
    expect(replay.headers.get("location")).toBe("/admin/geen-toegang?reden=mislukt");
    expect((await db.sql`select 1 from accounts where email = 'cas@gemeente.example'`).length).toBe(0);

    // The provider refusing (the person cancels) ends on the same page.
    const c2 = new OidcBrowser(app, publicUrl);
    const s2 = await app.request("/api/auth/oidc/login");
    c2.jar.take(new URL(publicUrl).host, s2.headers);
    const cancelled = await app.request("/api/auth/oidc/callback?error=access_denied&state=x", { headers: { cookie: c2.jar.header(new URL(publicUrl).host) } });
    expect(cancelled.headers.get("location")).toBe("/admin/geen-toegang?reden=mislukt");
    const failures = await db.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'auth.login-failed' and details->>'method' = 'oidc'`;
    expect(failures[0]!.n).toBeGreaterThanOrEqual(4);
  });

  test("an admin can switch the password login off; it comes back when OpenID Connect is not configured", async () => {
    const viewer = await sessionAs(app, db.sql, "viewer");
    const off = await app.request("/api/admin/settings", { method: "PATCH", headers: admin.headers(), body: JSON.stringify({ passwordLogin: false }) });
    expect(off.status).toBe(200);
    expect(await (await app.request("/api/auth/methods")).json()).toEqual({ password: false, oidc: true });
    const refused = await app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: viewer.email, password: viewer.password }),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("password-login-off");
    // Organisation accounts still get in.
    idp.users.set("dirk-sub", { email: "dirk@gemeente.example", email_verified: true, groups: ["peilstok-beheer"] });
    expect(await sessionUser((await browser().walk("/api/auth/oidc/login", "dirk-sub")).sessionCookie)).toMatchObject({ role: "admin" });
    // Without OIDC configured (the provider is gone), the password works again.
    const withoutOidc = testApp(db.sql);
    expect(await (await withoutOidc.request("/api/auth/methods")).json()).toEqual({ password: true, oidc: false });
    const back = await withoutOidc.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: viewer.email, password: viewer.password }),
    });
    expect(back.status).toBe(200);
    const [change] = await db.sql<{ details: { passwordLogin: boolean } }[]>`select details from audit_log where action = 'settings.change' order by id desc limit 1`;
    expect(change!.details).toEqual({ passwordLogin: false });
    await app.request("/api/admin/settings", { method: "PATCH", headers: admin.headers(), body: JSON.stringify({ passwordLogin: true }) });
  });
});

/** Follows the provider's pages until it redirects to our callback, without calling it. */
async function walkToCallback(b: OidcBrowser, authorizeUrl: string, login: string): Promise<URL> {
  const fake = new OidcBrowser(
    // An app that answers the callback by recording it.
    { request: async (path: string) => new Response(null, { status: 302, headers: { location: `/admin/ende?cb=${encodeURIComponent(path)}` } }) } as never,
    publicUrl,
  );
  // The provider's cookies are per host; the fake shares none with `b`, which is fine: the
  // provider only needs its own.
  const result = await fake.walk(authorizeUrl, login);
  void b;
  return new URL(result.url.searchParams.get("cb")!, publicUrl);
}
