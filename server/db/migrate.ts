import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type postgres from "postgres";
import type { Sql } from "./connect.ts";

const migrationsDir = fileURLToPath(new URL("./migrations/", import.meta.url));
const fileName = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  text: string;
}

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = fileName.exec(file);
    if (!match) throw new Error(`migration ${file} is not named NNN_name.sql`);
    migrations.push({
      version: Number(match[1]),
      name: match[2]!,
      text: await readFile(path.join(dir, file), "utf8"),
    });
  }
  return migrations;
}

/**
 * Applies every pending migration in one transaction and records each in schema_migrations.
 * Forward-only: there are no down migrations. Returns the versions applied. `upTo` stops after
 * that version (a restore loads data at the schema its backup was made with, then migrates on).
 */
export async function migrate(sql: Sql, dir?: string, { upTo = Infinity }: { upTo?: number } = {}): Promise<number[]> {
  const migrations = (await readMigrations(dir)).filter((m) => m.version <= upTo);
  return sql.begin((tx) => applyMigrations(tx, migrations));
}

/** The body of `migrate`, for a caller that needs the migrations inside its own transaction. */
export async function applyMigrations(tx: postgres.TransactionSql, migrations: Migration[]): Promise<number[]> {
  // Two processes starting at once must not both apply the same migration.
  await tx`select pg_advisory_xact_lock(hashtext('peilstok:migrate'))`;
  // Checked first: a role without CREATE rights (the app's role in the two-role setup) may run this.
  const [exists] = await tx<{ found: string | null }[]>`select to_regclass('schema_migrations')::text as found`;
  if (!exists?.found) {
    await tx`
      create table schema_migrations (
        version int primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )
    `;
  }
  const rows = await tx<{ version: number }[]>`select version from schema_migrations`;
  const applied = new Set(rows.map((r) => r.version));
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    // Migration files are our own checked-in SQL, run as a simple (multi-statement) query.
    await tx.unsafe(migration.text);
    await tx`
      insert into schema_migrations (version, name)
      values (${migration.version}, ${migration.name})
    `;
    done.push(migration.version);
  }
  return done;
}
