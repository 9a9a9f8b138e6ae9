// Reads the single-mistake corpus (test/dsl/corpus) and tallies how the checker does on it: the
// corpus test asserts each file, and `npm run bench dsl` prints the tally for the project's notes.
// Each file's first line says what the checker must report: `# expect: <id> line <n>` (exactly
// one error, on that line), `# expect: warning <id> line <n>` (one warning, no error), or
// `# expect: no error` (a mistake the language accepts, such as Word's curly quotes).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compileBytes, locate } from "../../dsl/index.ts";

export const corpusDir = join(import.meta.dirname, "corpus");

export interface Expectation {
  severity: "error" | "warning" | "none";
  id?: string;
  line?: number;
}

export interface Found {
  id: string;
  severity: "error" | "warning";
  line: number;
}

/** A corpus file's text, for its expectation line: UTF-8, or UTF-16 when it starts with that byte-order mark. */
export function corpusText(file: string): string {
  const bytes = readFileSync(join(corpusDir, file));
  return new TextDecoder(bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : "utf-8").decode(bytes);
}

export function corpusFiles(): string[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith(".scan"))
    .sort();
}

export function expectation(text: string): Expectation {
  const m = /^\uFEFF?# expect: (?:(warning )?(\S+) line (\d+)|no error)/.exec(text);
  if (!m) throw new Error("a corpus file starts with `# expect: <id> line <n>`");
  if (!m[2]) return { severity: "none" };
  return { severity: m[1] ? "warning" : "error", id: m[2], line: Number(m[3]) };
}

/** What the checker reports for one corpus file, read as bytes like the CLI and the server do. */
export function found(file: string): Found[] {
  const out = compileBytes(file, readFileSync(join(corpusDir, file)));
  return out.diagnostics.map((d) => ({ id: d.id, severity: d.severity, line: locate(out.source, d).line }));
}

export interface Tally {
  files: number;
  /** Files with one mistake that must give one error. */
  errorFiles: number;
  /** Of those: exactly one error, and it is on the mistake's line (the id may differ). */
  oneErrorRightLine: number;
  /** Of those: also the expected id, and nothing else (no warning either). */
  exact: number;
  /** Files the language reads as meant: no error expected (and at most the expected warning). */
  acceptedFiles: number;
  acceptedWithoutError: number;
  /** Files not as expected, with what they gave. */
  misses: { file: string; want: Expectation; got: Found[] }[];
}

export function tallyCorpus(): Tally {
  const tally: Tally = { files: 0, errorFiles: 0, oneErrorRightLine: 0, exact: 0, acceptedFiles: 0, acceptedWithoutError: 0, misses: [] };
  for (const file of corpusFiles()) {
    const want = expectation(corpusText(file));
    const got = found(file);
    const errors = got.filter((d) => d.severity === "error");
    tally.files++;
    let ok: boolean;
    if (want.severity === "error") {
      tally.errorFiles++;
      if (errors.length === 1 && errors[0]!.line === want.line) tally.oneErrorRightLine++;
      ok = got.length === 1 && got[0]!.id === want.id && got[0]!.line === want.line && got[0]!.severity === "error";
      if (ok) tally.exact++;
    } else {
      tally.acceptedFiles++;
      if (errors.length === 0) tally.acceptedWithoutError++;
      ok =
        want.severity === "none"
          ? got.length === 0
          : got.length === 1 && got[0]!.id === want.id && got[0]!.line === want.line && got[0]!.severity === "warning";
    }
    if (!ok) tally.misses.push({ file, want, got });
  }
  return tally;
}

/** The tally in one sentence, for the bench output and the lead's notes. */
export function describeTally(t: Tally): string {
  return (
    `${t.oneErrorRightLine} of ${t.errorFiles} single-mistake files give exactly one error, on the mistake's line ` +
    `(${t.exact} also with the expected id and nothing else); ` +
    `${t.acceptedWithoutError} of ${t.acceptedFiles} files the language reads as meant give no error`
  );
}
