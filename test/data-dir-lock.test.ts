// The embedded database's folder lock (server/db/data-dir-lock.ts): one holder at a time, and a
// holder that died (kill -9) does not keep it.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DataDirBusyError, lockDataDir, lockFileName, lockHolder } from "../server/db/data-dir-lock.ts";

describe("data folder lock", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "peilstok-lock-"));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const write = (holder: object) => writeFile(path.join(dir, lockFileName), JSON.stringify(holder));

  test("refuses a second holder while the first lives, naming it, and lets it go on release", async () => {
    const first = await lockDataDir(dir, "server", "server/main.ts");
    const refused = await lockDataDir(dir, "command").catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DataDirBusyError);
    expect((refused as DataDirBusyError).holder).toMatchObject({ pid: process.pid, role: "server" });
    expect((await lockHolder(dir))?.token).toBe(first.holder.token);
    await first.release();
    expect(await lockHolder(dir)).toBeNull();
    const second = await lockDataDir(dir, "command");
    await second.release();
  });

  test("takes over the lock of a process that died without releasing it", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid;
    await write({ pid: dead, role: "server", command: "server/main.ts", startedAt: "gisteren", processStart: null, token: "dood" });
    expect(await lockHolder(dir)).toBeNull();
    const lock = await lockDataDir(dir, "server");
    expect(JSON.parse(await readFile(path.join(dir, lockFileName), "utf8")).token).toBe(lock.holder.token);
    await lock.release();
  });

  // A process's start time comes from /proc: elsewhere a reused process id counts as running.
  if (process.platform === "linux") {
    test("takes over a lock whose process id now belongs to another process", async () => {
      await write({ pid: process.ppid, role: "server", command: "server/main.ts", startedAt: "gisteren", processStart: "1", token: "hergebruikt" });
      const lock = await lockDataDir(dir, "server");
      expect(lock.holder.pid).toBe(process.pid);
      await lock.release();
    });
  }

  test("a lock file that never gets its content counts as stale, after waiting for its writer", async () => {
    await writeFile(path.join(dir, lockFileName), "");
    const lock = await lockDataDir(dir, "command");
    expect(lock.holder.role).toBe("command");
    await lock.release();
  });
});
