import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { connect, type Sql } from "../../server/db/connect.ts";
import { migrate } from "../../server/db/migrate.ts";
import { startCluster } from "./pg-cluster.ts";

export type Backend = "embedded" | "postgres";

/** Every DB-touching test runs on both: `describe.each(backends)("on %s", …)`. */
export const backends: Backend[] = ["embedded", "postgres"];

export interface TestDb {
  backend: Backend;
  sql: Sql;
  /** For spawning a server on the same data: DATABASE_URL (postgres) or DATA_DIR (embedded). */
  serverEnv: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database. PostgreSQL: a new database on TEST_DATABASE_URL when set, else a
 * throwaway cluster this helper starts (failing loudly when PostgreSQL is not installed).
 */
export async function openTestDb(backend: Backend, { migrated = true } = {}): Promise<TestDb> {
  if (backend === "embedded") {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-pglite-"));
    const db = await connect({ dataDir, databaseUrl: undefined, databasePoolSize: 1 });
    if (migrated) await migrate(db.sql);
    return {
      backend,
      sql: db.sql,
      serverEnv: { DATA_DIR: dataDir },
      async close() {
        await db.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }

  const shared = process.env.TEST_DATABASE_URL;
  const cluster = shared ? null : await startCluster();
  const adminUrl = shared ?? cluster!.url;
  const name = `peilstok_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin`create database ${admin(name)}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await connect({ databaseUrl: url.toString(), dataDir: "", databasePoolSize: 10 });
  if (migrated) await migrate(db.sql);
  return {
    backend,
    sql: db.sql,
    serverEnv: { DATABASE_URL: url.toString() },
    async close() {
      await db.close();
      if (cluster) {
        await admin.end();
        await cluster.stop();
      } else {
        await admin`drop database if exists ${admin(name)} with (force)`;
        await admin.end();
      }
    },
  };
}
