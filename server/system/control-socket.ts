// Commands from the server's own command line (`npm run account -- …`) while the server runs on
// the embedded database: that database takes one process (server/db/data-dir-lock.ts), so the
// command asks the running server to do it. The server listens on a Unix socket in DATA_DIR that
// only the folder's owner may open (mode 0600): whoever can use it can read the database files in
// the same folder anyway, so the file permissions are the authentication. It is never on the
// network and serves nothing but the commands registered here.
import { request } from "node:http";
import { chmod, unlink } from "node:fs/promises";
import path from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { z } from "zod";
import type { Sql } from "../db/connect.ts";
import { AppError } from "../lib/errors.ts";
import type { Log } from "../lib/log.ts";

export const controlSocketName = "peilstok.sock";

/** One command: its input, checked on both sides, and what it does with the database. */
export interface ControlCommand<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S;
  run(sql: Sql, input: z.output<S>): Promise<R>;
}

export type ControlCommands = Record<string, ControlCommand>;

/** An error the command reported; its message is meant for the person at the command line. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

export function controlSocketPath(dataDir: string): string {
  return path.resolve(dataDir, controlSocketName);
}

/** Serves the commands on DATA_DIR's socket; the caller holds the folder's lock, so a leftover socket file is ours to replace. */
export async function startControlSocket(
  dataDir: string,
  sql: Sql,
  commands: ControlCommands,
  log: Log,
): Promise<{ close(): Promise<void> }> {
  const socket = controlSocketPath(dataDir);
  const app = new Hono().post("/commands/:name", async (c) => {
    const command = commands[c.req.param("name")];
    if (!command) throw new AppError(404, "unknown-command", `no command ${c.req.param("name")}`);
    const input = command.input.safeParse(await c.req.json().catch(() => undefined));
    if (!input.success) throw new AppError(400, "invalid-input", input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    return c.json({ result: (await command.run(sql, input.data)) ?? null });
  });
  app.onError((err, c) => {
    if (err instanceof AppError) return c.json({ error: { code: err.code, message: err.message } }, err.status);
    if (err instanceof z.ZodError) return c.json({ error: { code: "invalid-input", message: z.prettifyError(err) } }, 400);
    log.error("control command failed", err);
    return c.json({ error: { code: "internal", message: err.message } }, 500);
  });
  await unlink(socket).catch(() => {});
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // The mask keeps the socket owner-only from its first instant; chmod makes sure.
    const mask = process.umask(0o077);
    try {
      server.listen(socket, () => resolve());
    } finally {
      process.umask(mask);
    }
  });
  await chmod(socket, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        void unlink(socket).catch(() => {});
      }),
  };
}

/**
 * Runs a command in the server that holds DATA_DIR. Resolves only once the server has committed
 * it; a refusal becomes a CommandError with the server's message.
 */
export function callControlSocket<R>(dataDir: string, name: string, input: unknown): Promise<R> {
  const body = JSON.stringify(input ?? {});
  return new Promise<R>((resolve, reject) => {
    const req = request(
      {
        socketPath: controlSocketPath(dataDir),
        path: `/commands/${encodeURIComponent(name)}`,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          let payload: { result?: R; error?: { code: string; message: string } };
          try {
            payload = JSON.parse(text) as typeof payload;
          } catch {
            return reject(new CommandError("invalid-answer", `the server answered ${res.statusCode} without JSON`));
          }
          if (res.statusCode === 200 && payload.result !== undefined) resolve(payload.result as R);
          else reject(new CommandError(payload.error?.code ?? "failed", payload.error?.message ?? `the server answered ${res.statusCode}`));
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
