// Moving a whole database: read one consistent snapshot table by table, write it into an empty
// database in one transaction, and prove the result equal by row counts and checksums per table.
// The same two halves make `backup` (snapshot → file), `restore` (file → database) and
// `copy-to-postgres` (embedded snapshot → PostgreSQL). Rows travel as the text of `to_jsonb(row)`
// and are written back with `jsonb_populate_recordset`, so PostgreSQL itself converts every
// value both ways (no COPY: PGlite has no COPY FROM STDIN).
import type postgres from "postgres";
import type { Sql } from "../db/connect.ts";
import { applyMigrations, readMigrations } from "../db/migrate.ts";
import {
  appliedMigrations,
  checksumOf,
  countRelations,
  countRows,
  listTables,
  readSequences,
  rowHash,
  tableChecksum,
  useStableText,
  writeSequences,
  type SequenceState,
  type TableInfo,
  type TableSum,
} from "./catalog.ts";

export interface Manifest {
  format: "peilstok-backup";
  formatVersion: 1;
  createdAt: string;
  source: "embedded" | "postgres";
  /** The migrations the data was written under; a restore loads it at exactly this schema. */
  migrations: number[];
  /** Each table with its columns and row count, in an order that satisfies foreign keys. */
  tables: (TableInfo & { rows: number })[];
  sequences: SequenceState[];
}

/** Each table's checksum, known once its rows have been read: written after them. */
export interface Sums {
  tables: ({ name: string } & TableSum)[];
}

/** Where a snapshot goes: a file, or another database's transaction. */
export interface SnapshotSink {
  begin(manifest: Manifest): Promise<void>;
  /** Rows as JSON object texts, in batches. */
  rows(table: TableInfo, batch: string[]): Promise<void>;
  end(sums: Sums): Promise<void>;
}

export interface Progress {
  (event: { table: string; done: number; total: number }): void;
}

export class TransferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TransferError";
  }
}

/**
 * Reads everything in one REPEATABLE READ, read-only transaction, so every table comes from the
 * same snapshot: on PostgreSQL it is consistent while the app runs; the embedded database is one
 * process's, so there the server is stopped. One pass per table: each row's hash is taken in
 * JavaScript as it goes by, and the next batch is fetched while the sink writes this one.
 */
export async function readSnapshot(sql: Sql, kind: Manifest["source"], sink: SnapshotSink, progress?: Progress): Promise<{ manifest: Manifest; sums: Sums }> {
  let result: { manifest: Manifest; sums: Sums } | undefined;
  await sql.begin("isolation level repeatable read read only", async (tx) => {
    await useStableText(tx);
    const tables: Manifest["tables"] = [];
    for (const table of await listTables(tx)) tables.push({ ...table, rows: await countRows(tx, table.name) });
    const manifest: Manifest = {
      format: "peilstok-backup",
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      source: kind,
      migrations: await appliedMigrations(tx),
      tables,
      sequences: await readSequences(tx),
    };
    if (manifest.migrations.length === 0) throw new TransferError("the source database has no Peilstok tables (no migrations applied)");
    await sink.begin(manifest);
    const sums: Sums = { tables: [] };
    for (const table of tables) {
      const hashes: string[] = [];
      progress?.({ table: table.name, done: 0, total: table.rows });
      if (table.rows > 0) {
        await tx`declare snapshot_rows no scroll cursor for select to_jsonb(t)::text as j from ${tx(table.name)} t`;
        const fetch = () => tx<{ j: string }[]>`fetch forward 1000 from snapshot_rows`;
        let next = fetch();
        try {
          for (;;) {
            const batch = (await next).map((r) => r.j);
            if (batch.length === 0) break;
            next = fetch();
            for (const row of batch) hashes.push(rowHash(row));
            await sink.rows(table, batch);
            progress?.({ table: table.name, done: hashes.length, total: table.rows });
          }
        } finally {
          await next.catch(() => {});
        }
        await tx`close snapshot_rows`;
      }
      if (hashes.length !== table.rows) throw new TransferError(`${table.name}: counted ${table.rows} rows but read ${hashes.length}`);
      sums.tables.push({ name: table.name, rows: hashes.length, checksum: checksumOf(hashes) });
    }
    await sink.end(sums);
    result = { manifest, sums };
  });
  return result!;
}

/**
 * Refuses a database that holds anything: a restore or copy never mixes with existing data.
 * (A failed restore leaves nothing behind: it is one transaction, schema included.)
 */
export async function assertEmpty(sql: Sql, what: string): Promise<void> {
  const relations = await countRelations(sql);
  if (relations > 0) {
    throw new TransferError(
      `${what} is not empty (${relations} tables, views or sequences in schema public): ` +
        "restore and copy only write into an empty database, so nothing existing is mixed or lost",
    );
  }
}

export interface Loader {
  /** Starts the target: schema at the manifest's migrations, data tables empty, triggers off. */
  begin(manifest: Manifest): Promise<void>;
  rows(table: TableInfo, batch: string[]): Promise<void>;
  /** Verifies every table against the source's sums and sets the sequences; throws on any difference. */
  end(sums: Sums): Promise<TableReport[]>;
}

export interface TableReport {
  table: string;
  rows: number;
  checksum: string;
  matches: boolean;
}

/**
 * Writes a snapshot into an empty database inside the caller's transaction `tx`: applies exactly
 * the snapshot's migrations, empties what migrations put in (seed rows are in the snapshot too),
 * loads each table with its user triggers off (rows arrive as they were, derived tables
 * included), checks counts and checksums, sets sequences. Any difference throws, and the caller's
 * transaction rolls everything back.
 */
export function loaderInto(tx: postgres.TransactionSql, { migrationsDir }: { migrationsDir?: string } = {}): Loader {
  let manifest: Manifest;
  let tables: TableInfo[] = [];
  return {
    async begin(m) {
      manifest = m;
      if (m.format !== "peilstok-backup" || m.formatVersion !== 1) throw new TransferError("not a Peilstok backup (format 1)");
      const known = await readMigrations(migrationsDir);
      const knownVersions = new Set(known.map((k) => k.version));
      const unknown = m.migrations.filter((v) => !knownVersions.has(v));
      if (unknown.length > 0) {
        throw new TransferError(
          `the data was written by a newer Peilstok (migrations ${unknown.join(", ")} are unknown here): update Peilstok first`,
        );
      }
      const wanted = new Set(m.migrations);
      // Exactly the snapshot's migrations, so the data fits the schema column for column.
      await applyMigrations(
        tx,
        known.filter((k) => wanted.has(k.version)),
      );
      await useStableText(tx);
      tables = await listTables(tx);
      const targetNames = tables.map((t) => t.name).sort().join(",");
      const sourceNames = m.tables.map((t) => t.name).sort().join(",");
      if (targetNames !== sourceNames) {
        throw new TransferError(`the schema differs from the snapshot's: tables [${targetNames}] here, [${sourceNames}] there`);
      }
      for (const t of tables) await tx`alter table ${tx(t.name)} disable trigger user`;
      // Children before parents: rows a migration seeded make way for the snapshot's.
      for (const t of [...tables].reverse()) await tx`delete from ${tx(t.name)}`;
    },
    async rows(table, batch) {
      const columns = table.columns;
      await tx`
        insert into ${tx(table.name)} (${tx(columns)}) overriding system value
        select ${tx(columns)}
        from jsonb_populate_recordset(null::${tx(table.name)}, (${`[${batch.join(",")}]`}::text)::jsonb)
      `;
    },
    async end(sums) {
      const reports: TableReport[] = [];
      for (const table of manifest.tables) {
        const want = sums.tables.find((t) => t.name === table.name);
        if (!want) throw new TransferError(`the source gave no checksum for ${table.name}`);
        const got = await tableChecksum(tx, want.name);
        reports.push({ table: want.name, rows: got.rows, checksum: got.checksum, matches: got.rows === want.rows && got.checksum === want.checksum });
      }
      const wrong = reports.filter((r) => !r.matches);
      if (wrong.length > 0) {
        throw new TransferError(
          `verification failed, nothing was written: ${wrong
            .map((r) => {
              const want = sums.tables.find((t) => t.name === r.table)!;
              return `${r.table} has ${r.rows} rows (checksum ${r.checksum}), the source ${want.rows} (checksum ${want.checksum})`;
            })
            .join("; ")}`,
        );
      }
      await writeSequences(tx, manifest.sequences);
      for (const t of tables) await tx`alter table ${tx(t.name)} enable trigger user`;
      return reports;
    },
  };
}
