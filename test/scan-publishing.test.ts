import { randomUUID } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { compileBytes, renderDiagnostics } from "../dsl/index.ts";
import { migrate, readMigrations } from "../server/db/migrate.ts";
import type { Log } from "../server/lib/log.ts";
import { loadScans } from "../server/scans/loader.ts";
import { createRoundVia, send, testApp, validAnswers } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

const compiler = { compileBytes, renderDiagnostics };

function recordingLog() {
  const lines: string[] = [];
  const log: Log = {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
  };
  return { log, lines };
}

describe.each(backends)("migrations and scan publishing on %s", (backend) => {
  let db: TestDb;
  let dir: string;

  beforeAll(async () => {
    db = await openTestDb(backend, { migrated: false });
    dir = await mkdtemp(path.join(os.tmpdir(), "peilstok-scans-"));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("migrations apply once and are recorded; running them again changes nothing", async () => {
    const all = (await readMigrations()).map((m) => m.version);
    expect(await migrate(db.sql)).toEqual(all);
    expect(await migrate(db.sql)).toEqual([]);
    const recorded = await db.sql`select version from schema_migrations order by version`;
    expect(recorded.map((r) => r.version)).toEqual(all);
  });

  test("an unchanged scan file publishes no new version; a changed one does, and responses stay pinned", async () => {
    const file = path.join(dir, "quickscan.scan");
    const original = await readFile("scans/paraplu-quickscan.scan", "utf8");
    await writeFile(file, original);
    const first = await loadScans(db.sql, dir, compiler, recordingLog().log);
    expect(first).toMatchObject([{ status: "published", scan: "paraplu-quickscan", version: 1 }]);
    expect(await loadScans(db.sql, dir, compiler, recordingLog().log)).toMatchObject([
      { status: "unchanged", version: 1 },
    ]);

    const app = testApp(db.sql);
    // The quickscan is answered by a team together: one link for the round's group.
    const { tokens } = await createRoundVia(app, { scanId: "paraplu-quickscan", respondents: [{ name: "Team Noord", email: "noord@example.org" }] });
    const v1 = await db.sql`select compiled from scan_versions where scan_id = 'paraplu-quickscan'`;
    const id = randomUUID();
    const submitted = await send(app, "POST", `/api/respond/${tokens[0]}/submit`, {
      responseId: id,
      data: validAnswers(v1[0]!.compiled.model),
    });
    expect(submitted.status).toBe(200);

    await writeFile(file, original.replace(/title "([^"]*)"/, 'title "$1 (herzien)"'));
    expect(await loadScans(db.sql, dir, compiler, recordingLog().log)).toMatchObject([
      { status: "published", version: 2 },
    ]);
    const versions = await db.sql`
      select version from scan_versions where scan_id = 'paraplu-quickscan' order by version
    `;
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const form = (await (await app.request(`/api/respond/${tokens[0]}`)).json()) as any;
    expect(form.scanVersion.version).toBe(1);
    const [pinned] = await db.sql`
      select v.version from responses r join scan_versions v on v.id = r.scan_version_id
      where r.id = ${id}
    `;
    expect(pinned!.version).toBe(1);
  });

  test("a scan that does not compile is logged with its diagnostics and skipped; the others load", async () => {
    const broken = path.join(dir, "aaa-broken.scan");
    await writeFile(broken, "scan kapot\n  title \"Kapot\"\n  answered-by each-person\n\ntheme t \"T\"\n  rate x \"X\" on onbekend\n");
    await cp("scans/traptrede.scan", path.join(dir, "traptrede.scan"));
    const { log, lines } = recordingLog();
    const outcomes = await loadScans(db.sql, dir, compiler, log);
    expect(outcomes.find((o) => o.file === "aaa-broken.scan")?.status).toBe("failed");
    expect(outcomes.find((o) => o.file === "traptrede.scan")?.status).toBe("published");
    const report = lines.find((l) => l.includes("aaa-broken.scan"))!;
    expect(report).toMatch(/fout\[scale-undefined\]/);
    expect(report).toContain("skipped");
    const [row] = await db.sql`select count(*)::int as count from scans where id = 'kapot'`;
    expect(row!.count).toBe(0);
  });

  test("a scan file saved in Windows-1252 is reported at its first bad byte and not published", async () => {
    const text = "scan cp1252\n  title \"Voor de cli\u00ebnt\"\n  answered-by each-person\n\ntheme t \"T\"\n  text x \"X\"\n";
    await writeFile(path.join(dir, "cp1252.scan"), Buffer.from(text, "latin1"));
    const { log, lines } = recordingLog();
    const outcomes = await loadScans(db.sql, dir, compiler, log);
    expect(outcomes.find((o) => o.file === "cp1252.scan")?.status).toBe("failed");
    const report = lines.find((l) => l.includes("cp1252.scan"))!;
    expect(report).toMatch(/fout\[encoding-invalid\]/);
    expect(report).toContain("cp1252.scan:2:");
    const [row] = await db.sql`select count(*)::int as count from scans where id = 'cp1252'`;
    expect(row!.count).toBe(0);
  });

  test("every shipped scan compiles and publishes", async () => {
    const outcomes = await loadScans(db.sql, "scans", compiler, recordingLog().log);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.status === "failed")).toEqual([]);
  });
});
