// A sending instance as its own process, so a test can kill -9 it mid-batch.
// Env: DATABASE_URL or DATA_DIR, SMTP_URL, PUBLIC_URL.
import { connect } from "../../server/db/connect.ts";
import { Invitations } from "../../server/invitations/service.ts";
import { silentLog } from "../../server/lib/log.ts";
import { smtpTransport } from "../../server/invitations/mail-transport.ts";

const db = await connect({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.DATA_DIR ?? "",
  databasePoolSize: 2,
});
const transport = smtpTransport({ url: process.env.SMTP_URL!, from: "Peilstok <peilstok@example.org>", connections: 1 });
const invitations = new Invitations(db.sql, {
  transport,
  publicUrl: process.env.PUBLIC_URL!,
  log: silentLog,
  batchSize: 10,
  concurrency: 1,
});
console.log("sending");
const summary = await invitations.sendDue();
console.log(`done ${JSON.stringify(summary)}`);
transport.close();
await db.close();
