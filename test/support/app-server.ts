// Runs the real app as its own process (`tsx server/main.ts`) with the built client, a fresh
// data folder and a free port, as `npm start` would. Tests can stop, kill and restart it.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedEmbeddedDataDir } from "./db.ts";
import { oncePerRun } from "./shared.ts";
import { budget, traced } from "./timing.ts";
import { checkResponsesEnv, watchServerOutput } from "./response-mismatches.ts";

const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

/**
 * Builds the client once per test run (once per process outside vitest) into a folder of its
 * own, so a test run never races with someone's `npm start` writing client/dist. It is the
 * production build users get: vitest sets NODE_ENV=test, with which vite would bundle React's
 * development build (slower, and not what is shipped).
 */
export function buildClient(): Promise<string> {
  return oncePerRun("client", (outDir) =>
    traced("client build", async () => {
      await run(bin("vite"), ["build", "--logLevel", "error", "--outDir", outDir, "--emptyOutDir"], { NODE_ENV: "production" });
      return outDir;
    }),
  );
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
  const clientDir = await buildClient();
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
      // node itself rather than the tsx wrapper, so that kill() signals the server process.
      child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
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

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
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
