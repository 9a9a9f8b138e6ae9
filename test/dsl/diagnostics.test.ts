import { describe, expect, it } from "vitest";
import { compile, renderDiagnostics } from "../../dsl/index.ts";
import { DIAGNOSTIC_LIMIT } from "../../dsl/diagnostics.ts";
import { diagnose, header } from "../support/dsl.ts";

// Each test writes one mistake and asserts the exact diagnostic id, line and column.
// `header` is 7 lines long (plus a blank line), so the first theme starts on line 9.
const theme = (body: string) => `${header}\ntheme visie "Visie"\n${body}`;

describe("scan language diagnostics", () => {
  it("accepts a correct scan without diagnostics", () => {
    expect(diagnose(theme(`  rate missie "Missie" on niveau\n`))).toEqual([]);
  });

  it("suggests the right keyword for a misspelled item kind, with one error only", () => {
    const found = diagnose(theme(`  rat missie "Missie" on niveau\n    help "h"\n  text t "x"\n    show if missie < 3\n`));
    expect(found).toEqual([{ id: "keyword-unknown", line: 10, column: 3 }]);
    const out = compile({ name: "t.scan", text: theme(`  rat missie "Missie" on niveau\n`) });
    expect(out.diagnostics[0]?.args).toMatchObject({ suggestion: "rate" });
  });

  it("suggests `title` for `titel` and does not also report the title as missing", () => {
    const out = compile({ name: "t.scan", text: `scan x\n  titel "X"\n  answered-by each-person\n\ntheme t "T"\n  text a "A"\n` });
    expect(out.diagnostics.map((d) => [d.id, d.args.suggestion])).toEqual([["keyword-unknown", "title"]]);
  });

  it("reports an unknown top-level keyword with a suggestion", () => {
    const out = compile({ name: "t.scan", text: `${header}\nthem visie "Visie"\n  rate a "A" on niveau\n` });
    expect(out.diagnostics.map((d) => [d.id, d.args.suggestion])).toEqual([["keyword-unknown", "theme"]]);
  });

  it("reports a duplicate item id at its second declaration", () => {
    expect(diagnose(theme(`  rate missie "A" on niveau\n  rate missie "B" on niveau\n`))).toEqual([
      { id: "item-duplicate", line: 11, column: 8 },
    ]);
  });

  it("reports a duplicate theme id", () => {
    expect(diagnose(theme(`  rate a "A" on niveau\ntheme visie "Nog eens"\n  rate b "B" on niveau\n`))).toEqual([
      { id: "theme-duplicate", line: 11, column: 7 },
    ]);
  });

  it("reports a duplicate scale id", () => {
    expect(diagnose(`${header}scale niveau 1..3\n\ntheme t "T"\n  rate a "A" on niveau\n`)).toEqual([
      { id: "scale-duplicate", line: 8, column: 7 },
    ]);
  });

  it("reports an unknown scale with a did-you-mean naming its line", () => {
    const text = theme(`  pair ek-3 "Stelling" on niveu\n`);
    expect(diagnose(text)).toEqual([{ id: "scale-undefined", line: 10, column: 27 }]);
    const out = compile({ name: "t.scan", text });
    expect(out.diagnostics[0]?.args.suggestion).toEqual({ name: "niveau", line: 5 });
  });

  it("reports a condition on an unknown item", () => {
    expect(diagnose(theme(`  rate a "A" on niveau\n  text b "B"\n    show if c < 3\n`))).toEqual([
      { id: "item-undefined", line: 12, column: 13 },
    ]);
  });

  it("reports a condition on a later item", () => {
    expect(diagnose(theme(`  text b "B"\n    show if a < 3\n  rate a "A" on niveau\n`))).toEqual([
      { id: "condition-forward", line: 11, column: 13 },
    ]);
  });

  it("reports a condition on the item itself", () => {
    expect(diagnose(theme(`  rate a "A" on niveau\n    show if a < 3\n`))).toEqual([
      { id: "condition-self", line: 11, column: 13 },
    ]);
  });

  it("reports a condition on a pair without a side, and off-scale values", () => {
    expect(diagnose(theme(`  pair p "P" on niveau\n  text b "B"\n    show if p < 3\n`))).toEqual([
      { id: "condition-invalid", line: 12, column: 13 },
    ]);
    expect(diagnose(theme(`  pair p "P" on niveau\n  text b "B"\n    show if p.desired > 9\n`))).toEqual([
      { id: "condition-invalid", line: 12, column: 25 },
    ]);
  });

  it("reports a pair whose two sides use scales with different points", () => {
    expect(diagnose(`${header}scale wens 1..4\n\ntheme t "T"\n  pair p "P" on niveau and wens\n`)).toEqual([
      { id: "pair-scale-mismatch", line: 11, column: 28 },
    ]);
  });

  it("reports a scale with reversed bounds", () => {
    expect(diagnose(`${header}scale omgekeerd 5..1\n\ntheme t "T"\n  rate a "A" on niveau\n`)).toEqual([
      { id: "scale-bounds-reversed", line: 8, column: 17 },
    ]);
  });

  it("reports a scale with gaps in its labels", () => {
    expect(diagnose(`${header}scale mate 1..5\n  1 "a"\n  2 "b"\n  5 "e"\n\ntheme t "T"\n  rate a "A" on mate\n`)).toEqual([
      { id: "scale-gap", line: 8, column: 7 },
    ]);
  });

  it("reports a ladder with an unlabelled step", () => {
    expect(diagnose(`${header}scale trede 1..3 ladder\n  1 "a"\n  3 "c"\n\ntheme t "T"\n  step s "S" on trede\n`)).toEqual([
      { id: "scale-gap", line: 8, column: 7 },
    ]);
  });

  it("reports a label for a point outside its scale", () => {
    expect(diagnose(`${header}  6 "te hoog"\n\ntheme t "T"\n  rate a "A" on niveau\n`)).toEqual([
      { id: "scale-label-out-of-range", line: 8, column: 3 },
    ]);
  });

  it("reports an empty theme", () => {
    expect(diagnose(theme(`  rate a "A" on niveau\ntheme leeg "Leeg"\n  help "niets"\n`))).toEqual([
      { id: "theme-empty", line: 11, column: 7 },
    ]);
  });

  it("reports a file with no items", () => {
    expect(diagnose(header)).toEqual([{ id: "scan-empty", line: 1, column: 6 }]);
  });

  it("reports an unknown aggregator with a suggestion", () => {
    const text = theme(`  rate a "A" on niveau\n\nscore tresholdd on niveau at-least 3\n`);
    expect(diagnose(text)).toEqual([{ id: "aggregator-unknown", line: 12, column: 7 }]);
    expect(compile({ name: "t", text }).diagnostics[0]?.args.suggestion).toBe("threshold");
  });

  it("reports an aggregator parameter of the wrong kind", () => {
    expect(diagnose(theme(`  rate a "A" on niveau\n\nscore threshold on niveau at-least hoog\n`))).toEqual([
      { id: "aggregator-param-invalid", line: 12, column: 36 },
    ]);
  });

  it("reports a scoring declaration naming a scale or theme that does not exist", () => {
    expect(diagnose(theme(`  rate a "A" on niveau\n\nscore threshold on mate at-least 3\n`))).toEqual([
      { id: "scale-undefined", line: 12, column: 20 },
    ]);
  });

  it("reports a missing and an unknown aggregator parameter", () => {
    expect(diagnose(theme(`  rate a "A" on niveau\n\nscore threshold on niveau minimum 3\n`))).toEqual([
      { id: "aggregator-param-missing", line: 12, column: 7 },
      { id: "aggregator-param-unknown", line: 12, column: 27 },
    ]);
  });

  it("reports an unterminated string once, at its opening quote", () => {
    expect(diagnose(theme(`  rate a "Missie on niveau\n`))).toEqual([
      { id: "string-unterminated", line: 10, column: 10 },
    ]);
  });

  it("reports bad indentation: odd, too deep and tabs", () => {
    expect(diagnose(theme(`   rate a "A" on niveau\n`))).toEqual([{ id: "indent-invalid", line: 10, column: 1 }]);
    expect(diagnose(theme(`      rate a "A" on niveau\n`))).toEqual([{ id: "indent-invalid", line: 10, column: 1 }]);
    expect(diagnose(theme(`\trate a "A" on niveau\n`))).toEqual([{ id: "indent-invalid", line: 10, column: 1 }]);
  });

  it("reports a step item on a scale that is not a ladder", () => {
    expect(diagnose(theme(`  step s "S" on niveau\n`))).toEqual([{ id: "step-scale-not-ladder", line: 10, column: 17 }]);
  });

  it("reports a choice item without options and flags on the wrong kind", () => {
    expect(diagnose(theme(`  choice c "C"\n  rate a "A" on niveau\n    partly\n`))).toEqual([
      { id: "option-missing", line: 10, column: 10 },
      { id: "flag-misplaced", line: 12, column: 5 },
    ]);
  });

  it("reports a missing scan block and a missing title", () => {
    expect(diagnose(`scale s 1..5\n\ntheme t "T"\n  rate a "A" on s\n`)).toEqual([{ id: "scan-missing", line: 3, column: 1 }]);
    expect(diagnose(`scan x\n  answered-by team-together\n\ntheme t "T"\n  text a "A"\n`)).toEqual([
      { id: "property-missing", line: 1, column: 6 },
    ]);
  });

  it("warns, without failing, about missing translations when English is declared", () => {
    const text = `scan x\n  title "X" en "X"\n  language nl en\n  answered-by each-person\n\ntheme t "T" en "T"\n  text a "Vraag"\n`;
    const out = compile({ name: "t", text });
    expect(out.result).not.toBeNull();
    expect(diagnose(text)).toEqual([{ id: "translation-missing", line: 7, column: 10 }]);
    expect(out.diagnostics[0]?.severity).toBe("warning");
  });

  it("warns about a very long scan", () => {
    const items = Array.from({ length: 61 }, (_, i) => `  rate a${i} "A" on niveau\n`).join("");
    const out = compile({ name: "t", text: theme(items) });
    expect(out.result).not.toBeNull();
    expect(out.diagnostics.map((d) => [d.id, d.severity])).toEqual([["scan-long", "warning"]]);
  });

  it("caps diagnostics with a final too-many-errors line", () => {
    const items = Array.from({ length: DIAGNOSTIC_LIMIT + 10 }, (_, i) => `  rate a${i} "A" on onbekend\n`).join("");
    const found = diagnose(theme(items));
    expect(found).toHaveLength(DIAGNOSTIC_LIMIT + 1);
    expect(found.at(-1)?.id).toBe("too-many-errors");
  });

  it("reports every independent mistake in one run", () => {
    const text = theme(`  rate a "A" on mate\n  rate a "B" on niveau\n\nscore trnd\n`);
    expect(diagnose(text).map((d) => d.id)).toEqual(["scale-undefined", "item-duplicate", "aggregator-unknown"]);
  });

  it("renders a diagnostic like a compiler, with the source line, a caret and help, in Dutch by default", () => {
    const text = theme(`  pair ek-3 "Stelling" on mate5\n`);
    const source = { name: "scans/bachelorscan.scan", text };
    const lines = renderDiagnostics(source, compile(source).diagnostics).split("\n");
    expect(lines[0]).toMatch(/^fout\[scale-undefined\]: /);
    expect(lines.slice(1, 5)).toEqual([
      "  --> scans/bachelorscan.scan:10:27",
      "   |",
      '10 |   pair ek-3 "Stelling" on mate5',
      expect.stringMatching(/^   \| {27}\^{5} \S/),
    ]);
    expect(lines[5]).toBe("   |");
    expect(lines[6]).toMatch(/^   = tip: /);
  });

  it("renders the same diagnostic in English with English labels", () => {
    const text = theme(`  pair ek-3 "Stelling" on mate5\n`);
    const source = { name: "t.scan", text };
    const rendered = renderDiagnostics(source, compile(source, { lang: "en" }).diagnostics, "en").split("\n");
    expect(rendered[0]).toMatch(/^error\[scale-undefined\]: /);
    expect(rendered[6]).toMatch(/^   = help: /);
  });
});
