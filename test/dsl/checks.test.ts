// The checks added for Dutch authors: who answers, values outside their scale, names with accents,
// and the cause first (a line read where it belongs, so its consequences are not reported).
// Each test asserts ids, lines and columns.
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.ts";
import { diagnose, header } from "../support/dsl.ts";

const theme = (body: string) => `${header}\ntheme visie "Visie"\n${body}`;
const withSettings = (settings: string, body = `  rate missie "Missie" on niveau\n`) =>
  `scan s\n  title "S"\n${settings}\nscale niveau 1..5\n  1 "laag"\n  5 "hoog"\n\ntheme visie "Visie"\n${body}`;

describe("who answers", () => {
  it("compiles `answered-by each-person` to individual and `team-together` to team", () => {
    const each = compile({ name: "t", text: withSettings(`  respondent docent\n  answered-by each-person\n`) }).result!.model;
    expect([each.answeredBy, each.respondent]).toEqual(["individual", "docent"]);
    const team = compile({ name: "t", text: withSettings(`  answered-by team-together\n`) }).result!.model;
    expect([team.answeredBy, team.respondent]).toEqual(["team", "team"]);
  });

  it("does not compile a file that does not say who answers; the error sits on the scan's name", () => {
    const text = withSettings(`  respondent docent\n`);
    expect(diagnose(text)).toEqual([{ id: "answered-by-missing", line: 1, column: 6 }]);
    expect(compile({ name: "t", text }).result).toBeNull();
  });

  it("offers both choices to an old file that said `respondent team`", () => {
    const [d] = compile({ name: "t", text: withSettings(`  respondent team\n`) }).diagnostics;
    expect(d).toMatchObject({ id: "answered-by-missing", args: { scan: "s", respondent: "team" } });
    expect(d!.notes).toHaveLength(3);
  });

  it("rejects `respondent team` beside `answered-by each-person` as ambiguous, at the word", () => {
    expect(diagnose(withSettings(`  respondent team\n  answered-by each-person\n`))).toEqual([
      { id: "answered-by-conflict", line: 3, column: 14 },
    ]);
  });

  it("reports a value that is neither choice, with a suggestion for a Dutch word", () => {
    expect(diagnose(withSettings(`  answered-by samen\n`))).toEqual([{ id: "token-expected", line: 3, column: 15 }]);
    expect(compile({ name: "t", text: withSettings(`  answered-by samen\n`) }).diagnostics[0]!.args.suggestion).toBe("team-together");
  });
});

describe("scoring values within their scale", () => {
  it("reports a threshold above the scale, with the scale's range", () => {
    const text = theme(`  rate a "A" on niveau\n\nscore threshold on niveau at-least 6\n`);
    expect(diagnose(text)).toEqual([{ id: "aggregator-param-out-of-range", line: 12, column: 36 }]);
    expect(compile({ name: "t", text }).diagnostics[0]!.args).toMatchObject({ value: 6, min: 1, max: 5, scale: "niveau" });
  });

  it("reports a threshold below the scale", () => {
    expect(diagnose(theme(`  rate a "A" on niveau\n\nscore threshold on niveau at-least 0\n`))).toEqual([
      { id: "aggregator-param-out-of-range", line: 12, column: 36 },
    ]);
  });

  it("reports a ladder target beyond the ladder's steps", () => {
    const text = `${header}scale trede 1..5 ladder\n  1 "a"\n  2 "b"\n  3 "c"\n  4 "d"\n  5 "e"\n\ntheme t "T"\n  step s "S" on trede\n\nscore ladder on trede target 4..6\n`;
    expect(diagnose(text)).toEqual([{ id: "aggregator-param-out-of-range", line: 18, column: 30 }]);
    expect(compile({ name: "t", text }).diagnostics[0]!.args).toMatchObject({ lo: 4, hi: 6, min: 1, max: 5 });
  });

  it("accepts the ends of the scale", () => {
    expect(diagnose(theme(`  rate a "A" on niveau\n\nscore threshold on niveau at-least 5\n`))).toEqual([]);
  });
});

describe("names with accents", () => {
  it("gives exactly one id-invalid with the ascii form, also when the name is used again", () => {
    const text = theme(`  rate financiële-zorgen "Zorgen" on niveau\n  text waarom "Waarom?"\n    show if financiële-zorgen < 3\n`);
    expect(diagnose(text)).toEqual([{ id: "id-invalid", line: 10, column: 8 }]);
    expect(compile({ name: "t", text }).diagnostics[0]).toMatchObject({ variant: "accent", args: { suggestion: "financiele-zorgen" } });
  });

  it("recognises an accent typed as a letter plus a combining mark (decomposed text, as a Mac may paste it)", () => {
    const text = theme(`  rate financie\u0308le-zorgen "Zorgen" on niveau\n`);
    expect(diagnose(text)).toEqual([{ id: "id-invalid", line: 10, column: 8 }]);
    expect(compile({ name: "t", text }).diagnostics[0]).toMatchObject({ variant: "accent", args: { suggestion: "financiele-zorgen" } });
  });

  it("calls a name with other non-ascii letters invalid, not accented, and still suggests the ascii form", () => {
    const [d] = compile({ name: "t", text: theme(`  rate straße "A" on niveau\n`) }).diagnostics;
    expect(d).toMatchObject({ id: "id-invalid", variant: "invalid", args: { suggestion: "strasse" } });
  });

  it("gives one id-invalid when the name is used elsewhere in its ascii form", () => {
    const text = `${header.replace("scale niveau 1..5", "scale nivëau 1..5")}\ntheme t "T"\n  rate a "A" on niveau\n  rate b "B" on niveau\n`;
    expect(diagnose(text)).toEqual([{ id: "id-invalid", line: 5, column: 7 }]);
  });

  it("gives one id-invalid for an accented option that a condition names in its ascii form", () => {
    const text = theme(`  choice c "C"\n    option één "Eén"\n    option twee "Twee"\n  text t "T"\n    show if c = een\n`);
    expect(diagnose(text)).toEqual([{ id: "id-invalid", line: 11, column: 12 }]);
  });

  it("folds other letters to ascii as well", () => {
    const [d] = compile({ name: "t", text: theme(`  rate Straße_Überzicht "A" on niveau\n`) }).diagnostics;
    expect(d!.args.suggestion).toBe("strasse-uberzicht");
  });

  it("keeps accents in texts", () => {
    expect(diagnose(theme(`  rate zorgen "Financiële zorgen van de cliënt" on niveau\n`))).toEqual([]);
  });
});

describe("the cause first", () => {
  it("reads a scale label at the margin as a label of the scale above: no scale-gap", () => {
    expect(diagnose(`${header.replace('  5 "hoog"\n', '5 "hoog"\n')}\ntheme t "T"\n  rate a "A" on niveau\n`)).toEqual([
      { id: "indent-invalid", line: 7, column: 1 },
    ]);
  });

  it("reads options indented like items as the options of the item above: one error for the run", () => {
    const text = theme(`  choice c "C"\n  option a "A"\n  option b "B"\n  rate d "D" on niveau\n`);
    expect(diagnose(text)).toEqual([{ id: "indent-invalid", line: 11, column: 3 }]);
    expect(compile({ name: "t", text }).diagnostics[0]!.args).toMatchObject({ repeats: { lines: [12], count: 1 } });
  });

  it("reads an item indented under another item as the next item of the theme", () => {
    expect(diagnose(theme(`  rate a "A" on niveau\n    rate b "B" on niveau\n  text c "C"\n    show if b < 3\n`))).toEqual([
      { id: "indent-invalid", line: 11, column: 5 },
    ]);
  });

  it("reads an item at the margin as an item of the theme above, with its settings", () => {
    expect(diagnose(theme(`  rate a "A" on niveau\ntext b "B"\n    show if a < 3\n  text c "C"\n`))).toEqual([
      { id: "indent-invalid", line: 11, column: 1 },
    ]);
  });

  it("reports a scale range written with a dash once, and reads it as meant", () => {
    const text = `${header.replace("scale niveau 1..5", "scale niveau 1-5")}\ntheme t "T"\n  rate a "A" on niveau\n`;
    expect(diagnose(text)).toEqual([{ id: "token-expected", line: 5, column: 15 }]);
  });

  it("does not report a missing scale after `on` twice", () => {
    expect(diagnose(theme(`  rate a "A" on\n`))).toEqual([{ id: "token-expected", line: 10, column: 16 }]);
  });

  it("reads `op` as `on` after reporting it", () => {
    expect(diagnose(theme(`  rate a "A" op niveau\n`))).toEqual([{ id: "token-expected", line: 10, column: 14 }]);
  });

  it("reports a reversed comparison once, naming the right one", () => {
    const text = theme(`  rate a "A" on niveau\n  text b "B"\n    show if a =< 2\n`);
    expect(diagnose(text)).toEqual([{ id: "token-unexpected", line: 12, column: 15 }]);
    expect(compile({ name: "t", text }).diagnostics[0]!.args).toEqual({ found: "=<", fix: "<=", reversed: true });
  });

  it("names the comparison meant by `==` and `<>`, which are not reversed", () => {
    for (const [written, fix] of [["==", "="], ["<>", "!="]] as const) {
      const text = theme(`  rate a "A" on niveau\n  text b "B"\n    show if a ${written} 2\n`);
      expect(diagnose(text)).toEqual([{ id: "token-unexpected", line: 12, column: 15 }]);
      expect(compile({ name: "t", text }).diagnostics[0]!.args).toEqual({ found: written, fix, reversed: false });
    }
  });

  it("puts what the parser found before what the checker found", () => {
    const text = theme(`  rate a "A" on onbekend\n  rat b "B" on niveau\n`);
    expect(diagnose(text).map((d) => d.id)).toEqual(["keyword-unknown", "scale-undefined"]);
  });
});

describe("words from Dutch and from spreadsheets", () => {
  const condition = (c: string) => theme(`  rate a "A" on niveau\n  yesno b "B"\n  text c "C"\n    show if ${c}\n`);
  const first = (text: string) => compile({ name: "t", text }).diagnostics[0]!;

  it.each([
    ["a < 3 en b = ja", 19, "en", "and"],
    ["a < 2 of a > 4", 19, "of", "or"],
    ["a < 3 AND b = ja", 19, "AND", "and"],
    ["a < 3 && b = ja", 19, "&&", "and"],
    ["a < 2 || a > 4", 19, "||", "or"],
  ])("reports `%s` once, at the word, naming `and` or `or`, and reads the rest", (c, column, found, fix) => {
    expect(diagnose(condition(c))).toEqual([{ id: "token-unexpected", line: 13, column }]);
    expect(first(condition(c))).toMatchObject({ variant: "joiner", args: { found, fix } });
  });

  it("reports `niet` and `!` before a condition once, naming `not`", () => {
    expect(diagnose(condition("niet a < 3"))).toEqual([{ id: "token-unexpected", line: 13, column: 13 }]);
    expect(first(condition("niet a < 3"))).toMatchObject({ variant: "joiner", args: { found: "niet", fix: "not" } });
    expect(diagnose(condition("!(a < 3)"))).toEqual([{ id: "token-unexpected", line: 13, column: 13 }]);
  });

  it("still checks the comparisons of a condition with a Dutch joiner: a later item is named too", () => {
    // Two mistakes on one line: the line's first is reported; the checker's finds on other lines stay.
    const text = theme(`  rate a "A" on niveau\n  text c "C"\n    show if a < 3 en a > 1\n  text d "D"\n    show if e = ja\n  yesno e "E"\n`);
    expect(diagnose(text)).toEqual([
      { id: "token-unexpected", line: 12, column: 19 },
      { id: "condition-forward", line: 14, column: 13 },
    ]);
  });

  it("reads an item named `niet` as an item", () => {
    expect(diagnose(theme(`  rate niet "A" on niveau\n  text c "C"\n    show if niet < 3\n`))).toEqual([]);
  });

  it.each([
    ["1 t/m 5", "t/m"],
    ["1 tot en met 5", "tot en met"],
    ["1 tot 5", "tot"],
  ])("reports a scale range `%s` once, with the fix, and reads it as meant", (range, found) => {
    const text = `${header.replace("scale niveau 1..5", `scale niveau ${range}`)}\ntheme t "T"\n  rate a "A" on niveau\n`;
    expect(diagnose(text)).toEqual([{ id: "token-expected", line: 5, column: 16 }]);
    expect(first(text)).toMatchObject({ variant: "range-words", args: { found, low: 1, high: 5 } });
  });

  it("reports Word's ellipsis in a scale range (`1…5`, typed as 1...5) once, and reads it as meant", () => {
    const text = `${header.replace("scale niveau 1..5", "scale niveau 1…5")}\ntheme t "T"\n  rate a "A" on niveau\n`;
    expect(diagnose(text)).toEqual([{ id: "token-expected", line: 5, column: 15 }]);
    expect(first(text)).toMatchObject({ variant: "range-dash", args: { found: "…", low: 1, high: 5 } });
  });

  it.each([
    ["4-5", 31, "range-dash"],
    ["4…5", 31, "range-dash"],
    ["4 t/m 5", 32, "range-words"],
  ])("reports a ladder target written `%s` once, and still checks it against the ladder", (target, column, variant) => {
    const ladder = `${header}scale trede 1..5 ladder\n  1 "a"\n  2 "b"\n  3 "c"\n  4 "d"\n  5 "e"\n\ntheme t "T"\n  step s "S" on trede\n\n`;
    const text = `${ladder}score ladder on trede target ${target}\n`;
    expect(diagnose(text)).toEqual([{ id: "token-expected", line: 18, column }]);
    expect(first(text).variant).toBe(variant);
    expect(diagnose(`${ladder}score ladder on trede target ${target.replace("5", "6")}\n`).map((d) => d.id)).toEqual([
      "token-expected",
      "aggregator-param-out-of-range",
    ]);
  });

  it("reads `op` in a score line as `on` after reporting it: the parameter is not also missing", () => {
    const text = theme(`  rate a "A" on niveau\n\nscore threshold op niveau at-least 3\n`);
    expect(diagnose(text)).toEqual([{ id: "aggregator-param-unknown", line: 12, column: 17 }]);
    expect(first(text).args).toMatchObject({ key: "op", suggestion: "on" });
    // Read as `on`, its value is still checked.
    expect(diagnose(theme(`  rate a "A" on niveau\n\nscore threshold op nivo at-least 3\n`)).map((d) => d.id)).toEqual([
      "aggregator-param-unknown",
      "scale-undefined",
    ]);
  });

  it("reads a misspelt or capitalised `scan` as the scan block: no scan-missing as a consequence", () => {
    for (const word of ["Scan", "scna", "SCAN"]) {
      expect(diagnose(header.replace("scan test-scan", `${word} test-scan`) + `\ntheme t "T"\n  rate a "A" on niveau\n`)).toEqual([
        { id: "keyword-unknown", line: 1, column: 1 },
      ]);
    }
    // Its settings are still checked.
    const noTitle = header.replace("scan test-scan", "Scan test-scan").replace('  title "Testscan"\n', "");
    expect(diagnose(`${noTitle}\ntheme t "T"\n  rate a "A" on niveau\n`)).toEqual([
      { id: "keyword-unknown", line: 1, column: 1 },
      { id: "property-missing", line: 1, column: 6 },
    ]);
  });

  it("reports `//` comments once, naming the lines where they recur, and reads them as comments", () => {
    const text = theme(`  // de eerste stelling\n  rate a "A" on niveau\n// nog een\n  rate b "B" on niveau\n`);
    expect(diagnose(text)).toEqual([{ id: "character-unexpected", line: 10, column: 3 }]);
    expect(first(text)).toMatchObject({ variant: "comment", args: { repeats: { lines: [12], count: 1 } } });
  });

  it("points at a quote inside a text written with straight quotes, with the two ways to write it", () => {
    const text = theme(`  rate a "Het "keukentafelgesprek" hielp" on niveau\n`);
    expect(diagnose(text)).toEqual([{ id: "token-unexpected", line: 10, column: 16 }]);
    expect(first(text).args).toMatchObject({ found: "keukentafelgesprek", inner: true });
    expect(first(text).help).toContain("\\\"");
  });
});
