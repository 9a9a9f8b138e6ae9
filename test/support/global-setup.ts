// vitest globalSetup: runs once in the main process before any test file. It makes the run folder
// that test files share things through (shared.ts) and starts the one PostgreSQL cluster of the
// run, in the background, so test files that need no database do not wait for it. Each test file
// makes its own databases in that cluster (db.ts). The built client and the template databases
// are made on first use by whichever worker needs them (shared.ts oncePerRun).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startCluster, type Cluster } from "./pg-cluster.ts";
import { recordRunValue } from "./shared.ts";
import { traced } from "./timing.ts";

export default function setup(): () => Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "peilstok-test-run-"));
  process.env.PEILSTOK_TEST_RUN_DIR = dir;

  let cluster: Promise<Cluster | null> = Promise.resolve(null);
  if (!process.env.TEST_DATABASE_URL) {
    cluster = traced("postgres cluster start", () => startCluster({ maxConnections: 300 })).then(
      (started) => {
        recordRunValue("pg-cluster", { value: started.url });
        return started;
      },
      (error: unknown) => {
        recordRunValue("pg-cluster", { error });
        return null;
      },
    );
  }

  return async function teardown() {
    const external = process.env.TEST_DATABASE_URL;
    if (external) await dropTemplate(external, dir);
    await (await cluster)?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };
}

/** On a server we did not start, remove the run's template database (db.ts postgresTemplate). */
async function dropTemplate(serverUrl: string, dir: string): Promise<void> {
  let name: string;
  try {
    name = (JSON.parse(readFileSync(path.join(dir, "pg-template.json"), "utf8")) as { value: string }).value;
  } catch {
    return; // no test made one
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`alter database ${admin(name)} with is_template false`;
    await admin`drop database if exists ${admin(name)}`;
  } finally {
    await admin.end();
  }
}
