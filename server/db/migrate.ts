import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
 * Forward-only: there are no down migrations. Returns the versions applied.
 */
export async function migrate(sql: Sql, dir?: string): Promise<number[]> {
  const migrations = await readMigrations(dir);
  return sql.begin(async (tx) => {
    // Two processes starting at once must not both apply the same migration.
    await tx`select pg_advisory_xact_lock(hashtext('peilstok:migrate'))`;
    await tx`
      create table if not exists schema_migrations (
        version int primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )
    `;
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
  });
}
