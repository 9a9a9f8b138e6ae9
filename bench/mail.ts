// Queue and send 1,000 invitations to a local SMTP server (smtp-server, counting and discarding),
// on the embedded database: mails per second against a baseline of bare nodemailer sending the
// same number of mails over the same SMTP pool, and whether memory stays flat over 5 × 1,000.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { compile } from "../dsl/index.ts";
import { connect } from "../server/db/connect.ts";
import { migrate } from "../server/db/migrate.ts";
import { insertRound } from "../server/rounds/queries.ts";
import { Invitations } from "../server/invitations/service.ts";
import { silentLog } from "../server/lib/log.ts";
import { smtpTransport } from "../server/invitations/mail-transport.ts";
import { publishScan } from "../server/scans/loader.ts";
import { verdict } from "./measure.ts";
import type { BenchSection } from "./run.ts";

const MAILS = 1000;
const ROUNDS = 5;

async function countingSmtp(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    // No reverse DNS per connection: there is no resolver on a bench machine's loopback.
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        count++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, count: () => count, close: () => new Promise((r) => server.close(() => r())) };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const mailBench: BenchSection = {
  name: "mail",
  async run() {
    const smtp = await countingSmtp();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-bench-mail-"));
    const db = await connect({ dataDir, databaseUrl: undefined, databasePoolSize: 1 });
    try {
      await migrate(db.sql);
      const file = path.join(import.meta.dirname, "../scans/bachelorscan.scan");
      const text = await readFile(file, "utf8");
      const { versionId } = await publishScan(db.sql, { name: file, text }, compile({ name: file, text }).result!);

      // Baseline: nodemailer alone, same pool size, same kind of message, no database.
      const bare = nodemailer.createTransport({ url: smtp.url, pool: true, maxConnections: 4, maxMessages: Infinity });
      const body = "Beste Docent,\n\nJe bent uitgenodigd om de Bachelorscan in te vullen.\n\nhttp://localhost:3000/r/" + "x".repeat(43);
      let start = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < MAILS) {
            const i = next++;
            await bare.sendMail({ from: "peilstok@localhost", to: `docent${i}@example.org`, subject: "Uitnodiging", text: body, html: `<p>${body}</p>` });
          }
        }),
      );
      const baseMs = performance.now() - start;
      bare.close();

      const transport = smtpTransport({ url: smtp.url, from: "Peilstok <peilstok@localhost>", connections: 4 });
      const invitations = new Invitations(db.sql, { transport, publicUrl: "http://localhost:3000", log: silentLog, concurrency: 4 });
      const heap: number[] = [];
      const rss: number[] = [];
      let queueMs = 0;
      let sendMs = 0;
      for (let r = 0; r < ROUNDS; r++) {
        const roundId = randomUUID();
        await insertRound(db.sql, {
          id: roundId,
          scanVersionId: versionId,
          title: `Bench ${r + 1}`,
          groupName: "Bench",
          opensAt: new Date(Date.now() - 60_000),
          closesAt: new Date(Date.now() + 30 * 86_400_000),
          anonymous: false,
          allowEdit: true,
          minGroupSize: 5,
          openTokenHash: null,
        });
        const csv = Array.from({ length: MAILS }, (_, i) => `Docent ${i};docent${r}-${i}@example.org;team ${i % 10}`).join("\n");
        start = performance.now();
        await invitations.importCsv(roundId, csv, { invite: true });
        const queued = performance.now() - start;
        start = performance.now();
        const summary = await invitations.sendDue();
        const sent = performance.now() - start;
        if (summary.sent !== MAILS) throw new Error(`sent ${summary.sent} of ${MAILS}`);
        if (r === 0) {
          queueMs = queued;
          sendMs = sent;
        }
        const mem = process.memoryUsage();
        heap.push(mem.heapUsed);
        rss.push(mem.rss);
      }
      transport.close();

      const rate = (MAILS / sendMs) * 1000;
      const baseRate = (MAILS / baseMs) * 1000;
      console.log(`queue ${MAILS} invitations (CSV import + queue rows): ${queueMs.toFixed(0)} ms`);
      console.log(`send ${MAILS} invitations: ${sendMs.toFixed(0)} ms = ${rate.toFixed(0)} mails/s`);
      console.log(`baseline, bare nodemailer, same pool: ${baseMs.toFixed(0)} ms = ${baseRate.toFixed(0)} mails/s (peilstok at ${((rate / baseRate) * 100).toFixed(0)}% of it)`);
      console.log(`SMTP server received ${smtp.count()} mails (${MAILS} baseline + ${ROUNDS} × ${MAILS})`);
      console.log(`heap after each ${MAILS}: ${heap.map(mb).join(", ")}`);
      console.log(`rss after each ${MAILS}:  ${rss.map(mb).join(", ")}`);
      // Flat: the last batch ends within 20 MB of the second (the first includes warm-up).
      const growth = heap[heap.length - 1]! - heap[1]!;
      console.log(`memory flat (heap growth from batch 2 to ${ROUNDS} ${mb(growth)} < 20 MB): ${verdict(growth < 20 * 1024 * 1024)}`);
    } finally {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
      await smtp.close();
    }
  },
};
