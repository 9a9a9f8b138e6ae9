// What one test run shares between its test files and worker processes: a folder made by
// test/support/global-setup.ts (PEILSTOK_TEST_RUN_DIR), in which things that cost time to make
// (the built client, template databases) are made once, by whichever process needs them first,
// while the others wait. Outside vitest (a benchmark, a script) there is no run folder and each
// process makes its own.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function runDir(): string | null {
  return process.env.PEILSTOK_TEST_RUN_DIR || null;
}

const inProcess = new Map<string, Promise<unknown>>();

/**
 * Makes a value once per test run (once per process outside a run). `make` gets a folder of its
 * own to put files in and returns something JSON can carry. A failure is remembered for the run,
 * so every test that needs the value reports the same error instead of trying again.
 */
export function oncePerRun<T>(name: string, make: (dir: string) => Promise<T>): Promise<T> {
  let value = inProcess.get(name) as Promise<T> | undefined;
  if (!value) {
    value = acrossProcesses(name, make);
    inProcess.set(name, value);
  }
  return value;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function lockAbandoned(lock: string): boolean {
  try {
    const owner = Number(readFileSync(path.join(lock, "pid"), "utf8"));
    return !alive(owner);
  } catch {
    // No pid yet: its maker is between mkdir and writing it, or died right there.
    try {
      return Date.now() - statSync(lock).mtimeMs > 10_000;
    } catch {
      return false; // gone meanwhile
    }
  }
}

/** Waits until `name` was made or failed in this run (made by another process). */
export async function waitForRunValue<T>(name: string): Promise<T> {
  const dir = runDir();
  if (!dir) throw new Error(`no test run folder: ${name} is only made by test/support/global-setup.ts`);
  const done = path.join(dir, `${name}.json`);
  const failed = path.join(dir, `${name}.failed`);
  for (;;) {
    if (existsSync(done)) return (JSON.parse(readFileSync(done, "utf8")) as { value: T }).value;
    if (existsSync(failed)) throw new Error(`${name} failed earlier in this run:\n${readFileSync(failed, "utf8")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Records a value (or a failure) for `name` in this run, for waitForRunValue. */
export function recordRunValue(name: string, outcome: { value: unknown } | { error: unknown }): void {
  const dir = runDir();
  if (!dir) return;
  if ("value" in outcome) {
    const done = path.join(dir, `${name}.json`);
    writeFileSync(`${done}.${process.pid}`, JSON.stringify({ value: outcome.value }));
    renameSync(`${done}.${process.pid}`, done);
  } else {
    const error = outcome.error;
    writeFileSync(path.join(dir, `${name}.failed`), error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

async function acrossProcesses<T>(name: string, make: (dir: string) => Promise<T>): Promise<T> {
  const dir = runDir();
  if (!dir) {
    const own = mkdtempSync(path.join(tmpdir(), `peilstok-${name}-`));
    process.once("exit", () => rmSync(own, { recursive: true, force: true }));
    return make(own);
  }
  const lock = path.join(dir, `${name}.lock`);
  for (;;) {
    if (existsSync(path.join(dir, `${name}.json`)) || existsSync(path.join(dir, `${name}.failed`))) {
      return waitForRunValue<T>(name);
    }
    try {
      mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // Another process is making it; take over only if that process has gone.
      if (lockAbandoned(lock)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    writeFileSync(path.join(lock, "pid"), String(process.pid));
    const own = path.join(dir, name);
    rmSync(own, { recursive: true, force: true });
    mkdirSync(own);
    try {
      const value = await make(own);
      recordRunValue(name, { value });
      return value;
    } catch (error) {
      recordRunValue(name, { error });
      throw error;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
