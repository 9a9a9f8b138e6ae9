// The production start: `npm run build` (once per test run, see buildApp in support/app-server.ts),
// then plain `node dist/server/main.js` (no tsx, no vite at start) serves the API and the pages,
// and the bundled account CLI works on its data.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildApp, freePort } from "./support/app-server.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

/** The environment of a deployed process: nothing from the test runner that loads TypeScript. */
function deployedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _options, DATABASE_URL: _url, ...env } = process.env;
  return { ...env, HOST: "127.0.0.1", SCANS_DIR: path.join(root, "scans"), ...extra };
}

let deployDir: string;
beforeAll(async () => {
  // A deploy folder: the run's `npm run build -- --out-dir` output plus node_modules beside it,
  // as `npm ci --omit=dev` leaves (the other tests run this build too).
  deployDir = (await buildApp()).dir;
});

describe.each(backends)("production start on %s", (backend) => {
  let db: TestDb | null = null;
  let dataDir: string;
  let child: ChildProcess | undefined;
  let output = "";
  let url: string;

  beforeAll(async () => {
    // PostgreSQL: an empty database; embedded: an empty data folder. The server migrates either.
    db = backend === "postgres" ? await openTestDb("postgres", { migrated: false }) : null;
    dataDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-prod-data-"));
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test("node dist/server/main.js answers /api/health and serves the built pages", async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ["dist/server/main.js"], {
      cwd: deployDir,
      env: deployedEnv({ PORT: String(port), DATA_DIR: dataDir, ...(db?.serverEnv ?? {}) }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const health = async () => {
      if (child!.exitCode !== null) throw new Error(`the server exited (${child!.exitCode}):\n${output}`);
      return fetch(`${url}/api/health`).then((r) => r.status, () => 0);
    };
    await expect.poll(health, { interval: 100 }).toBe(200);
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true });

    // The client from the build, and one of its scripts.
    const page = await fetch(`${url}/admin`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="nl">');
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(new URL(script!, url));
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(await asset.text()).toBe(await readFile(path.join(deployDir, "client", "dist", script!), "utf8"));

    // It migrated the empty database and published the shipped scans.
    expect(output).toMatch(/database: applied migrations/);
    expect(output).toMatch(/scans: published bachelorscan version 1/);
  });

  test("the bundled account CLI lists and creates accounts on the same data", async () => {
    if (backend === "embedded") {
      // The embedded database is opened by one process at a time: stop the server first.
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child!.kill("SIGTERM");
      await exited;
    }
    const env = deployedEnv({ DATA_DIR: dataDir, ...(db?.serverEnv ?? {}) });
    const account = (...args: string[]) => run(process.execPath, ["dist/server/account.js", ...args], { cwd: deployDir, env });
    const created = await account("create", "--email", "ana@example.org", "--role", "viewer");
    expect(created.stdout).toMatch(/ana@example\.org/);
    const { stdout } = await account("list");
    expect(stdout).toContain("admin@peilstok.local\tadmin\t\tactive\n");
    expect(stdout).toContain("ana@example.org\tviewer\t\tactive\n");
  });
});
