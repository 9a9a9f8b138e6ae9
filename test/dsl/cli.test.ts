import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const bin = join(root, "bin/peilstok.js");

async function peilstok(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", [bin, ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the peilstok command", () => {
  it("check: exits 0 with a one-line summary per shipped scan", async () => {
    const { code, stdout } = await peilstok("check", "scans/bachelorscan.scan", "scans/paraplu-quickscan.scan");
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^scans\/bachelorscan\.scan: ok — bachelorscan: 46 vragen, 8 thema's en 1 pagina, ongeveer \d+ minuten/);
  });

  it("check: exits 1 and prints every problem with file:line:column, caret and help", async () => {
    const dir = mkdtempSync(join(tmpdir(), "peilstok-cli-"));
    const file = join(dir, "kapot.scan");
    writeFileSync(file, `scan kapot\n  title "Kapot"\n  answered-by each-person\n\nscale niveau 1..5\n\ntheme t "T"\n  rate a "A" on niveu\n  rat b "B" on niveau\n`);
    const { code, stderr, stdout } = await peilstok("check", file);
    expect(code).toBe(1);
    expect(stderr).toContain(`fout[scale-undefined]: `);
    expect(stderr).toContain(`--> ${file}:8:17`);
    expect(stderr).toContain("^^^^^");
    expect(stderr).toContain("= tip: ");
    expect(stderr).toContain("`niveau` (regel 5)");
    expect(stderr).toContain(`fout[keyword-unknown]`);
    expect(stdout).toContain("2 fouten");
    // The same problems in English with --lang en.
    const en = await peilstok("check", "--lang", "en", file);
    expect(en.stderr).toContain(`error[scale-undefined]: `);
    expect(en.stderr).toContain(`--> ${file}:8:17`);
    expect(en.stderr).toContain("= help: ");
    expect(en.stdout).toContain("2 errors");
  });

  it("compile: prints the SurveyJS form and the scoring model as JSON", async () => {
    const { code, stdout } = await peilstok("compile", "scans/bachelorscan.scan");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(["survey", "model"]);
    expect(json.model.items.filter((i: { kind: string }) => i.kind === "pair")).toHaveLength(45);
  });

  it("says clearly when a file cannot be read", async () => {
    const { code, stderr } = await peilstok("check", "scans/bestaat-niet.scan");
    expect(code).toBe(1);
    expect(stderr).toContain("scans/bestaat-niet.scan");
    expect(stderr).toContain("ENOENT");
  });
});
