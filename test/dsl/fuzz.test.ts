import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, compileBytes, renderDiagnostics } from "../../dsl/index.ts";

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
  // Conditions, who answers, and text pasted from Word.
  "(", ")", "and", "or", "not", "contains", "answered-by", "each-person", "team-together", "not-applicable",
  "“", "”", "„", "'", "‘", "’", "\u00a0", "\u200b", "\ufeff", "–", "≥", "financiële",
);

/** Decodes bytes as the CLI and the server do; the property is again that nothing throws. */
function survivesBytes(bytes: Uint8Array): boolean {
  const out = compileBytes("fuzz.scan", bytes);
  renderDiagnostics(out.source, out.diagnostics);
  return out.result !== null || out.diagnostics.some((d) => d.severity === "error");
}

describe("the scan language on hostile input", () => {
  it("never throws on random bytes (most of them not UTF-8)", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), survivesBytes), { numRuns: 300 });
  });

  it("never throws on shipped scans with one byte changed", () => {
    const files = shipped.map((t) => new TextEncoder().encode(t));
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.nat(), fc.integer({ min: 0, max: 255 }), (file, at, byte) => {
        const copy = file.slice();
        copy[at % copy.length] = byte;
        return survivesBytes(copy);
      }),
      { numRuns: 200 },
    );
  });

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
    // Quotes pasted by the thousand: each is looked for once, not once per quote.
    for (const line of ["' ".repeat(20_000), "“a ".repeat(20_000), "‘x’y ".repeat(10_000), "(".repeat(20_000), "\u00a0".repeat(40_000)]) {
      expect(survives(`scan x\n  title "T"\ntheme t "T"\n  text a "A"\n    show if ${line}\n  ${line}\n`)).toBe(true);
    }
  });
});
