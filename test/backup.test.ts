// Backup, restore and the move from the embedded database to PostgreSQL: every table compared,
// row for row, between the source and the result, on both databases.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listTables } from "../server/backup/catalog.ts";
import { backup, copyToPostgres, restore, type Reporter } from "../server/backup/commands.ts";
import { TransferError } from "../server/backup/transfer.ts";
import { connect, type Sql } from "../server/db/connect.ts";
import { migrate } from "../server/db/migrate.ts";
import { individualMiniScan, miniAnswers } from "./fixtures/mini-scan.ts";
import { sessionAs } from "./support/accounts.ts";
import { publishAs, send } from "./support/app.ts";
import { openTestDb, type Backend, type TestDb } from "./support/db.ts";
import { admin, emptyRound, mailSetup } from "./support/mail.ts";
import { startServer } from "./support/server-process.ts";

const run = promisify(execFile);
/** `peilstok <args>` as an operator types it; resolves with the exit code and output. */
async function peilstok(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/peilstok.js", ...args], { env: { ...process.env, ...env }, timeout: 240_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const quiet: Reporter = { line() {} };
const tricky = "Zeg \"ja\" of 'nee'\nnieuwe regel, tab\t, emoji 🙂, backslash \\ en é ü ß";

/** A day's worth of data through the app: accounts, a round, mails, submits with text, a draft, a report, a series. */
async function populate(sql: Sql): Promise<void> {
  const { app, invitations } = mailSetup(sql);
  const { scanId } = await publishAs(sql, individualMiniScan);
  await sessionAs(app, sql, "admin");
  await sessionAs(app, sql, "teamleader", ["Academie"]);
  const roundId = await emptyRound(app, scanId, new Date(Date.now() - 86_400_000), 30, { minGroupSize: 5 });
  const people = Array.from({ length: 6 }, (_, i) => ({ name: `Persoon ${i} ${tricky.slice(0, 12)}`, email: `p${i}@example.org`, team: i % 2 ? "rood" : "blauw" }));
  const added = await admin<{ added: { id: string }[] }>(app, "POST", `/api/admin/rounds/${roundId}/respondents`, { respondents: people, invite: true });
  expect(added.status).toBe(201);
  await invitations.sendDue();
  const { body } = await admin<{ mails: { text: string }[] }>(app, "GET", `/api/admin/mail/outbox?round=${roundId}`);
  const tokens = body.mails.map((m) => /\/r\/([A-Za-z0-9_-]{43})/.exec(m.text)![1]!);
  for (const [i, token] of tokens.entries()) {
    const data = { ...miniAnswers, missie: 1 + (i % 2), "missie-toelichting": `${tricky} ${i}` };
    const path = i === 5 ? "draft" : "submit";
    const res = await send(app, i === 5 ? "PUT" : "POST", `/api/respond/${token}/${path}`, { responseId: randomUUID(), data });
    expect(res.status).toBe(200);
  }
  // Folds the tallies; writes audit entries.
  expect((await admin(app, "GET", `/api/admin/reports/rounds/${roundId}`)).status).toBe(200);
  expect((await admin(app, "POST", "/api/admin/series", { roundId, title: "Reeks" })).status).toBe(201);
}

/** Every table's rows as sorted JSON texts, read the same way on both sides. */
async function contents(sql: Sql): Promise<Record<string, string[]>> {
  return sql.begin(async (tx) => {
    await tx`set local timezone to 'UTC'`;
    const out: Record<string, string[]> = {};
    for (const t of await listTables(tx)) {
      const rows = await tx<{ j: string }[]>`select to_jsonb(t)::text as j from ${tx(t.name)} t order by 1`;
      out[t.name] = rows.map((r) => r.j);
    }
    return out;
  });
}

async function embeddedDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "peilstok-backup-"));
}

async function withEmbedded<T>(dataDir: string, run: (sql: Sql) => Promise<T>): Promise<T> {
  const db = await connect({ dataDir, databaseUrl: undefined, databasePoolSize: 1 });
  try {
    return await run(db.sql);
  } finally {
    await db.close();
  }
}

describe("backup and restore on the embedded database", () => {
  let source: string;
  let work: string;
  let expected: Record<string, string[]>;

  beforeAll(async () => {
    source = await embeddedDir();
    work = await embeddedDir();
    expected = await withEmbedded(source, async (sql) => {
      await migrate(sql);
      await populate(sql);
      return contents(sql);
    });
  });
  afterAll(async () => {
    await rm(source, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  test("a backup restored into a new folder holds every table exactly as it was, and sequences carry on", async () => {
    const file = path.join(work, "embedded.jsonl.gz");
    const made = await backup({ dataDir: source }, file, quiet);
    expect(made.reports.find((r) => r.table === "responses")!.rows).toBe(6);
    const target = path.join(work, "restored");
    const result = await restore(file, { dataDir: target }, quiet);
    expect(result.reports.every((r) => r.matches)).toBe(true);

    await withEmbedded(target, async (sql) => {
      const got = await contents(sql);
      // The restore added one audit entry (who restored); everything else is identical.
      const restoredAudit = got.audit_log!.filter((r) => !expected.audit_log!.includes(r));
      expect(restoredAudit.map((r) => JSON.parse(r).action)).toEqual(["backup.restore"]);
      expect({ ...got, audit_log: got.audit_log!.filter((r) => expected.audit_log!.includes(r)) }).toEqual(expected);
      // Sequences carry on after the restored rows.
      const [v] = await sql<{ id: number }[]>`select max(id)::int as id from scan_versions`;
      const { scanId } = await publishAs(sql, individualMiniScan);
      const [n] = await sql<{ id: number }[]>`select id from scan_versions where scan_id = ${scanId}`;
      expect(n!.id).toBeGreaterThan(v!.id);
    });
    // The backup itself was recorded in the source.
    await withEmbedded(source, async (sql) => {
      const [row] = await sql<{ actor_kind: string }[]>`select actor_kind from audit_log where action = 'backup.create'`;
      expect(row!.actor_kind).toBe("cli");
    });
  }, 180_000);

  test("refuses a folder that already holds a database, and a cut-off or foreign file, leaving the target empty", async () => {
    const file = path.join(work, "twice.jsonl.gz");
    await backup({ dataDir: source }, file, quiet);
    await expect(restore(file, { dataDir: source }, quiet)).rejects.toThrow(/already holds a database/);

    const whole = gunzipSync(await readFile(file)).toString("utf8");
    const cut = path.join(work, "cut.jsonl.gz");
    await writeFile(cut, gzipSync(whole.slice(0, Math.floor(whole.length * 0.6))));
    const target = path.join(work, "after-cut");
    await expect(restore(cut, { dataDir: target }, quiet)).rejects.toThrow(TransferError);
    await withEmbedded(target, async (sql) => {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`;
      expect(row!.n).toBe(0);
    });

    const foreign = path.join(work, "foreign.jsonl.gz");
    await writeFile(foreign, gzipSync("{\"hallo\": 1}\n"));
    await expect(restore(foreign, { dataDir: path.join(work, "foreign") }, quiet)).rejects.toThrow(/not a Peilstok backup/);

    // A changed row is caught by the checksums: nothing is written.
    const tampered = path.join(work, "tampered.jsonl.gz");
    await writeFile(tampered, gzipSync(whole.replace("Persoon 3", "Persoon 9")));
    await expect(restore(tampered, { dataDir: path.join(work, "tampered") }, quiet)).rejects.toThrow(/verification failed/);
    expect(existsSync(`${file}.partial`)).toBe(false);
  }, 180_000);

  describe("copy to PostgreSQL", () => {
    let pg: TestDb;
    beforeAll(async () => {
      pg = await openTestDb("postgres", { migrated: false });
    });
    afterAll(async () => pg?.close());

    test("copies every table into an empty PostgreSQL database, verified, and refuses to copy twice", async () => {
      expected = await withEmbedded(source, contents);
      const lines: string[] = [];
      const progress: string[] = [];
      const result = await copyToPostgres(source, pg.serverEnv.DATABASE_URL!, {
        line: (t) => lines.push(t),
        progress: (e) => progress.push(e.table),
      });
      expect(result.reports.every((r) => r.matches)).toBe(true);
      expect(lines.at(-1)).toMatch(/every count and checksum equal/);
      expect(progress).toContain("responses");

      const got = await contents(pg.sql);
      const copied = got.audit_log!.filter((r) => !expected.audit_log!.includes(r));
      expect(copied.map((r) => JSON.parse(r).action)).toEqual(["backup.copy"]);
      expect({ ...got, audit_log: got.audit_log!.filter((r) => expected.audit_log!.includes(r)) }).toEqual(expected);

      await expect(copyToPostgres(source, pg.serverEnv.DATABASE_URL!, quiet)).rejects.toThrow(/not empty/);
    }, 120_000);
  });
});

describe("backup and restore on PostgreSQL", () => {
  const backend: Backend = "postgres";
  let from: TestDb;
  let to: TestDb;
  let work: string;

  beforeAll(async () => {
    from = await openTestDb(backend);
    to = await openTestDb(backend, { migrated: false });
    work = await embeddedDir();
    await populate(from.sql);
  });
  afterAll(async () => {
    await from?.close();
    await to?.close();
    await rm(work, { recursive: true, force: true });
  });

  test("a backup taken while the app runs restores into an empty database with every table equal", async () => {
    const expected = await contents(from.sql);
    const file = path.join(work, "pg.jsonl.gz");
    await backup({ databaseUrl: from.serverEnv.DATABASE_URL }, file, quiet);
    const result = await restore(file, { databaseUrl: to.serverEnv.DATABASE_URL }, quiet);
    expect(result.reports.length).toBe((await listTables(from.sql)).length);
    const got = await contents(to.sql);
    expect(got.audit_log!.filter((r) => !expected.audit_log!.includes(r)).map((r) => JSON.parse(r).action)).toEqual(["backup.restore"]);
    expect({ ...got, audit_log: got.audit_log!.filter((r) => expected.audit_log!.includes(r)) }).toEqual(expected);
    await expect(restore(file, { databaseUrl: to.serverEnv.DATABASE_URL }, quiet)).rejects.toThrow(/not empty/);
  });
});

describe("the backup command and the running embedded server", () => {
  test("refuses while the server holds the database, with a message saying who; works once it stopped", async () => {
    const work = await embeddedDir();
    const dataDir = path.join(work, "data");
    const server = await startServer({ DATA_DIR: dataDir, MAIL_SCHEDULER: "off" });
    try {
      const file = path.join(work, "live.jsonl.gz");
      const busy = await peilstok(["backup", "--out", file, "--data-dir", dataDir]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/in gebruik door de Peilstok-server/);
      expect(busy.stderr).toMatch(/Stop the server first/);
      expect(existsSync(file) || existsSync(`${file}.partial`)).toBe(false);

      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      const lines: string[] = [];
      const done = await backup({ dataDir }, file, { line: (t) => lines.push(t) });
      expect(done.reports.find((r) => r.table === "accounts")!.rows).toBe(1);
      expect(lines.at(-1)).toMatch(/every count and checksum equal/);
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
      await rm(work, { recursive: true, force: true });
    }
  }, 180_000);
});
