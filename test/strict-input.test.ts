// Strict input (issue 11, findings 5 and 6): a body is JSON sent as JSON or it is refused (415);
// text that is not text (NUL, an unpaired surrogate, invalid UTF-8) is a 400 naming the field on
// every route, never a 500; and the log of requests that fail holds no token, session id,
// password or answer.
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import type { Log } from "../server/lib/log.ts";
import { individualMiniScan, miniAnswers } from "./fixtures/mini-scan.ts";
import { login } from "./support/accounts.ts";
import { adminToken, createRoundVia, publishAs, testApp } from "./support/app.ts";
import { createAccount } from "../server/accounts/service.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

/** The text's UTF-8 with every `marker` replaced by raw bytes. */
const withBytes = (text: string, marker: string, bytes: number[]) =>
  Buffer.concat(text.split(marker).flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from(bytes), Buffer.from(part)])));

const bearer = { authorization: `Bearer ${adminToken}` };
const json = { ...bearer, "content-type": "application/json" };

describe.each(backends)("strict input on %s", (backend) => {
  let db: TestDb;
  let app: App;
  const logged: string[] = [];
  const log: Log = {
    info: (m) => logged.push(m),
    warn: (m) => logged.push(m),
    error: (m, err) => logged.push(err === undefined ? m : `${m} ${String(err)} ${JSON.stringify(err)}`),
  };
  let scanId: string;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql, { log });
    ({ scanId } = await publishAs(db.sql, individualMiniScan));
  });
  afterAll(async () => db?.close());

  async function call(method: string, path: string, body: BodyInit | undefined, headers: Record<string, string>) {
    const res = await app.request(path, { method, headers, body });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  }

  test("a form-encoded PUT no longer resets a round's mail settings to their defaults", async () => {
    const { round } = await createRoundVia(app, { scanId });
    const settings = `/api/admin/rounds/${round.id}/mail-settings`;
    expect((await call("PUT", settings, JSON.stringify({ maxReminders: 5, reminderAfterDays: 3 }), json)).status).toBe(200);
    // What `curl -d maxReminders=1 -X PUT` sends.
    const form = await call("PUT", settings, "maxReminders=1", { ...bearer, "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe("unsupported-media-type");
    expect(form.body.error.message).toContain("application/json");
    const kept = await call("GET", settings, undefined, bearer);
    expect(kept.body).toMatchObject({ maxReminders: 5, reminderAfterDays: 3 });
  });

  test("a text/plain POST naming one respondent invites nobody, instead of everyone", async () => {
    const { round, links } = await createRoundVia(app, {
      scanId,
      respondents: ["een", "twee", "drie"].map((n) => ({ name: n, email: `${n}-${randomUUID().slice(0, 6)}@example.org` })),
    });
    const one = JSON.stringify({ respondentIds: [links[0]!.respondentId] });
    const plain = await call("POST", `/api/admin/rounds/${round.id}/invitations`, one, { ...bearer, "content-type": "text/plain;charset=UTF-8" });
    expect(plain.status).toBe(415);
    expect(await db.sql`select 1 from mails m join respondents p on p.id = m.respondent_id where p.round_id = ${round.id}`).toHaveLength(0);
    for (const headers of [bearer, { ...bearer, "content-type": "application/json; charset=latin1" }]) {
      expect((await call("POST", `/api/admin/rounds/${round.id}/invitations`, one, headers)).status).toBe(415);
    }
    const invited = await call("POST", `/api/admin/rounds/${round.id}/invitations`, one, { ...bearer, "content-type": "application/json; charset=utf-8" });
    expect(invited.status).toBe(202);
    expect(invited.body.queued).toBe(1);
    // A request without a body is still one: invite the rest.
    const rest = await call("POST", `/api/admin/rounds/${round.id}/invitations`, undefined, bearer);
    expect(rest.body.queued).toBe(2);
  });

  test("every route that takes a body answers 400 naming the field for a NUL, an unpaired surrogate or invalid UTF-8; never 500", async () => {
    const { round, links, tokens } = await createRoundVia(app, { scanId, openLink: true });
    const token = tokens[0]!;
    const ids: Record<string, string> = {
      ":id": round.id,
      ":respondentId": links[0]!.respondentId,
      ":token": token,
      ":actionId": randomUUID(),
      ":scanId": scanId,
      ":version": "1",
    };
    const routes = [...new Set(app.routes.filter((r) => ["POST", "PUT", "PATCH"].includes(r.method) && !r.path.includes("*")).map((r) => `${r.method} ${r.path}`))];
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const [method, pattern] = route.split(" ") as [string, string];
      const path = pattern.replace(/:[A-Za-z]+/g, (p) => ids[p] ?? p);
      // Respondent routes get a complete answer with the bad text in one open answer: without the
      // check it reached the database (500).
      const respond = path.startsWith("/api/respond/");
      const wrap = (bad: string) => (respond ? { responseId: randomUUID(), data: { ...miniAnswers, missie: 2, "missie-toelichting": bad } } : { title: bad, what: bad });
      const field = respond ? "data.missie-toelichting" : "title";
      for (const [what, body] of [
        ["NUL", JSON.stringify(wrap("een\u0000twee"))],
        ["surrogate", JSON.stringify(wrap("half \ud83d"))],
        // "a" followed by a lead byte without its continuation.
        ["UTF-8", withBytes(JSON.stringify(wrap("@@")), "@@", [0x61, 0xc3, 0x28])],
      ] as const) {
        const res = await call(method, path, body as BodyInit, json);
        expect(res.status, `${route} ${what}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.error.code, `${route} ${what}`).toBe("invalid-text");
        expect(res.body.error.issues.map((i: any) => i.field), `${route} ${what}`).toContain(field);
      }
    }
    // The CSV import takes text/csv: by line.
    const csv = await call("POST", `/api/admin/rounds/${round.id}/respondents/import`, "naam;e-mail\nAn\u0000na;anna@example.org", { ...bearer, "content-type": "text/csv" });
    expect(csv.status).toBe(400);
    expect(csv.body.error.issues[0]).toMatchObject({ field: "body" });
    expect(csv.body.error.issues[0].message).toMatch(/^line 2 /);
    // And the query.
    const query = await call("GET", `/api/respond/${token}?response=%00`, undefined, {});
    expect(query.status).toBe(400);
    expect(query.body.error.issues[0].field).toBe("query.response");
    expect(await db.sql`select 1 from responses where round_id = ${round.id}`).toHaveLength(0);
  });

  test("over HTTP the body is read from Node's own stream: size limit by length and while it streams, JSON, text, and an empty body", async () => {
    // testApp's limit is 256 kB; app.request() above has no Node request, this goes through a socket.
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const port = (server.address() as AddressInfo).port;
    /** One request through a real socket; `chunks` are sent as a chunked body (no Content-Length). */
    const send = (method: string, path: string, headers: Record<string, string>, body?: Buffer | string, chunks?: Buffer[]) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString()));
          res.on("end", () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
        });
        req.on("error", reject);
        if (chunks) for (const chunk of chunks) req.write(chunk);
        req.end(body);
      });
    try {
      const { tokens } = await createRoundVia(app, { scanId });
      const submitPath = `/api/respond/${tokens[0]}/submit`;
      const answers = (extra: Record<string, unknown> = {}) => JSON.stringify({ responseId: randomUUID(), data: { ...miniAnswers, ...extra } });
      // Too large by its Content-Length, and too large as a chunked body without one.
      const big = answers({ opmerking: "x".repeat(300_000) });
      const byLength = await send("POST", submitPath, { "content-type": "application/json", "content-length": String(Buffer.byteLength(big)) }, big);
      expect(byLength).toMatchObject({ status: 413, body: { error: { code: "body-too-large" } } });
      const streamed = await send("POST", submitPath, { "content-type": "application/json" }, undefined, Array.from({ length: 40 }, () => Buffer.alloc(10_000, 0x20)));
      expect(streamed).toMatchObject({ status: 413, body: { error: { code: "body-too-large" } } });
      // Not JSON, not text, empty: each its own answer, never a hang or a 500.
      expect((await send("POST", submitPath, { "content-type": "text/plain" }, answers())).status).toBe(415);
      const utf8 = withBytes(answers({ "missie-toelichting": "@@" }), "@@", [0x61, 0xc3, 0x28]);
      expect(await send("POST", submitPath, { "content-type": "application/json" }, utf8)).toMatchObject({ status: 400, body: { error: { code: "invalid-text" } } });
      expect((await send("POST", submitPath, {}, "")).status).toBe(400);
      // A chunked body within the limit, then one with a Content-Length: stored once.
      const id = randomUUID();
      const ok = JSON.stringify({ responseId: id, data: miniAnswers });
      const chunked = await send("PUT", `/api/respond/${tokens[0]}/draft`, { "content-type": "application/json" }, undefined, [Buffer.from(ok.slice(0, 10)), Buffer.from(ok.slice(10))]);
      expect(chunked.status).toBe(200);
      const submitted = await send("POST", submitPath, { "content-type": "application/json", "content-length": String(Buffer.byteLength(ok)) }, ok);
      expect(submitted).toMatchObject({ status: 200, body: { responseId: id } });
      expect(await db.sql`select 1 from responses where id = ${id} and status = 'submitted'`).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  test("the log of failing requests holds no link token, password, session id, CSRF token or answer", async () => {
    logged.length = 0;
    const { tokens } = await createRoundVia(app, { scanId });
    const [t1, t2] = tokens as [string, string];
    const secretAnswer = "Mijn teamleider luistert nooit naar ons";
    const password = `wachtwoord-${randomUUID()}`;
    const email = `log-${randomUUID().slice(0, 8)}@example.org`;
    await createAccount(db.sql, { email, role: "admin", password });

    await call("POST", `/api/respond/${t1}/submit`, JSON.stringify({ responseId: randomUUID(), data: { ...miniAnswers, missie: 2, "missie-toelichting": `${secretAnswer}\u0000` } }), { "content-type": "application/json" });
    await call("POST", "/api/auth/login", JSON.stringify({ email, password: `${password}-fout` }), { "content-type": "application/json" });
    await call("POST", "/api/auth/login", `email=${email}&password=${password}`, { "content-type": "application/x-www-form-urlencoded" });
    const session = await login(app, email, password);
    await call("POST", "/api/admin/series", JSON.stringify({ roundId: randomUUID(), title: "x" }), { cookie: session.cookie, "x-csrf-token": "fout", "content-type": "application/json" });

    // A database failure whose detail carries the answer (as PostgreSQL's do: "Key (…)=(…)", a JSON context line).
    await db.sql.unsafe(`
      create function test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'geweigerd: %', new.data::text using detail = new.data::text; end $$;
      create trigger test_refuse before insert or update on responses for each row execute function test_refuse();
    `);
    try {
      const failed = await call("POST", `/api/respond/${t2}/submit`, JSON.stringify({ responseId: randomUUID(), data: { ...miniAnswers, missie: 2, "missie-toelichting": secretAnswer } }), { "content-type": "application/json", cookie: session.cookie });
      expect(failed.status).toBe(500);
      expect(failed.body).toEqual({ error: { code: "internal", message: "internal server error" } });
    } finally {
      await db.sql.unsafe("drop trigger test_refuse on responses; drop function test_refuse();");
    }
    const text = logged.join("\n");
    expect(text).toMatch(/POST \/api\/respond\/\S+\/submit failed/);
    for (const secret of [t1, t2, password, session.cookie.split("=")[1]!, session.csrfToken, secretAnswer, "luistert nooit"]) {
      expect(text).not.toContain(secret);
    }
  });
});
