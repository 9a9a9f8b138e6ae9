import { mkdir } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import type { Env } from "../lib/env.ts";
import { lockDataDir, type LockRole } from "./data-dir-lock.ts";

export type Sql = postgres.Sql;
/** What query modules take: the pool or a transaction, so one function works in both. */
export type Queryable = postgres.Sql | postgres.TransactionSql;

export interface Database {
  sql: Sql;
  /** "postgres" for DATABASE_URL, "embedded" for PGlite in DATA_DIR. */
  kind: "postgres" | "embedded";
  close(): Promise<void>;
}

export interface ConnectOptions {
  /**
   * Who opens the embedded database: it takes DATA_DIR's lock (server/db/data-dir-lock.ts) and
   * throws DataDirBusyError while another process holds it.
   */
  lockRole?: LockRole;
}

const quiet = { onnotice: () => {} };

/** Connects to DATABASE_URL, or starts PGlite in DATA_DIR/pglite and serves it on loopback. */
export async function connect(
  env: Pick<Env, "databaseUrl" | "dataDir" | "databasePoolSize">,
  { lockRole = "server" }: ConnectOptions = {},
): Promise<Database> {
  if (env.databaseUrl) {
    const sql = postgres(env.databaseUrl, { ...quiet, max: env.databasePoolSize });
    await sql`select 1`;
    return { sql, kind: "postgres", close: () => sql.end({ timeout: 5 }) };
  }

  // Loaded lazily: the PGlite wasm is only needed for the embedded database.
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const dir = path.resolve(env.dataDir, "pglite");
  await mkdir(dir, { recursive: true });
  // Before PGlite opens the files: a second writer would lose one side's work.
  const lock = await lockDataDir(env.dataDir, lockRole);
  let db: InstanceType<typeof PGlite>;
  let server: InstanceType<typeof PGLiteSocketServer>;
  try {
    db = await PGlite.create(dir);
    server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0 });
    await server.start();
  } catch (err) {
    await lock.release();
    throw err;
  }
  const [host, port] = server.getServerConn().split(":");
  // The socket server serialises everything onto one PGlite connection; a larger pool fails
  // with ECONNRESET.
  const sql = postgres({
    ...quiet,
    host,
    port: Number(port),
    username: "postgres",
    database: "postgres",
    max: 1,
  });
  await sql`select 1`;
  return {
    sql,
    kind: "embedded",
    async close() {
      try {
        await sql.end({ timeout: 5 });
        await server.stop();
        await db.close();
      } finally {
        await lock.release();
      }
    },
  };
}
