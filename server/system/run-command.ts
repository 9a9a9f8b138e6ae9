// Runs a command-line command that reads or changes data: on PostgreSQL directly (it takes many
// connections); on the embedded database directly only when nobody else holds it, else through
// the running server, which holds it (server/db/data-dir-lock.ts, control-socket.ts). Resolves
// only after the change is committed, so nothing prints success for a lost change.
import { connect } from "../db/connect.ts";
import { DataDirBusyError } from "../db/data-dir-lock.ts";
import { migrate } from "../db/migrate.ts";
import type { Env } from "../lib/env.ts";
import { callControlSocket, type ControlCommands } from "./control-socket.ts";

const retryable = new Set(["ENOENT", "ECONNREFUSED"]);

export async function runCommand(
  env: Pick<Env, "databaseUrl" | "dataDir" | "databasePoolSize">,
  commands: ControlCommands,
  name: string,
  input: unknown,
): Promise<unknown> {
  const command = commands[name];
  if (!command) throw new Error(`unknown command ${name}`);
  const parsed: unknown = command.input.parse(input);
  let db: Awaited<ReturnType<typeof connect>>;
  try {
    db = await connect(env, { lockRole: "command" });
  } catch (err) {
    if (!(err instanceof DataDirBusyError) || err.holder.role !== "server") throw err;
    return viaServer(env.dataDir, err, name, parsed);
  }
  try {
    await migrate(db.sql);
    return await command.run(db.sql, parsed);
  } finally {
    await db.close();
  }
}

/** The server holds the embedded database: it runs the command. A server still starting gets a few seconds. */
async function viaServer(dataDir: string, busy: DataDirBusyError, name: string, input: unknown): Promise<unknown> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await callControlSocket(dataDir, name, input);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (!code || !retryable.has(code)) throw err;
      if (Date.now() > deadline) {
        throw new Error(
          `${busy.message}\n` +
            `De server neemt geen opdrachten aan (nog aan het starten, of gestopt zonder op te ruimen); probeer het zo opnieuw.\n` +
            `The server takes no commands (still starting, or stopped without cleaning up); try again in a moment.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

