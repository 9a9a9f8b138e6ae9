// `peilstok backup|restore|copy-to-postgres` (also `npm run db -- …`): whole-database backup and
// restore for both databases, and the move from the embedded database to PostgreSQL. The database
// is the server's (DATABASE_URL, else the embedded one in DATA_DIR) unless an option names another.
import { Command } from "commander";
import { loadEnv } from "../lib/env.ts";
import { backup, copyToPostgres, restore, type Reporter } from "./commands.ts";
import { DataDirBusyError } from "../db/data-dir-lock.ts";
import { TransferError } from "./transfer.ts";

/** Progress on stderr: at most once a second per table, and when a table is done. */
function reporter(): Reporter {
  let last = 0;
  return {
    line: (text) => console.log(text),
    progress({ table, done, total }) {
      const now = Date.now();
      if (done !== total && now - last < 1000) return;
      last = now;
      const percent = total ? Math.round((done / total) * 100) : 100;
      process.stderr.write(`  ${table}: ${done} of ${total} rows (${percent}%)\n`);
    },
  };
}

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
}

const program = new Command("peilstok").description("Peilstok database backup, restore and copy");

program
  .command("backup")
  .description("write the whole database to one file (gzip'd JSON lines, checksums per table)")
  .option("-o, --out <file>", "the backup file", `peilstok-backup-${stamp()}.jsonl.gz`)
  .option("--database-url <url>", "back up this PostgreSQL database instead of the server's")
  .option("--data-dir <dir>", "back up the embedded database in this folder instead of the server's")
  .action(async (opts: { out: string; databaseUrl?: string; dataDir?: string }) => {
    const env = loadEnv();
    const from = opts.databaseUrl || opts.dataDir ? { databaseUrl: opts.databaseUrl, dataDir: opts.dataDir } : { databaseUrl: env.databaseUrl, dataDir: env.dataDir };
    await backup(from, opts.out, reporter());
    console.log(`written: ${opts.out} (keep it safe: it holds every name, e-mail address and answer in the app)`);
  });

program
  .command("restore")
  .description("load a backup file into an empty database (PostgreSQL, or a new embedded folder)")
  .argument("<file>", "a file written by `peilstok backup`")
  .option("--database-url <url>", "restore into this empty PostgreSQL database")
  .option("--data-dir <dir>", "restore into a new embedded database in this folder")
  .action(async (file: string, opts: { databaseUrl?: string; dataDir?: string }) => {
    const env = loadEnv();
    const to = opts.databaseUrl || opts.dataDir ? { databaseUrl: opts.databaseUrl, dataDir: opts.dataDir } : { databaseUrl: env.databaseUrl, dataDir: env.dataDir };
    await restore(file, to, reporter());
  });

program
  .command("copy-to-postgres")
  .description("copy the embedded database into an empty PostgreSQL database, verified per table")
  .requiredOption("--to <url>", "the empty PostgreSQL database, postgres://user:pass@host/db")
  .option("--data-dir <dir>", "the embedded database's folder (default: DATA_DIR)")
  .action(async (opts: { to: string; dataDir?: string }) => {
    const env = loadEnv();
    const dataDir = opts.dataDir ?? env.dataDir;
    await copyToPostgres(dataDir, opts.to, reporter());
    console.log(`done: start Peilstok with DATABASE_URL=${redact(opts.to)} (the embedded database in ${dataDir} is left as it was)`);
  });

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<the URL>";
  }
}

program.parseAsync().catch((err: unknown) => {
  if (err instanceof DataDirBusyError) {
    // The embedded database is the running server's: a backup must not read it underneath.
    console.error(`${err.message}\nStop the server first (on PostgreSQL, backup runs alongside the app).`);
  } else {
    console.error(err instanceof TransferError ? `error: ${err.message}` : err);
  }
  process.exit(1);
});
