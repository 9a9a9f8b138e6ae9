// Runs the real app as its own process with the built client, a fresh data folder and a free
// port, as a deployment would: `node dist/server/main.js` from the run's `npm run build`. Tests
// can stop, kill and restart it.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedEmbeddedDataDir } from "./db.ts";
import { oncePerRun } from "./shared.ts";
import { budget, traced } from "./timing.ts";
import { checkResponsesEnv, watchServerOutput } from "./response-mismatches.ts";

const root = path.resolve(import.meta.dirname, "../..");

export interface AppBuild {
  /** The folder `npm run build -- --out-dir` filled: client/dist, dist/server, and node_modules beside them. */
  dir: string;
  clientDir: string;
  /** dist/server: main.js (the server) and account.js (the account CLI). */
  serverDir: string;
}

/**
 * `npm run build` once per test run (once per process outside vitest), into a folder of its own
 * so a test run never races with someone's `npm start` writing client/dist. Everything that runs
 * the app as a process uses it: the bundle starts in half the time `tsx` needs to load the
 * TypeScript, and it is what production runs. The client is React's production build
 * (scripts/build.ts sets NODE_ENV, which vitest sets to "test").
 */
export function buildApp(): Promise<AppBuild> {
  return oncePerRun("build", (dir) =>
    traced("npm run build", async () => {
      // The environment of a deployment's build: nothing from the test runner that loads TypeScript.
      const { NODE_OPTIONS: _options, ...env } = process.env;
      await run("npm", ["run", "build", "--silent", "--", "--out-dir", dir], env);
      // Packages are external to the bundle: a deployment has node_modules beside dist/.
      symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
      return { dir, clientDir: path.join(dir, "client", "dist"), serverDir: path.join(dir, "dist", "server") };
    }),
  );
}

/** The built client (see buildApp). */
export async function buildClient(): Promise<string> {
  return (await buildApp()).clientDir;
}

/**
 * How to start the server: the run's bundle, or with PEILSTOK_TEST_SERVER=source the TypeScript
 * through tsx as `npm start` runs it. Always node itself (not a wrapper), so that a kill signals
 * the server process.
 */
export async function serverCommand(): Promise<string[]> {
  if (process.env.PEILSTOK_TEST_SERVER === "source") return ["--import", "tsx", path.join(root, "server", "main.ts")];
  return ["--enable-source-maps", path.join((await buildApp()).serverDir, "main.js")];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface AppServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  adminToken: string;
  dataDir: string;
  /** Output of the server process so far, for failure messages. */
  output(): string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
  /** SIGKILL: the process gets no chance to finish anything. */
  kill(): Promise<void>;
  /** Starts the process again on the same port and data folder. */
  start(): Promise<void>;
  /** Stops the process and removes its data folder. */
  dispose(): Promise<void>;
  /** Calls the admin API with the admin token. */
  admin<T>(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", apiPath: string, body?: unknown): Promise<T>;
}

/** The first admin account the server created on an empty database, read from its output. */
export function firstAdmin(server: AppServer): { email: string; password: string } {
  const match = /created the first account (\S+) with password (\S+)/.exec(server.output());
  if (!match) throw new Error(`no first admin in the server output:\n${server.output()}`);
  return { email: match[1]!, password: match[2]! };
}

export interface AppServerOptions {
  env?: Record<string, string>;
  /**
   * On the embedded database the data folder starts with a copy of a just-created PGlite
   * database (creating one takes seconds; the server still migrates it). `true`: a truly empty
   * folder, as on a first `npm start`.
   */
  emptyDataDir?: boolean;
  /** Listen on this port (from `freePort`) when something must know the address beforehand, such as an OIDC provider's redirect URI. */
  port?: number;
}

export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  const [clientDir, command] = await Promise.all([buildClient(), serverCommand()]);
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), "peilstok-data-"));
  if (!options.emptyDataDir && !options.env?.DATABASE_URL) await seedEmbeddedDataDir(dataDir, { migrated: false });
  const url = `http://127.0.0.1:${port}`;
  const adminToken = randomBytes(24).toString("base64url");
  let child: ChildProcess | null = null;
  let stopping = false;
  let log = "";

  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    PUBLIC_URL: url,
    CLIENT_DIR: clientDir,
    SCANS_DIR: path.join(root, "scans"),
    ADMIN_TOKEN: adminToken,
    // One browser makes many quick requests; the limiter has its own tests.
    RATE_LIMIT_BURST: "10000",
    RATE_LIMIT_PER_SECOND: "1000",
    ...checkResponsesEnv,
    ...options.env,
  };

  const exited = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
    });

  const server: AppServer = {
    url,
    adminToken,
    dataDir,
    output: () => log,
    async start() {
      child = spawn(process.execPath, command, {
        cwd: root,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const started = child;
      stopping = false;
      started.once("exit", (code, signal) => {
        // A server that dies under a test makes every later request fail with "fetch failed":
        // say why, once, where the test output shows it.
        if (!stopping) console.error(`app server on ${url} exited unexpectedly (${code ?? signal}); its output:\n${log.slice(-4000)}`);
      });
      child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
      child.stderr?.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        watchServerOutput(chunk.toString());
      });
      await traced("app server start", () => waitUntilHealthy(url, () => child?.exitCode ?? child?.signalCode ?? null, () => log));
    },
    async stop() {
      stopping = true;
      child?.kill("SIGTERM");
      await exited();
    },
    async kill() {
      stopping = true;
      child?.kill("SIGKILL");
      await exited();
    },
    async dispose() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async admin<T>(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", apiPath: string, body?: unknown): Promise<T> {
      const response = await fetch(`${url}${apiPath}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const payload = (await response.json()) as T;
      if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${JSON.stringify(payload)}`);
      return payload;
    },
  };
  await server.start();
  return server;
}

async function waitUntilHealthy(
  url: string,
  exitStatus: () => number | string | null,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + budget(180_000);
  while (Date.now() < deadline) {
    if (exitStatus() !== null) throw new Error(`server exited (${exitStatus()}):\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy within ${budget(180)} s:\n${output()}`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed:\n${output}`))));
  });
}

/** A round in the real server with personal links (and optionally an open link). */
export interface TestRound {
  id: string;
  links: string[];
  openLink: string | null;
}

export async function createRound(
  server: AppServer,
  input: {
    scanId: string;
    title?: string;
    respondents?: number;
    openLink?: boolean;
    allowEdit?: boolean;
    opensAt?: Date;
    closesAt?: Date;
    anonymous?: boolean;
  },
): Promise<TestRound> {
  const count = input.respondents ?? 1;
  const created = await server.admin<{ round: { id: string }; links: { url: string }[]; openLink: string | null }>(
    "POST",
    "/api/admin/rounds",
    {
      scanId: input.scanId,
      title: input.title ?? `Testronde ${input.scanId}`,
      group: "Team Noord",
      opensAt: (input.opensAt ?? new Date(Date.now() - 3_600_000)).toISOString(),
      closesAt: (input.closesAt ?? new Date(Date.now() + 7 * 86_400_000)).toISOString(),
      allowEdit: input.allowEdit ?? true,
      ...(input.anonymous === undefined ? {} : { anonymous: input.anonymous }),
      openLink: input.openLink ?? false,
      respondents: Array.from({ length: count }, (_, i) => ({
        name: `Respondent ${i + 1}`,
        email: `respondent${i + 1}@example.org`,
      })),
    },
  );
  return { id: created.round.id, links: created.links.map((l) => l.url), openLink: created.openLink };
}
