import { catalogues, type Lang, type MessageArgs, type Texts } from "./messages/index.ts";
import { lineStarts, positionAt, type Source, type Span } from "./source.ts";

export type Severity = "error" | "warning";
export type { Lang } from "./messages/index.ts";

/**
 * Every diagnostic the scan language can report, with its severity. Ids are stable: tests, the
 * editor and the author guide refer to them. The words of each message live in one catalogue per
 * language (`messages/nl.ts`, `messages/en.ts`), keyed by id and variant.
 */
export const catalogue = {
  "encoding-invalid": { severity: "error" },
  "character-unexpected": { severity: "error" },
  "whitespace-unusual": { severity: "warning" },
  "quote-invalid": { severity: "error" },
  "string-unterminated": { severity: "error" },
  "indent-invalid": { severity: "error" },
  "keyword-unknown": { severity: "error" },
  "token-expected": { severity: "error" },
  "token-unexpected": { severity: "error" },
  "id-invalid": { severity: "error" },
  "scan-missing": { severity: "error" },
  "scan-duplicate": { severity: "error" },
  "scan-empty": { severity: "error" },
  "property-duplicate": { severity: "error" },
  "property-missing": { severity: "error" },
  "property-invalid": { severity: "error" },
  "answered-by-missing": { severity: "error" },
  "answered-by-conflict": { severity: "error" },
  "scale-duplicate": { severity: "error" },
  "scale-undefined": { severity: "error" },
  "scale-bounds-reversed": { severity: "error" },
  "scale-gap": { severity: "error" },
  "scale-label-out-of-range": { severity: "error" },
  "scale-label-duplicate": { severity: "error" },
  "theme-duplicate": { severity: "error" },
  "theme-undefined": { severity: "error" },
  "theme-empty": { severity: "error" },
  "item-duplicate": { severity: "error" },
  "item-undefined": { severity: "error" },
  "item-scale-missing": { severity: "error" },
  "item-scale-unexpected": { severity: "error" },
  "step-scale-not-ladder": { severity: "error" },
  "pair-scale-mismatch": { severity: "error" },
  "option-missing": { severity: "error" },
  "option-duplicate": { severity: "error" },
  "flag-misplaced": { severity: "error" },
  "condition-self": { severity: "error" },
  "condition-forward": { severity: "error" },
  "condition-invalid": { severity: "error" },
  "aggregator-unknown": { severity: "error" },
  "aggregator-param-unknown": { severity: "error" },
  "aggregator-param-missing": { severity: "error" },
  "aggregator-param-invalid": { severity: "error" },
  "aggregator-param-out-of-range": { severity: "error" },
  "translation-missing": { severity: "warning" },
  "scan-long": { severity: "warning" },
  "too-many-errors": { severity: "error" },
} as const satisfies Record<keyof MessageArgs, { severity: Severity }>;

export type DiagnosticId = keyof typeof catalogue;
export type Variant<I extends DiagnosticId> = keyof MessageArgs[I] & string;
export type Args<I extends DiagnosticId, V extends Variant<I>> = MessageArgs[I][V];

/**
 * A problem found in a scan file, before it is put into words: which diagnostic, which of its
 * messages (`variant`) and the values the message needs. The same in every language.
 */
export interface RawDiagnostic {
  id: DiagnosticId;
  severity: Severity;
  span: Span;
  variant: string;
  args: Record<string, unknown>;
  /** Found by the lexer or parser (a cause), not by a checker rule (often a consequence). */
  syntax?: boolean;
}

/** A diagnostic in words, in one language: what the CLI prints and the editor shows. */
export interface Diagnostic extends RawDiagnostic {
  message: string;
  /** Shown under the caret. */
  label?: string;
  help?: string;
  notes?: string[];
}

export function raw<I extends DiagnosticId, V extends Variant<I>>(
  id: I,
  variant: V,
  span: Span,
  args: Args<I, V>,
): RawDiagnostic {
  return { id, severity: catalogue[id].severity, span, variant, args: args as Record<string, unknown> };
}

/** The words of a diagnostic in a language, from that language's catalogue. */
export function texts(d: RawDiagnostic, lang: Lang): Texts {
  const entry = catalogues[lang][d.id] as Record<string, (args: unknown) => Texts>;
  const message = entry[d.variant];
  // Only reachable with a hand-made raw diagnostic: every variant the code reports is typed.
  if (!message) return { message: `${d.id} (${d.variant})` };
  return message(d.args);
}

/** Puts a diagnostic into words in `lang`; the structure (id, variant, span, args) is kept. */
export function localise(d: RawDiagnostic, lang: Lang): Diagnostic {
  const { id, severity, span, variant, args, syntax } = d;
  const t = texts(d, lang);
  const out: Diagnostic = { id, severity, span, variant, args, message: t.message };
  if (syntax) out.syntax = true;
  if (t.label !== undefined) out.label = t.label;
  if (t.help !== undefined) out.help = t.help;
  if (t.notes?.length) out.notes = t.notes;
  return out;
}

/** Most diagnostics shown for one file; a final `too-many-errors` line says how many were left out. */
export const DIAGNOSTIC_LIMIT = 50;

/**
 * Orders the problems cause first: what the lexer and parser found (a line that could not be read)
 * before what the checker rules found (which may follow from it), each in file order; caps the
 * list with `too-many-errors`, and puts everything into words in `lang`.
 */
export function finalise(diagnostics: readonly RawDiagnostic[], lang: Lang): Diagnostic[] {
  const sorted = [...diagnostics].sort(
    (a, b) => Number(!a.syntax) - Number(!b.syntax) || a.span.start - b.span.start || a.span.end - b.span.end,
  );
  const kept = sorted.slice(0, DIAGNOSTIC_LIMIT);
  if (sorted.length > DIAGNOSTIC_LIMIT) {
    const last = kept[kept.length - 1]!;
    const at = { start: last.span.end, end: last.span.end };
    kept.push(raw("too-many-errors", "more", at, { more: sorted.length - DIAGNOSTIC_LIMIT }));
  }
  return kept.map((d) => localise(d, lang));
}

export function hasErrors(diagnostics: readonly RawDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Line and column (1-based) of a diagnostic, for tests and the editor. */
export function locate(source: Source, d: RawDiagnostic): { line: number; column: number } {
  return positionAt(lineStarts(source.text), d.span.start);
}

/** The words around a rendered diagnostic: severities, "help", "note" and the line label. */
export interface RenderWords {
  error: string;
  warning: string;
  help: string;
  note: string;
}

export const renderWords: Record<Lang, RenderWords> = {
  nl: { error: "fout", warning: "waarschuwing", help: "tip", note: "let op" },
  en: { error: "error", warning: "warning", help: "help", note: "note" },
};

/**
 * Renders diagnostics like rustc, with Elm's helpfulness (here in Dutch):
 *
 *     fout[scale-undefined]: vraag `ek-3` gebruikt de onbekende schaal `mate5`
 *       --> scans/bachelorscan.scan:41:22
 *        |
 *     41 |   pair ek-3 "..." on mate5
 *        |                      ^^^^^ er is geen schaal `mate5`
 *        |
 *        = tip: bedoel je `mate` (regel 9)?
 *
 * The diagnostics must be in the same language as `lang` (see `localise`).
 */
export function renderDiagnostics(source: Source, diagnostics: readonly Diagnostic[], lang: Lang = "nl"): string {
  const starts = lineStarts(source.text);
  return diagnostics.map((d) => renderOne(source, starts, d, renderWords[lang])).join("\n");
}

function renderOne(source: Source, starts: number[], d: Diagnostic, words: RenderWords): string {
  const { line, column } = positionAt(starts, d.span.start);
  const lineStart = starts[line - 1] ?? 0;
  const nextStart = starts[line] ?? source.text.length + 1;
  const raw = source.text.slice(lineStart, nextStart).replace(/\r?\n$/, "");
  // Tabs would move the caret; every other character is shown as it is.
  const text = raw.replace(/\t/g, " ").replace(/\r/g, "");
  const gutter = String(line).length;
  const pad = " ".repeat(gutter);
  const width = Math.max(1, Math.min(d.span.end, lineStart + raw.length) - d.span.start);
  const out = [
    `${words[d.severity]}[${d.id}]: ${d.message}`,
    `${pad}--> ${source.name}:${line}:${column}`,
    `${pad} |`,
    `${line} | ${text}`,
    `${pad} | ${" ".repeat(column - 1)}${"^".repeat(width)}${d.label ? ` ${d.label}` : ""}`,
  ];
  if (d.help || d.notes?.length) out.push(`${pad} |`);
  for (const note of d.notes ?? []) out.push(`${pad} = ${words.note}: ${note}`);
  if (d.help) out.push(`${pad} = ${words.help}: ${d.help}`);
  return out.join("\n") + "\n";
}
