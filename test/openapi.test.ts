import postgres from "postgres";
import { describe, expect, test } from "vitest";
import { EnvError, loadEnv } from "../server/lib/env.ts";
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
