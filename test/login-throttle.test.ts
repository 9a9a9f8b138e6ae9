// Brute force (issue 11, finding 3): login attempts are counted in the database per account and
// per client address before the password is checked, with growing waits; the account holder is
// mailed, the guesser learns nothing about which accounts exist; optional two-factor login.
import { randomUUID } from "node:crypto";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import { accountCommands } from "../server/accounts/commands.ts";
import { createAccount } from "../server/accounts/service.ts";
import { testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

describe.each(backends)("login throttling on %s", (backend) => {
  let db: TestDb;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql, { trustedProxyHeader: "x-forwarded-for" });
  });
  afterAll(async () => db?.close());

  let addressCounter = 0;
  const freshAddress = () => `192.0.2.${++addressCounter}`;
  const account = async (role: "admin" | "viewer" = "viewer") => {
    const email = `gok-${randomUUID().slice(0, 8)}@example.org`;
    const password = `wachtwoord-${randomUUID()}`;
    await createAccount(db.sql, { email, role, password, name: "Gerda" });
    return { email, password };
  };
  const attempt = async (email: string, password: string, address: string, extra: Record<string, string> = {}, via: App = app) => {
    const res = await via.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.9.9.9, ${address}` },
      body: JSON.stringify({ email, password, ...extra }),
    });
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as any };
  };
  /** As if the wait had passed. */
  const waitPasses = () => db.sql`update login_throttle set blocked_until = now() - interval '1 millisecond' where blocked_until > now()`;

  test("after five wrong passwords an account waits ever longer, even for the right password; an unknown address gets the very same answers", async () => {
    const known = await account();
    const unknown = `niemand-${randomUUID().slice(0, 8)}@example.org`;
    const runs: Record<string, unknown[]> = {};
    for (const email of [known.email, unknown]) {
      const address = freshAddress();
      const seen: unknown[] = [];
      for (let i = 0; i < 5; i++) seen.push((await attempt(email, "fout-wachtwoord", address)).status);
      const sixth = await attempt(email, email === known.email ? known.password : "fout", address);
      seen.push(sixth.status, sixth.retryAfter, sixth.body);
      await waitPasses();
      seen.push((await attempt(email, "fout", address)).status);
      const next = await attempt(email, "fout", address);
      seen.push(next.status, next.retryAfter);
      runs[email] = seen;
    }
    expect(runs[known.email]).toEqual([401, 401, 401, 401, 401, 429, "2", { error: { code: "login-throttled", message: "too many failed logins; try again in 2 s" } }, 401, 429, "4"]);
    expect(runs[unknown]).toEqual(runs[known.email]);
    // Once the wait is over, the right password works and the count starts afresh.
    await waitPasses();
    const address = freshAddress();
    expect((await attempt(known.email, known.password, address)).status).toBe(200);
    expect((await attempt(known.email, "fout", address)).status).toBe(401);
  });

  test("parallel guesses cannot slip through before the first failure is counted", async () => {
    const target = await account();
    const address = freshAddress();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(target.email, `gok-${i}`, address)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  test("one address trying many accounts waits after 30 attempts; another address does not, and a forged header changes nothing without a trusted proxy", async () => {
    const address = freshAddress();
    for (let i = 0; i < 30; i++) expect((await attempt(`spray-${i}-${randomUUID().slice(0, 4)}@example.org`, "Welkom01!", address)).status).toBe(401);
    const refused = await attempt(`spray-x-${randomUUID().slice(0, 4)}@example.org`, "Welkom01!", address);
    expect(refused.status).toBe(429);
    expect((await attempt(`spray-y-${randomUUID().slice(0, 4)}@example.org`, "Welkom01!", freshAddress())).status).toBe(401);

    // Without TRUSTED_PROXY_HEADER the socket's address counts, whatever address the client claims.
    const direct = testApp(db.sql);
    for (let i = 0; i < 30; i++) expect((await attempt(`vals-${i}-${randomUUID().slice(0, 4)}@example.org`, "Welkom01!", freshAddress(), {}, direct)).status).toBe(401);
    expect((await attempt(`vals-x-${randomUUID().slice(0, 4)}@example.org`, "Welkom01!", freshAddress(), {}, direct)).status).toBe(429);
  });

  test("instances share the count through the database", async () => {
    const target = await account();
    const second = testApp(db.sql, { trustedProxyHeader: "x-forwarded-for" });
    const address = freshAddress();
    for (let i = 0; i < 3; i++) expect((await attempt(target.email, "fout", address)).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await attempt(target.email, "fout", address, {}, second)).status).toBe(401);
    expect((await attempt(target.email, target.password, address, {}, second)).status).toBe(429);
    expect((await attempt(target.email, target.password, address)).status).toBe(429);
  });

  test("the account holder is mailed once per run of failures; a guess at an unknown address mails nobody", async () => {
    const target = await account();
    const unknown = `onbekend-${randomUUID().slice(0, 8)}@example.org`;
    for (const email of [target.email, unknown]) {
      for (let i = 0; i < 14; i++) {
        await waitPasses();
        expect((await attempt(email, `gok-${i}`, freshAddress())).status).toBe(401);
      }
    }
    const mails = await db.sql<{ to_address: string; payload: { subject: string; text: string } }[]>`
      select to_address, payload from mails where kind = 'account-notice' and to_address in (${target.email}, ${unknown})
    `;
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe(target.email);
    expect(mails[0]!.payload.subject).toBe("Veel mislukte inlogpogingen op je Peilstok-account");
    expect(mails[0]!.payload.text).toContain("10 keer achter elkaar");
    expect(mails[0]!.payload.text).toContain("Beste Gerda,");
  });

  test("two-factor login: set up with a QR code, a code is needed and works once, recovery codes work once, and it can be switched off", async () => {
    const admin = await account("admin");
    // Its own address: the tests above used up others' attempts.
    const own = freshAddress();
    const loggedIn = await app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": own },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    const session = { cookie: loggedIn.headers.get("set-cookie")!.split(";")[0]!, csrfToken: ((await loggedIn.json()) as any).csrfToken as string };
    const headers = { cookie: session.cookie, "x-csrf-token": session.csrfToken, "content-type": "application/json", "x-forwarded-for": own };
    const post = async (path: string, body?: unknown) => {
      const res = await app.request(`/api/auth/two-factor${path}`, { method: "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const setup = await post("/setup");
    expect(setup.status).toBe(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/Peilstok:/);
    expect(setup.body.qrSvg).toMatch(/^<svg/);
    const secret = setup.body.secret as string;
    // The secret is stored sealed, never readable.
    const [stored] = await db.sql`select totp_pending from accounts where email = ${admin.email}`;
    expect(JSON.stringify(stored)).not.toContain(secret);

    expect((await post("/enable", { code: "000000" })).status).toBe(400);
    const now = Math.floor(Date.now() / 1000);
    const enabled = await post("/enable", { code: await generate({ secret, epoch: now }) });
    expect(enabled.status).toBe(200);
    const recovery = enabled.body.recoveryCodes as string[];
    expect(recovery).toHaveLength(10);

    const address = freshAddress();
    const noCode = await attempt(admin.email, admin.password, address);
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.code).toBe("two-factor-required");
    // The code that switched it on was used; the next one works, once.
    const next = await generate({ secret, epoch: now + 30 });
    expect((await attempt(admin.email, admin.password, address, { code: next })).status).toBe(200);
    const replay = await attempt(admin.email, admin.password, address, { code: next });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("two-factor-failed");
    // A wrong password never learns whether a code would be needed.
    expect((await attempt(admin.email, "fout", freshAddress())).body.error.code).toBe("login-failed");

    expect((await attempt(admin.email, admin.password, freshAddress(), { code: recovery[0]!.toUpperCase() })).status).toBe(200);
    expect((await attempt(admin.email, admin.password, freshAddress(), { code: recovery[0]! })).status).toBe(401);

    const me = await app.request("/api/auth/session", { headers: { cookie: session.cookie } });
    expect(((await me.json()) as any).user.twoFactor).toBe(true);
    const status = await app.request("/api/auth/two-factor", { headers: { cookie: session.cookie } });
    expect(await status.json()).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });

    expect((await post("/disable", { password: "fout", code: recovery[1] })).status).toBe(400);
    const off = await post("/disable", { password: admin.password, code: recovery[1] });
    expect(off.status).toBe(200);
    expect(off.body.enabled).toBe(false);
    expect((await attempt(admin.email, admin.password, freshAddress())).status).toBe(200);

    // A lost phone without recovery codes: an admin switches it off from the command line.
    await post("/setup");
    const again = await db.sql<{ totp_pending: string }[]>`select totp_pending from accounts where email = ${admin.email}`;
    expect(again[0]!.totp_pending).not.toBeNull();
    await accountCommands["reset-two-factor"].run(db.sql, { email: admin.email });
    expect((await db.sql`select 1 from accounts where email = ${admin.email} and totp_pending is null and totp_secret is null`).length).toBe(1);
  });
});
