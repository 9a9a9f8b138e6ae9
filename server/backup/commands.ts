// backup, restore and copy-to-postgres: the operations behind `peilstok backup|restore|
// copy-to-postgres` (server/backup/cli.ts), usable from tests and benches without a shell.
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { recordAudit } from "../audit/record.ts";
import { connect, type Database } from "../db/connect.ts";
import { migrate } from "../db/migrate.ts";
import { fileSink, readBackupFile, readManifest } from "./file.ts";
import { assertEmpty, loaderInto, readSnapshot, TransferError, type Manifest, type TableReport } from "./transfer.ts";

export interface Where {
  /** PostgreSQL; otherwise the embedded database in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}

export interface Reporter {
  /** A line for the operator. */
  line(text: string): void;
  /** Progress within a table (may be called often; print sparingly). */
  progress?(e: { table: string; done: number; total: number }): void;
}

export interface TransferResult {
  manifest: Manifest;
  reports: TableReport[];
  ms: number;
}

const cliActor = () => ({ kind: "cli" as const, user: os.userInfo().username });

async function open(where: Where): Promise<Database> {
  if (where.databaseUrl) return connect({ databaseUrl: where.databaseUrl, dataDir: "", databasePoolSize: 2 });
  if (!where.dataDir) throw new TransferError("say which database: a PostgreSQL URL or an embedded DATA_DIR");
  if (!existsSync(path.join(where.dataDir, "pglite"))) {
    throw new TransferError(`no embedded database in ${path.resolve(where.dataDir)} (expected ${path.join(where.dataDir, "pglite")})`);
  }
  // Takes DATA_DIR's lock: refuses (DataDirBusyError, naming the holder) while the server runs.
  return connect({ databaseUrl: undefined, dataDir: where.dataDir, databasePoolSize: 1 }, { lockRole: "command" });
}

/** An embedded target must be a new folder: its PGlite files are created by the restore. */
async function openEmptyTarget(where: Where): Promise<Database> {
  if (!where.databaseUrl) {
    if (!where.dataDir) throw new TransferError("say where to restore: a PostgreSQL URL or an embedded DATA_DIR");
    const dir = path.join(where.dataDir, "pglite");
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new TransferError(`${path.resolve(dir)} already holds a database: restore only into a new, empty folder`);
    }
  }
  const db = where.databaseUrl
    ? await connect({ databaseUrl: where.databaseUrl, dataDir: "", databasePoolSize: 2 })
    : await connect({ databaseUrl: undefined, dataDir: where.dataDir!, databasePoolSize: 1 }, { lockRole: "command" });
  try {
    await assertEmpty(db.sql, where.databaseUrl ? "the target PostgreSQL database" : "the target folder");
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

function summary(reporter: Reporter, reports: TableReport[], ms: number) {
  const width = Math.max(...reports.map((r) => r.table.length));
  for (const r of reports) {
    reporter.line(`  ${r.table.padEnd(width)}  ${String(r.rows).padStart(9)} rows  checksum ${r.checksum}  ${r.matches ? "ok" : "DIFFERENT"}`);
  }
  const rows = reports.reduce((n, r) => n + r.rows, 0);
  reporter.line(`${reports.length} tables, ${rows} rows, every count and checksum equal (${(ms / 1000).toFixed(1)} s)`);
}

/** Writes a backup of the database at `from` into `file`. */
export async function backup(from: Where, file: string, reporter: Reporter): Promise<TransferResult> {
  const started = Date.now();
  const db = await open(from);
  const sink = fileSink(file);
  try {
    reporter.line(`backup of the ${db.kind === "embedded" ? `embedded database in ${path.resolve(from.dataDir!)}` : "PostgreSQL database"} to ${file}`);
    const { manifest, sums } = await readSnapshot(db.sql, db.kind, sink, reporter.progress);
    const ms = Date.now() - started;
    const reports = sums.tables.map((t) => ({ table: t.name, rows: t.rows, checksum: t.checksum, matches: true }));
    await recordAudit(db.sql, { action: "backup.create", actor: cliActor(), details: { tables: reports.length, rows: reports.reduce((n, r) => n + r.rows, 0) } });
    summary(reporter, reports, ms);
    return { manifest, reports, ms };
  } catch (err) {
    await sink.abort();
    throw err;
  } finally {
    await db.close();
  }
}

/**
 * Restores `file` into an empty database: the schema of the backup's migrations, the data, the
 * verification, all in one transaction; then the migrations that came after the backup.
 */
export async function restore(file: string, to: Where, reporter: Reporter): Promise<TransferResult> {
  const started = Date.now();
  // A file that is not a backup is refused before anything is created.
  await readManifest(file);
  const db = await openEmptyTarget(to);
  try {
    reporter.line(`restore of ${file} into the ${db.kind === "embedded" ? `embedded database in ${path.resolve(to.dataDir!)}` : "PostgreSQL database"}`);
    const { manifest, reports } = await db.sql.begin(async (tx) => {
      const result = await readBackupFile(file, loaderInto(tx), reporter.progress);
      await recordAudit(tx, { action: "backup.restore", actor: cliActor(), details: { backupCreatedAt: result.manifest.createdAt, source: result.manifest.source } });
      return result;
    });
    const later = await migrate(db.sql);
    if (later.length > 0) reporter.line(`applied the migrations made after the backup: ${later.join(", ")}`);
    const ms = Date.now() - started;
    summary(reporter, reports, ms);
    return { manifest, reports, ms };
  } finally {
    await db.close();
  }
}

/**
 * Copies the embedded database in `dataDir` into an empty PostgreSQL database, in one transaction
 * on the target, verified table by table before it commits.
 */
export async function copyToPostgres(dataDir: string, databaseUrl: string, reporter: Reporter): Promise<TransferResult> {
  const started = Date.now();
  const target = await openEmptyTarget({ databaseUrl });
  let source: Database | undefined;
  try {
    source = await open({ dataDir });
    reporter.line(`copy of the embedded database in ${path.resolve(dataDir)} into PostgreSQL`);
    const src = source;
    const { manifest, reports } = await target.sql.begin(async (tx) => {
      const loader = loaderInto(tx);
      let reports: TableReport[] = [];
      const { manifest } = await readSnapshot(
        src.sql,
        "embedded",
        { begin: loader.begin, rows: loader.rows, end: async (sums) => void (reports = await loader.end(sums)) },
        reporter.progress,
      );
      await recordAudit(tx, { action: "backup.copy", actor: cliActor(), details: { from: "embedded", tables: reports.length } });
      return { manifest, reports };
    });
    const later = await migrate(target.sql);
    if (later.length > 0) reporter.line(`applied the migrations the embedded database did not have yet: ${later.join(", ")}`);
    const ms = Date.now() - started;
    summary(reporter, reports, ms);
    return { manifest, reports, ms };
  } finally {
    await source?.close();
    await target.close();
  }
}
