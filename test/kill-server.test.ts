import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { compileScanFile, validAnswers } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { startServer, type ServerProcess } from "./support/server-process.ts";

const adminToken = "kill-test-admin-token-0123456789";

describe.each(backends)("an acknowledged answer survives kill -9 of the server on %s", (backend) => {
  let db: TestDb;
  let server: ServerProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    // The embedded database can only be opened by one process: the server gets the folder.
    db = await openTestDb(backend, { migrated: false });
    env = { ...db.serverEnv, ADMIN_TOKEN: adminToken, RATE_LIMIT_BURST: "1000000" };
    if (backend === "embedded") await db.close();
  });
  afterAll(async () => {
    server?.child.kill("SIGKILL");
    await server?.exited;
    if (backend === "postgres") await db?.close();
  });

  test("every id the server acknowledged is stored after a restart", async () => {
    server = await startServer(env);
    const created = await fetch(`${server.url}/api/admin/rounds`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        // A scan answered by individuals: only those have an open link.
        scanId: "traptrede",
        title: "kill -9",
        group: "test",
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
        openLink: true,
      }),
    });
    expect(created.status).toBe(201);
    const token = ((await created.json()) as any).openLink.split("/r/")[1] as string;
    const { compiled } = await compileScanFile("scans/traptrede.scan");
    const data = validAnswers(compiled.model);

    const acknowledged: string[] = [];
    let running = true;
    const url = server.url;
    const worker = async () => {
      while (running) {
        const responseId = randomUUID();
        try {
          const res = await fetch(`${url}/api/respond/${token}/submit`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ responseId, data }),
          });
          if (res.status === 200) acknowledged.push(responseId);
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    // Kill mid-load, once enough answers are acknowledged (16 requests are in flight then).
    await expect.poll(() => acknowledged.length, { interval: 20 }).toBeGreaterThan(20);
    server.child.kill("SIGKILL");
    running = false;
    await Promise.all(workers);
    await server.exited;
    expect(acknowledged.length).toBeGreaterThan(20);

    server = await startServer(env);
    const missing: string[] = [];
    for (const id of acknowledged) {
      const res = await fetch(`${server.url}/api/respond/${token}?response=${id}`);
      const body = (await res.json()) as any;
      if (body.response?.status !== "submitted") missing.push(id);
    }
    expect(missing).toEqual([]);
  });
});
