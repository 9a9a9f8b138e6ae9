import { createRoute, z } from "@hono/zod-openapi";
import postgres from "postgres";
import { describe, expect, test } from "vitest";
import { EnvError, loadEnv } from "../server/lib/env.ts";
import { errorHandler } from "../server/lib/errors.ts";
import { silentLog } from "../server/lib/log.ts";
import { apiRoutes, completeDeclarations, json, jsonBody } from "../server/lib/openapi.ts";
import { responseCheck } from "../server/lib/response-check.ts";
import { adminToken, testApp } from "./support/app.ts";

// These routes never reach the database: a pool that is never connected will do.
const app = testApp(postgres({ max: 1 }));

describe("OpenAPI document and reference page", () => {
  test("describes every API route the app registers", async () => {
    const doc = (await (await app.request("/api/openapi.json")).json()) as any;
    expect(doc.openapi).toBe("3.1.0");
    const routes = app.routes
      .filter((r) => r.path.startsWith("/api/") && !r.path.includes("*") && r.method !== "ALL")
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) {
      const [method, path] = route.split(" ");
      expect(doc.paths[path!]?.[method!], route).toBeDefined();
    }
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops as object).map((m) => `${m} ${p}`),
    );
    expect(documented.sort()).toEqual([...new Set(routes)].sort());
  });

  test("the reference page loads everything from this server, nothing from a CDN", async () => {
    const res = await app.request("/api/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    for (const src of html.match(/(?:src|href)="([^"]+)"/g)!.map((m) => m.split('"')[1]!)) {
      const asset = await app.request(src);
      expect(asset.status, src).toBe(200);
    }
  });

  test("unknown API routes answer the JSON error shape", async () => {
    const res = await app.request("/api/nope", { headers: { authorization: `Bearer ${adminToken}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not-found", message: "no such API route" } });
  });
});

describe("the response check", () => {
  // A small app with one declared route whose handler can be made to break its declaration.
  function checked(answer: (c: any) => Response) {
    const problems: string[] = [];
    const app = apiRoutes();
    app.use(responseCheck(() => declared, (p) => problems.push(p)));
    app.openapi(
      createRoute({
        method: "post",
        path: "/api/things/{id}",
        request: { params: z.object({ id: z.string() }), body: jsonBody(z.object({ n: z.number() })) },
        responses: {
          200: json(z.object({ id: z.string(), tags: z.array(z.object({ name: z.string() })) }), "The thing"),
          202: { description: "Accepted, nothing to say" },
        },
      }),
      answer as never,
    );
    app.onError(errorHandler(silentLog));
    const declared = completeDeclarations(app);
    const send = (body = '{"n":1}', type = "application/json") =>
      app.request("/api/things/a", { method: "POST", headers: { "content-type": type }, body });
    return { problems, send };
  }

  test("lets an answer through that matches its declaration", async () => {
    const thing = checked((c) => c.json({ id: "a", tags: [{ name: "x" }] }, 200));
    expect((await thing.send()).status).toBe(200);
    const empty = checked((c) => c.body(null, 202));
    expect((await empty.send()).status).toBe(202);
    expect([...thing.problems, ...empty.problems]).toEqual([]);
  });

  test.each([
    ["a wrong type", (c: any) => c.json({ id: 1, tags: [] }, 200), /id/],
    ["a missing field", (c: any) => c.json({ id: "a" }, 200), /tags/],
    ["an undeclared field, however deep", (c: any) => c.json({ id: "a", tags: [{ name: "x", secret: "y" }] }, 200), /tags\.0\.secret: not declared/],
    ["an undeclared status", (c: any) => c.json({ id: "a", tags: [] }, 201), /status 201 is not declared/],
    ["an undeclared content type", (c: any) => c.text("a", 200), /content type "text\/plain" is not declared/],
    ["a body where none is declared", (c: any) => c.body("x", 202), /a body where the declaration has none/],
  ])("answers 500 and reports %s", async (_, answer, problem) => {
    const { problems, send } = checked(answer);
    const res = await send();
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("response-mismatch");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
    expect(problems[0]).toContain("POST /api/things/a answered");
  });

  test("reports an answer from a route that is not declared, and lets only errors through for unknown paths", async () => {
    const problems: string[] = [];
    const app = apiRoutes();
    app.use(responseCheck(() => declared, (p) => problems.push(p)));
    app.get("/api/plain", (c) => c.json({ ok: true }));
    app.all("/api/*", (c) => c.json({ error: { code: "not-found", message: "no such API route" } }, 404));
    const declared = completeDeclarations(app);
    expect((await app.request("/api/plain")).status).toBe(500);
    expect(problems[0]).toMatch(/route \/api\/plain is not declared/);
    expect((await app.request("/api/elders")).status).toBe(404);
    expect(problems).toHaveLength(1);
  });

  test("declares on every route the errors the shared machinery gives", async () => {
    const { problems, send } = checked((c) => c.json({ id: "a", tags: [] }, 200));
    // From the request hook and the media-type check, not from the handler.
    expect((await send("{")).status).toBe(400);
    expect((await send('{"n":"een"}')).status).toBe(400);
    expect((await send("n=1", "text/plain")).status).toBe(415);
    expect(problems).toEqual([]);
  });
});

describe("configuration", () => {
  test("has working defaults on a fresh machine", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      port: 3000,
      dataDir: "./data",
      databaseUrl: undefined,
      publicUrl: "http://localhost:3000",
      scansDir: "./scans",
      // No shared admin secret by default: people log in with accounts (see test/admin-auth.test.ts).
      adminToken: undefined,
    });
  });

  test("fails fast naming each bad field", () => {
    let error: unknown;
    try {
      loadEnv({ PORT: "drie", DATABASE_URL: "mysql://x", PUBLIC_URL: "geen url" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(EnvError);
    const fields = (error as EnvError).issues.map((i) => i.split(":")[0]);
    expect(fields).toEqual(expect.arrayContaining(["PORT", "DATABASE_URL", "PUBLIC_URL"]));
  });

  test("takes an optional API token for scripts, long enough to be a secret", () => {
    expect(loadEnv({ DATABASE_URL: "postgres://u@h/db" }).adminToken).toBeUndefined();
    expect(loadEnv({ ADMIN_TOKEN: "x".repeat(30) }).adminToken).toBe("x".repeat(30));
    expect(() => loadEnv({ ADMIN_TOKEN: "kort" })).toThrow(/ADMIN_TOKEN/);
  });
});
