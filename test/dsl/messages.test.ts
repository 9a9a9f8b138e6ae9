// The message catalogues: every diagnostic id has its words in Dutch and in English, and a
// diagnostic has the same structure (id, variant, values, place, whether it has a label, help and
// notes) in both languages. Wording itself is never asserted.
import { describe, expect, it } from "vitest";
import { catalogue, compile, compileBytes, localise, type Diagnostic, type DiagnosticId, type Lang } from "../../dsl/index.ts";
import { raw } from "../../dsl/diagnostics.ts";
import { catalogues, LANGS } from "../../dsl/messages/index.ts";

const head = (settings = "  answered-by each-person\n") => `scan s\n  title "S"\n${settings}\nscale niveau 1..5\n  1 "laag"\n  5 "hoog"\n\n`;
const theme = (body: string, settings?: string) => `${head(settings)}theme t "T"\n${body}`;

/** One scan text (or bytes) per diagnostic id that produces it. */
const samples: Record<Exclude<DiagnosticId, "theme-undefined">, string | Uint8Array> = {
  "encoding-invalid": new Uint8Array([...new TextEncoder().encode('scan s\n  title "cli'), 0xeb, ...new TextEncoder().encode('nt"\n')]),
  "character-unexpected": theme(`  rate a "A" on niveau @\n`),
  "whitespace-unusual": theme(`  rate a "A"\u00a0on niveau\n`),
  "quote-invalid": theme(`  rate a 'A' on niveau\n`),
  "string-unterminated": theme(`  rate a "A on niveau\n`),
  "indent-invalid": theme(`   rate a "A" on niveau\n`),
  "keyword-unknown": theme(`  rat a "A" on niveau\n`),
  "token-expected": theme(`  rate a on niveau\n`),
  "token-unexpected": theme(`  rate a "A" on niveau extra\n`),
  "id-invalid": theme(`  rate financiële-zorgen "A" on niveau\n`),
  "scan-missing": `theme t "T"\n  text a "A"\n`,
  "scan-duplicate": theme(`  text a "A"\n`) + `scan twee\n  title "Twee"\n`,
  "scan-empty": head(),
  "property-duplicate": theme(`  text a "A"\n`, `  answered-by each-person\n  anonymous yes\n  anonymous no\n`),
  "property-missing": `scan s\n  answered-by each-person\n\ntheme t "T"\n  text a "A"\n`,
  "property-invalid": theme(`  text a "A"\n`, `  answered-by each-person\n  language en\n`),
  "answered-by-missing": theme(`  text a "A"\n`, `  respondent team\n`),
  "answered-by-conflict": theme(`  text a "A"\n`, `  respondent team\n  answered-by each-person\n`),
  "scale-duplicate": `${head()}scale niveau 1..3\n\ntheme t "T"\n  rate a "A" on niveau\n`,
  "scale-undefined": theme(`  rate a "A" on niveu\n`),
  "scale-bounds-reversed": `${head()}scale om 5..1\n\ntheme t "T"\n  rate a "A" on niveau\n`,
  "scale-gap": `${head()}scale mate 1..5\n  1 "a"\n  3 "c"\n  5 "e"\n\ntheme t "T"\n  rate a "A" on mate\n`,
  "scale-label-out-of-range": `${head()}scale mate 1..5\n  6 "f"\n\ntheme t "T"\n  rate a "A" on mate\n`,
  "scale-label-duplicate": `${head()}scale mate 1..5\n  1 "a"\n  1 "b"\n  5 "e"\n\ntheme t "T"\n  rate a "A" on mate\n`,
  "theme-duplicate": theme(`  text a "A"\n`) + `theme t "Weer"\n  text b "B"\n`,
  "theme-empty": theme(`  text a "A"\n`) + `theme leeg "Leeg"\n  help "niets"\n`,
  "item-duplicate": theme(`  text a "A"\n  text a "B"\n`),
  "item-undefined": theme(`  text a "A"\n    show if b = ja\n`),
  "item-scale-missing": theme(`  rate a "A"\n`),
  "item-scale-unexpected": theme(`  text a "A" on niveau\n`),
  "step-scale-not-ladder": theme(`  step a "A" on niveau\n`),
  "pair-scale-mismatch": `${head()}scale wens 1..4\n\ntheme t "T"\n  pair p "P" on niveau and wens\n`,
  "option-missing": theme(`  choice c "C"\n`),
  "option-duplicate": theme(`  choice c "C"\n    option a "A"\n    option a "B"\n`),
  "flag-misplaced": theme(`  rate a "A" on niveau\n    partly\n`),
  "condition-self": theme(`  rate a "A" on niveau\n    show if a < 3\n`),
  "condition-forward": theme(`  text b "B"\n    show if a < 3\n  rate a "A" on niveau\n`),
  "condition-invalid": theme(`  rate a "A" on niveau\n  text b "B"\n    show if a < 9\n`),
  "aggregator-unknown": theme(`  text a "A"\n`) + `score trnd\n`,
  "aggregator-param-unknown": theme(`  rate a "A" on niveau\n`) + `score spread op niveau\n`,
  "aggregator-param-missing": theme(`  rate a "A" on niveau\n`) + `score threshold on niveau\n`,
  "aggregator-param-invalid": theme(`  rate a "A" on niveau\n`) + `score threshold on niveau at-least hoog\n`,
  "aggregator-param-out-of-range": theme(`  rate a "A" on niveau\n`) + `score threshold on niveau at-least 6\n`,
  "translation-missing": theme(`  text a "A"\n`, `  answered-by each-person\n  language nl en\n`),
  "scan-long": theme(Array.from({ length: 61 }, (_, i) => `  rate a${i} "A" on niveau\n`).join("")),
  "too-many-errors": theme(Array.from({ length: 60 }, (_, i) => `  rate a${i} "A" on onbekend\n`).join("")),
};

function run(sample: string | Uint8Array, lang: Lang): Diagnostic[] {
  return typeof sample === "string" ? compile({ name: "t.scan", text: sample }, { lang }).diagnostics : compileBytes("t.scan", sample, { lang }).diagnostics;
}

/** What must be the same in every language. */
function structure(d: Diagnostic) {
  return {
    id: d.id,
    severity: d.severity,
    variant: d.variant,
    args: d.args,
    span: d.span,
    label: d.label !== undefined,
    help: d.help !== undefined,
    notes: d.notes?.length ?? 0,
  };
}

describe("the diagnostic catalogues", () => {
  it.each(LANGS)("%s has words for every diagnostic id and every variant the other language has", (lang) => {
    for (const id of Object.keys(catalogue) as DiagnosticId[]) {
      const variants = Object.keys(catalogues[lang][id]);
      expect(variants.length, id).toBeGreaterThan(0);
      for (const other of LANGS) expect(variants, `${id} in ${lang} and ${other}`).toEqual(Object.keys(catalogues[other][id]));
    }
  });

  it.each(LANGS)("%s: every diagnostic id can be produced and is put into words", (lang) => {
    for (const [id, sample] of Object.entries(samples)) {
      const found = run(sample, lang).filter((d) => d.id === id);
      expect(found.length, id).toBeGreaterThan(0);
      for (const d of found) {
        expect(d.message.trim(), id).not.toBe("");
        for (const text of [d.message, d.label, d.help, ...(d.notes ?? [])]) expect(text ?? "", id).not.toMatch(/undefined|\[object/);
      }
    }
    // No aggregator takes a theme yet; the message exists for the one that will.
    const d = localise(raw("theme-undefined", "param", { start: 0, end: 1 }, { name: "visie", suggestion: { name: "visie2", line: 3 } }), lang);
    expect(d.message).not.toBe("");
    expect(d.help).toBeDefined();
  });

  it("gives a diagnostic the same id, variant, values, place and parts in Dutch and in English", () => {
    for (const [id, sample] of Object.entries(samples)) {
      const nl = run(sample, "nl").map(structure);
      const en = run(sample, "en").map(structure);
      expect(en, id).toEqual(nl);
    }
  });

  it("speaks Dutch unless asked otherwise", () => {
    const [nl] = run(samples["scale-undefined"], "nl");
    const [byDefault] = compile({ name: "t", text: samples["scale-undefined"] as string }).diagnostics;
    const [en] = run(samples["scale-undefined"], "en");
    expect(byDefault!.message).toBe(nl!.message);
    expect(en!.message).not.toBe(nl!.message);
  });
});
