// The single-mistake corpus: each file in test/dsl/corpus is a small scan with one mistake of the
// kinds authors make (indentation, a missing quote, a misspelt keyword, text pasted from Word),
// and its first line says what the checker must report: exactly one error, on that line. A file
// whose mistake the language accepts (curly quotes) expects no error; a pasted no-break space
// expects one warning and no error.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileBytes, locate } from "../../dsl/index.ts";

const dir = join(import.meta.dirname, "corpus");
const files = readdirSync(dir).filter((f) => f.endsWith(".scan")).sort();

interface Expectation {
  severity: "error" | "warning" | "none";
  id?: string;
  line?: number;
}

function expectation(text: string): Expectation {
  const m = /^\uFEFF?# expect: (?:(warning )?(\S+) line (\d+)|no error)/.exec(text);
  if (!m) throw new Error("a corpus file starts with `# expect: <id> line <n>`");
  if (!m[2]) return { severity: "none" };
  return { severity: m[1] ? "warning" : "error", id: m[2], line: Number(m[3]) };
}

function found(file: string) {
  const bytes = readFileSync(join(dir, file));
  const out = compileBytes(file, bytes);
  return out.diagnostics.map((d) => ({ id: d.id, severity: d.severity, line: locate(out.source, d).line }));
}

describe("the single-mistake corpus", () => {
  it("holds at least 40 files", () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)("%s gives exactly the one diagnostic it expects", (file) => {
    const want = expectation(readFileSync(join(dir, file), "utf8"));
    const got = found(file);
    if (want.severity === "none") expect(got).toEqual([]);
    else expect(got).toEqual([{ id: want.id, severity: want.severity, line: want.line }]);
  });
});
