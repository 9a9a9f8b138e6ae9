import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { connect, type Sql } from "../../server/db/connect.ts";
import { migrate, readMigrations } from "../../server/db/migrate.ts";
import { startCluster } from "./pg-cluster.ts";
import { oncePerRun, runDir, waitForRunValue } from "./shared.ts";
import { traced } from "./timing.ts";

const root = path.resolve(import.meta.dirname, "../..");

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
 * A PostgreSQL server on which tests may create databases: TEST_DATABASE_URL when set, else the
 * cluster test/support/global-setup.ts started for this run, else (outside vitest) one cluster
 * for this process.
 */
export async function testPostgresUrl(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  if (runDir()) return waitForRunValue<string>("pg-cluster");
  processCluster ??= startCluster({ maxConnections: 300 }).then((cluster) => cluster.url);
  return processCluster;
}
let processCluster: Promise<string> | null = null;

/**
 * A migrated database to copy from, made once per run: `create database … template …` takes a
 * fraction of the time of running every migration again. Nobody may connect to it (a template
 * with a connection cannot be copied).
 */
function postgresTemplate(adminUrl: string): Promise<string> {
  return oncePerRun("pg-template", () => traced("postgres template", async () => {
    const name = `peilstok_template_${randomBytes(6).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin`create database ${admin(name)}`;
      const db = await connect({ databaseUrl: withDatabase(adminUrl, name), dataDir: "", databasePoolSize: 1 });
      try {
        await migrate(db.sql);
      } finally {
        await db.close();
      }
      await admin`alter database ${admin(name)} with is_template true allow_connections false`;
    } finally {
      await admin.end();
    }
    return name;
  }));
}

/**
 * An embedded (PGlite) data folder to copy from: creating a PGlite database (its initdb) takes
 * seconds, copying one a fraction of that. `migrated: false` is a database as PGlite first
 * creates it. Kept between runs in node_modules/.cache, under a key of the PGlite version, the
 * connection code and (migrated) every migration file, so a change to any of them makes a new one.
 */
export function pgliteTemplate({ migrated }: { migrated: boolean }): Promise<string> {
  return oncePerRun(migrated ? "pglite-migrated" : "pglite-fresh", () =>
    traced(`pglite template${migrated ? " (migrated)" : ""}`, async () => {
      const dir = path.join(root, "node_modules", ".cache", `peilstok-pglite-${await pgliteKey(migrated)}`);
      if (existsSync(path.join(dir, ".complete"))) return dir;
      const partial = `${dir}.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
      await mkdir(partial, { recursive: true });
      try {
        if (migrated) {
          await cp(path.join(await pgliteTemplate({ migrated: false }), "pglite"), path.join(partial, "pglite"), { recursive: true });
        }
        const db = await connect({ dataDir: partial, databaseUrl: undefined, databasePoolSize: 1 });
        try {
          if (migrated) await migrate(db.sql);
        } finally {
          await db.close();
        }
        await writeFile(path.join(partial, ".complete"), "");
        await rename(partial, dir).catch(async (err: NodeJS.ErrnoException) => {
          // Another run made the same one meanwhile.
          if (!existsSync(path.join(dir, ".complete"))) throw err;
        });
      } finally {
        await rm(partial, { recursive: true, force: true });
      }
      return dir;
    }),
  );
}

async function pgliteKey(migrated: boolean): Promise<string> {
  const hash = createHash("sha256");
  const pglite = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  let pkg = path.dirname(pglite);
  while (!existsSync(path.join(pkg, "package.json"))) pkg = path.dirname(pkg);
  hash.update(await readFile(path.join(pkg, "package.json")));
  hash.update(await readFile(path.join(root, "server", "db", "connect.ts")));
  if (migrated) {
    for (const migration of await readMigrations()) hash.update(`${migration.version} ${migration.name}\n${migration.text}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

/** Fills an empty data folder with a copy of an embedded database (see pgliteTemplate). */
export async function seedEmbeddedDataDir(dataDir: string, { migrated }: { migrated: boolean }): Promise<void> {
  await cp(path.join(await pgliteTemplate({ migrated }), "pglite"), path.join(dataDir, "pglite"), { recursive: true });
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh database of its own, migrated unless `migrated: false` (then empty, as a first start
 * finds it). PostgreSQL: a new database on the run's server (see testPostgresUrl), dropped on
 * close. Embedded: a new PGlite data folder, removed on close.
 */
export function openTestDb(backend: Backend, { migrated = true } = {}): Promise<TestDb> {
  return traced(`openTestDb ${backend}${migrated ? "" : " (not migrated)"}`, () => open(backend, migrated));
}

async function open(backend: Backend, migrated: boolean): Promise<TestDb> {
  if (backend === "embedded") {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-pglite-"));
    try {
      await seedEmbeddedDataDir(dataDir, { migrated });
      const db = await connect({ dataDir, databaseUrl: undefined, databasePoolSize: 1 });
      return {
        backend,
        sql: db.sql,
        serverEnv: { DATA_DIR: dataDir },
        async close() {
          await db.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      await rm(dataDir, { recursive: true, force: true });
      throw err;
    }
  }

  const adminUrl = await testPostgresUrl();
  const template = migrated ? await postgresTemplate(adminUrl) : null;
  const name = `peilstok_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  if (template) await admin`create database ${admin(name)} template ${admin(template)}`;
  else await admin`create database ${admin(name)}`;
  const url = withDatabase(adminUrl, name);
  const db = await connect({ databaseUrl: url, dataDir: "", databasePoolSize: 10 });
  return {
    backend,
    sql: db.sql,
    serverEnv: { DATABASE_URL: url },
    async close() {
      await db.close();
      await admin`drop database if exists ${admin(name)} with (force)`;
      await admin.end();
    },
  };
}
