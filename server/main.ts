import { serve } from "@hono/node-server";
import { compileBytes, renderDiagnostics } from "../dsl/index.ts";
import { createApp } from "./app.ts";
import { ensureFirstAdmin } from "./accounts/service.ts";
import { startSessionSweeper } from "./accounts/session.ts";
import { connect } from "./db/connect.ts";
import { migrate } from "./db/migrate.ts";
import { EnvError, loadEnv } from "./lib/env.ts";
import { startScheduler } from "./invitations/scheduler.ts";
import { Invitations } from "./invitations/service.ts";
import { createTransport } from "./invitations/mail-transport.ts";
import { SeriesService } from "./series/service.ts";
import { OidcClient } from "./oidc/client.ts";
import { Lifecycle } from "./lifecycle/service.ts";
import { consoleLog as log } from "./lib/log.ts";
import { loadScans } from "./scans/loader.ts";
import { DataDirBusyError } from "./db/data-dir-lock.ts";
import { startControlSocket } from "./system/control-socket.ts";
import { accountCommands } from "./accounts/commands.ts";
import { OpenLinkAdmissions } from "./respond/open-link.ts";

/** The two-role setup (server/db/app-role.sql): migrations run as the schema's owner. */
async function migrateAsOwner(url: string): Promise<number[]> {
  const owner = await connect({ databaseUrl: url, dataDir: "", databasePoolSize: 1 });
  try {
    return await migrate(owner.sql);
  } finally {
    await owner.close();
  }
}

async function main(): Promise<void> {
  const env = loadEnv();
  const db = await connect(env);
  log.info(
    db.kind === "embedded"
      ? `database: embedded PGlite in ${env.dataDir}/pglite (set DATABASE_URL for PostgreSQL)`
      : "database: PostgreSQL from DATABASE_URL",
  );
  const applied = env.migrationDatabaseUrl && db.kind === "postgres" ? await migrateAsOwner(env.migrationDatabaseUrl) : await migrate(db.sql);
  if (applied.length > 0) log.info(`database: applied migrations ${applied.join(", ")}`);
  await loadScans(db.sql, env.scansDir, { compileBytes, renderDiagnostics }, log);
  await ensureFirstAdmin(db.sql, env.firstAdminEmail, log);

  const transport = createTransport(env.mail.smtpUrl, env.mail.from);
  const invitations = new Invitations(db.sql, {
    transport,
    publicUrl: env.publicUrl,
    linkKey: env.mail.linkKey,
    timeZone: env.timeZone,
    log,
  });
  log.info(env.mail.smtpUrl ? "mail: sending through SMTP_URL" : "mail: no SMTP_URL, mails go to the outbox in the app");
  const series = new SeriesService(db.sql, invitations);
  invitations.passes.push(() => series.runDue());
  const lifecycle = new Lifecycle(db.sql, { log });
  invitations.passes.push(() => lifecycle.runDue());
  // An instance that sends no mail still deletes the links of closed rounds and runs the data
  // lifecycle (ARCHITECTURE.md).
  const scheduler = startScheduler(
    env.mail.scheduler
      ? invitations
      : { tick: async () => [await invitations.forgetClosedLinks(), await lifecycle.runDue()], onQueued: () => {} },
    { intervalMs: env.mail.intervalMs, log },
  );
  const sessionSweeper = startSessionSweeper(db.sql, { log });
  // The command line reaches the embedded database through this process (ARCHITECTURE.md).
  const control = db.kind === "embedded" ? await startControlSocket(env.dataDir, db.sql, accountCommands, log) : null;

  const admissions = new OpenLinkAdmissions(db.sql, { log });
  const app = createApp({
    admissions,
    invitations,
    series,
    sql: db.sql,
    publicUrl: env.publicUrl,
    adminToken: env.adminToken,
    rateLimit: env.rateLimit,
    bodyLimitBytes: env.bodyLimitBytes,
    trustedProxyHeader: env.trustedProxyHeader,
    clientDir: env.clientDir,
    timeZone: env.timeZone,
    oidc: env.oidc ? new OidcClient(env.oidc, `${env.publicUrl}/api/auth/oidc/callback`) : null,
    log,
    onResponseMismatch: env.checkResponses ? (problem) => log.error(`response mismatch: ${problem}`) : undefined,
  });
  if (env.oidc) log.info(`login: organisation accounts through ${env.oidc.issuer}`);
  const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
    log.info(`peilstok: listening on http://localhost:${info.port} (public URL ${env.publicUrl})`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`peilstok: ${signal}, shutting down`);
    // Finish in-flight requests, then close the database (which stops embedded PGlite cleanly).
    server.close(async () => {
      await scheduler.stop();
      await sessionSweeper.stop();
      await control?.close();
      await admissions.close();
      transport.close();
      await db.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError || err instanceof DataDirBusyError ? err.message : err);
  process.exit(1);
});
