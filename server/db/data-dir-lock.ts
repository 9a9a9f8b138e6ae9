// The embedded database is written by one process at a time. Two PGlite instances on one folder
// do not see each other's writes, and the one that writes last wins: an account created by the
// command line while the server ran was silently lost. Whoever opens DATA_DIR's database takes
// this lock first (server/db/connect.ts) and keeps it until it closes the database; the server
// refuses to start while someone else holds it, and the command line goes through the server
// instead (server/system/control-socket.ts).
//
// The lock is a file created exclusively (`wx`), naming its holder. A holder that died without
// releasing it (kill -9, a crash) is recognised by its process id no longer running (or running
// as another process, on Linux, by its start time), and its lock is taken over.
import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";

export type LockRole = "server" | "command";

export interface LockHolder {
  pid: number;
  role: LockRole;
  /** What the holder runs, for the message to whoever waits (e.g. "npm run account -- create"). */
  command: string;
  startedAt: string;
  /** The holder's start time in clock ticks since boot (Linux), to tell a reused process id. */
  processStart: string | null;
  token: string;
}

export const lockFileName = "peilstok.lock";

/** Someone else holds the folder's database; the message says who, in Dutch and English. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const who =
      holder.role === "server"
        ? { nl: `de Peilstok-server (proces ${holder.pid})`, en: `the Peilstok server (process ${holder.pid})` }
        : { nl: `een ander commando (proces ${holder.pid}: ${holder.command})`, en: `another command (process ${holder.pid}: ${holder.command})` };
    super(
      `De database in ${dataDir} is in gebruik door ${who.nl}, sinds ${holder.startedAt}. ` +
        `Twee processen mogen de ingebouwde database niet tegelijk gebruiken: er zou werk verloren gaan. ` +
        `Wacht tot het klaar is of stop het, of gebruik een andere DATA_DIR.\n` +
        `The database in ${dataDir} is in use by ${who.en}, since ${holder.startedAt}. ` +
        `Two processes must not use the embedded database at once: work would be lost. ` +
        `Wait until it is done or stop it, or use another DATA_DIR.`,
    );
    this.name = "DataDirBusyError";
  }
}

export interface DataDirLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock if it is still ours. */
  release(): Promise<void>;
}

/** A process's start time (field 22 of /proc/<pid>/stat), or null where there is no /proc. */
async function processStart(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count from its end.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

async function isRunning(holder: LockHolder): Promise<boolean> {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: it runs, as another user.
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (holder.processStart === null) return true;
  const now = await processStart(holder.pid);
  return now === null || now === holder.processStart;
}

const unreadable: LockHolder = { pid: -1, role: "command", command: "?", startedAt: "?", processStart: null, token: "" };

/**
 * The lock file's holder. A file that does not parse is being written (created, not yet filled):
 * it is read again for a second before it counts as stale (its writer died in between).
 */
async function readHolder(file: string): Promise<LockHolder | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<LockHolder>;
      if (typeof parsed.pid === "number" && typeof parsed.token === "string") return parsed as LockHolder;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    }
    if (attempt >= 10) return unreadable;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The live holder of a folder's lock, or null when nobody holds it. */
export async function lockHolder(dataDir: string): Promise<LockHolder | null> {
  const holder = await readHolder(path.join(dataDir, lockFileName));
  return holder && (await isRunning(holder)) ? holder : null;
}

/**
 * Takes the folder's lock or throws DataDirBusyError naming the live holder. A stale lock is moved
 * aside under a unique name first, and only if it is still the stale one, so two processes that
 * find the same stale lock cannot both take over.
 */
export async function lockDataDir(dataDir: string, role: LockRole, command = process.argv.slice(1).join(" ")): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, lockFileName);
  const holder: LockHolder = {
    pid: process.pid,
    role,
    command,
    startedAt: new Date().toISOString(),
    processStart: await processStart(process.pid),
    token: randomBytes(16).toString("hex"),
  };
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const handle = await open(file, "wx", 0o600);
      try {
        await handle.writeFile(JSON.stringify(holder));
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {
        file,
        holder,
        async release() {
          const current = await readHolder(file);
          if (current?.token === holder.token) await unlink(file).catch(() => {});
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const current = await readHolder(file);
    if (current && (await isRunning(current))) throw new DataDirBusyError(dataDir, current);
    // Stale: move it aside, then check that what we moved is what we judged stale.
    const aside = `${file}.stale-${holder.token}`;
    try {
      await rename(file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    const moved = await readHolder(aside);
    if (current && moved && moved.token !== current.token) {
      // Someone took the lock between our read and our rename: put theirs back.
      await link(aside, file).catch(() => {});
    }
    await unlink(aside).catch(() => {});
  }
  throw new Error(`could not take the lock ${file}`);
}
