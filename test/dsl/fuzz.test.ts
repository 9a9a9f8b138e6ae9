import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, renderDiagnostics } from "../../dsl/index.ts";

const dir = join(import.meta.dirname, "../../scans");
const shipped = readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8"));

/** Compiles and renders; the property is that this returns (a result or diagnostics) and never throws. */
function survives(text: string): boolean {
  const source = { name: "fuzz.scan", text };
  const out = compile(source);
  renderDiagnostics(source, out.diagnostics);
  return out.result !== null || out.diagnostics.some((d) => d.severity === "error");
}

const fragments = fc.constantFrom(
  "scan", "scale", "theme", "score", "rate", "pair", "step", "text", "on", "and", "show if", "help",
  '"', '"tekst"', "..", "1..5", "  ", "\t", "\n", "#", "en", "=", ">=", ".", "-", "é", "😀", "\r\n", "ladder",
);

describe("the scan language on hostile input", () => {
  it("never throws on random text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), survives), { numRuns: 500 });
  });

  it("never throws on random sequences of language fragments", () => {
    fc.assert(fc.property(fc.array(fragments, { maxLength: 120 }).map((a) => a.join(" ")), survives), { numRuns: 500 });
  });

  it("never throws on mutated shipped scans (deleted, duplicated and swapped slices)", () => {
    const mutated = fc
      .tuple(fc.constantFrom(...shipped), fc.nat(), fc.nat(), fc.nat({ max: 200 }), fc.constantFrom("delete", "duplicate", "insert"), fc.string({ maxLength: 20 }))
      .map(([text, a, b, len, op, junk]) => {
        const i = a % (text.length + 1);
        const j = b % (text.length + 1);
        const slice = text.slice(i, i + len);
        if (op === "delete") return text.slice(0, i) + text.slice(i + len);
        if (op === "duplicate") return text.slice(0, j) + slice + text.slice(j);
        return text.slice(0, j) + junk + text.slice(j);
      });
    fc.assert(fc.property(mutated, survives), { numRuns: 400 });
  });

  it("does not hang on a pathological line (the test's timeout is the bound)", { timeout: 10_000 }, () => {
    const text = `scan x\n  title "${'\\"'.repeat(20_000)}\n` + "theme ".repeat(20_000);
    expect(survives(text)).toBe(true);
  });
});
