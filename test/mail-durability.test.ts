import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { connect, type Sql } from "../server/db/connect.ts";
import { individualMiniScan } from "./fixtures/mini-scan.ts";
import { publishAs } from "./support/app.ts";
import { backends, openTestDb, seedEmbeddedDataDir, type TestDb } from "./support/db.ts";
import { day, emptyRound, mailSetup, teachersCsv, testClock } from "./support/mail.ts";
import { startSmtp } from "./support/smtp.ts";

async function statuses(sql: Sql, roundId: string) {
  const rows = await sql<{ status: string; n: number }[]>`
    select status, count(*)::int as n from mails where round_id = ${roundId} group by status
  `;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

const perRecipient = (to: string[][]) => {
  const counts = new Map<string, number>();
  for (const [address] of to) counts.set(address!, (counts.get(address!) ?? 0) + 1);
  return counts;
};

/** Like openTestDb, but closing an embedded database keeps its folder, for another process to open. */
async function openCrashableDb(backend: (typeof backends)[number]): Promise<TestDb> {
  if (backend === "postgres") return openTestDb(backend);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-crash-"));
  await seedEmbeddedDataDir(dataDir, { migrated: true });
  const conn = await connect({ dataDir, databaseUrl: undefined, databasePoolSize: 1 });
  return { backend, sql: conn.sql, serverEnv: { DATA_DIR: dataDir }, close: () => conn.close() };
}

describe.each(backends)("sending survives a crash on %s", (backend) => {
  test("kill -9 mid-batch: after a restart every teacher has exactly one invitation", async () => {
    const db = await openCrashableDb(backend);
    const { scanId } = await publishAs(db.sql, individualMiniScan);
    const setup = mailSetup(db.sql);
    const roundId = await emptyRound(setup.app, scanId, setup.clock());
    await setup.invitations.importCsv(roundId, teachersCsv(30));
    expect(await setup.invitations.invite(roundId)).toEqual({ queued: 30, withoutLink: 0, capped: 0 });

    let child: ReturnType<typeof spawn> | null = null;
    let accepted = 0;
    const smtp = await startSmtp({
      beforeAccept: () => {
        // The 11th message is in flight when the sending process dies: it never gets its 250.
        if (++accepted === 11) {
          child?.kill("SIGKILL");
          throw new Error("connection lost");
        }
      },
    });
    const dataDir = db.serverEnv.DATA_DIR;
    // The embedded database can only be opened by one process at a time.
    if (backend === "embedded") await db.close();
    try {
      child = spawn(process.execPath, ["--import", "tsx", "test/support/mail-worker.ts"], {
        env: { ...process.env, ...db.serverEnv, SMTP_URL: smtp.url, PUBLIC_URL: "http://peilstok.test" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout!.on("data", (d) => (output += d));
      child.stderr!.on("data", (d) => (output += d));
      const [, signal] = await new Promise<[number | null, string | null]>((resolve) => child!.on("exit", (c, s) => resolve([c, s])));
      expect(signal, output).toBe("SIGKILL");
      expect(smtp.mails).toHaveLength(10);

      const again = backend === "embedded" ? await connect({ dataDir: dataDir!, databaseUrl: undefined, databasePoolSize: 1 }) : null;
      const sql = again?.sql ?? db.sql;
      try {
        // Ten delivered; the rest of the crashed instance's batch is leased to it, the others wait.
        expect(await statuses(sql, roundId)).toEqual({ sent: 10, sending: 10, queued: 10 });
        // A restarted instance leaves the leased mails alone until the lease runs out…
        const clock = testClock();
        const restarted = mailSetup(sql, { smtpUrl: smtp.url, clock });
        expect((await restarted.invitations.sendDue()).sent).toBe(10);
        // …then takes them over.
        clock.advance(6 * 60_000);
        expect((await restarted.invitations.sendDue()).sent).toBe(10);
        restarted.transport.close();
        expect(await statuses(sql, roundId)).toEqual({ sent: 30 });
        const counts = perRecipient(smtp.mails.map((m) => m.to));
        expect(counts.size).toBe(30);
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
      } finally {
        await again?.close();
      }
    } finally {
      child?.kill("SIGKILL");
      await smtp.close();
      if (backend === "embedded") await rm(dataDir!, { recursive: true, force: true });
      else await db.close();
    }
  });
});

describe("two app instances on one PostgreSQL", () => {
  let db: TestDb;
  let second: Awaited<ReturnType<typeof connect>>;
  afterAll(async () => {
    await second?.close();
    await db?.close();
  });

  test("never send the same invitation or reminder twice", async () => {
    db = await openTestDb("postgres");
    second = await connect({ databaseUrl: db.serverEnv.DATABASE_URL, dataDir: "", databasePoolSize: 5 });
    const smtp = await startSmtp();
    const { scanId } = await publishAs(db.sql, individualMiniScan);
    const clock = testClock();
    const a = mailSetup(db.sql, { smtpUrl: smtp.url, clock, batchSize: 7 });
    const b = mailSetup(second.sql, { smtpUrl: smtp.url, clock, batchSize: 7 });
    const roundId = await emptyRound(a.app, scanId, clock(), 60);
    await a.invitations.importCsv(roundId, teachersCsv(120), { invite: true });

    const [ra, rb] = await Promise.all([a.invitations.tick(), b.invitations.tick()]);
    expect(ra.sent + rb.sent).toBe(120);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);

    clock.advance(10 * day);
    const [ta, tb] = await Promise.all([a.invitations.tick(), b.invitations.tick()]);
    expect(ta.reminders + tb.reminders).toBe(120);
    expect(ta.sent + tb.sent).toBe(120);
    // Running again at the same moment finds nothing new.
    const [again1, again2] = await Promise.all([a.invitations.tick(), b.invitations.tick()]);
    expect(again1.reminders + again2.reminders + again1.sent + again2.sent).toBe(0);

    const counts = perRecipient(smtp.mails.map((m) => m.to));
    expect(counts.size).toBe(120);
    expect([...counts.values()].every((n) => n === 2)).toBe(true);
    expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(240);
    a.transport.close();
    b.transport.close();
    await smtp.close();
  });
});
