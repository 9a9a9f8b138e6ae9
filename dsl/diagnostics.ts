import { lineStarts, positionAt, type Source, type Span } from "./source.ts";

export type Severity = "error" | "warning";

/**
 * Every diagnostic the scan language can report, with its severity and a one-line summary.
 * Ids are stable: tests, the editor and the author guide refer to them.
 */
export const catalogue = {
  "character-unexpected": { severity: "error", summary: "a character that has no meaning here" },
  "string-unterminated": { severity: "error", summary: "a text without its closing quote" },
  "indent-invalid": { severity: "error", summary: "indentation that is not two spaces per level" },
  "keyword-unknown": { severity: "error", summary: "a word the language does not know here" },
  "token-expected": { severity: "error", summary: "something is missing on this line" },
  "token-unexpected": { severity: "error", summary: "something extra on this line" },
  "id-invalid": { severity: "error", summary: "a name with characters that are not allowed" },
  "scan-missing": { severity: "error", summary: "the file has no `scan` block" },
  "scan-duplicate": { severity: "error", summary: "the file has more than one `scan` block" },
  "scan-empty": { severity: "error", summary: "the scan has no items" },
  "property-duplicate": { severity: "error", summary: "a setting given twice" },
  "property-missing": { severity: "error", summary: "a required setting is missing" },
  "property-invalid": { severity: "error", summary: "a setting with a value it cannot have" },
  "scale-duplicate": { severity: "error", summary: "two scales with the same name" },
  "scale-undefined": { severity: "error", summary: "a reference to a scale that does not exist" },
  "scale-bounds-reversed": { severity: "error", summary: "a scale whose lowest point is not below its highest" },
  "scale-gap": { severity: "error", summary: "a scale that labels some points but not all" },
  "scale-label-out-of-range": { severity: "error", summary: "a label for a point outside its scale" },
  "scale-label-duplicate": { severity: "error", summary: "a point labelled twice" },
  "theme-duplicate": { severity: "error", summary: "two themes with the same name" },
  "theme-undefined": { severity: "error", summary: "a reference to a theme that does not exist" },
  "theme-empty": { severity: "error", summary: "a theme without items" },
  "item-duplicate": { severity: "error", summary: "two items with the same name" },
  "item-undefined": { severity: "error", summary: "a reference to an item that does not exist" },
  "item-scale-missing": { severity: "error", summary: "a rated item without `on SCALE`" },
  "item-scale-unexpected": { severity: "error", summary: "`on SCALE` on an item that is not rated" },
  "step-scale-not-ladder": { severity: "error", summary: "a `step` item on a scale that is not a ladder" },
  "pair-scale-mismatch": { severity: "error", summary: "the two sides of a pair use different scales" },
  "option-missing": { severity: "error", summary: "a choice item without options" },
  "option-duplicate": { severity: "error", summary: "two options with the same name" },
  "flag-misplaced": { severity: "error", summary: "a setting that does not apply to this kind of item" },
  "condition-self": { severity: "error", summary: "a condition on the item itself" },
  "condition-forward": { severity: "error", summary: "a condition on a later item" },
  "condition-invalid": { severity: "error", summary: "a condition that can never be checked this way" },
  "aggregator-unknown": { severity: "error", summary: "a `score` line naming an unknown aggregator" },
  "aggregator-param-unknown": { severity: "error", summary: "a parameter the aggregator does not take" },
  "aggregator-param-missing": { severity: "error", summary: "a required parameter is missing" },
  "aggregator-param-invalid": { severity: "error", summary: "a parameter value of the wrong kind" },
  "translation-missing": { severity: "warning", summary: "a text without its English translation" },
  "scan-long": { severity: "warning", summary: "a scan that takes long to fill in" },
  "too-many-errors": { severity: "error", summary: "reporting stopped after many problems" },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticId = keyof typeof catalogue;

export interface Diagnostic {
  id: DiagnosticId;
  severity: Severity;
  message: string;
  span: Span;
  /** Shown under the caret. */
  label?: string;
  help?: string;
  notes?: string[];
}

export interface DiagnosticExtras {
  label?: string;
  help?: string;
  notes?: string[];
}

export function diagnostic(
  id: DiagnosticId,
  span: Span,
  message: string,
  extras: DiagnosticExtras = {},
): Diagnostic {
  return { id, severity: catalogue[id].severity, message, span, ...extras };
}

/** Most diagnostics shown for one file; a final `too-many-errors` line says how many were left out. */
export const DIAGNOSTIC_LIMIT = 50;

/** Sorts by position and caps the list, appending `too-many-errors` when it cut anything. */
export function finalise(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort(
    (a, b) => a.span.start - b.span.start || a.span.end - b.span.end,
  );
  if (sorted.length <= DIAGNOSTIC_LIMIT) return sorted;
  const kept = sorted.slice(0, DIAGNOSTIC_LIMIT);
  const last = kept[kept.length - 1]!;
  kept.push(
    diagnostic(
      "too-many-errors",
      { start: last.span.end, end: last.span.end },
      `too many problems: ${sorted.length - DIAGNOSTIC_LIMIT} more not shown`,
      { help: "fix the problems above and check again" },
    ),
  );
  return kept;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Line and column (1-based) of a diagnostic, for tests and the editor. */
export function locate(source: Source, d: Diagnostic): { line: number; column: number } {
  return positionAt(lineStarts(source.text), d.span.start);
}

/**
 * Renders diagnostics like rustc, with Elm's helpfulness:
 *
 *     error[scale-undefined]: item `ek-3` uses unknown scale `mate5`
 *       --> scans/bachelorscan.scan:41:22
 *        |
 *     41 |   pair ek-3 "..." on mate5
 *        |                      ^^^^^ no scale named `mate5`
 *        |
 *        = help: did you mean `mate` (line 9)?
 */
export function renderDiagnostics(source: Source, diagnostics: readonly Diagnostic[]): string {
  const starts = lineStarts(source.text);
  return diagnostics.map((d) => renderOne(source, starts, d)).join("\n");
}

function renderOne(source: Source, starts: number[], d: Diagnostic): string {
  const { line, column } = positionAt(starts, d.span.start);
  const lineStart = starts[line - 1] ?? 0;
  const nextStart = starts[line] ?? source.text.length + 1;
  const text = source.text.slice(lineStart, nextStart).replace(/\r?\n$/, "");
  const gutter = String(line).length;
  const pad = " ".repeat(gutter);
  const width = Math.max(1, Math.min(d.span.end, lineStart + text.length) - d.span.start);
  const out = [
    `${d.severity}[${d.id}]: ${d.message}`,
    `${pad}--> ${source.name}:${line}:${column}`,
    `${pad} |`,
    `${line} | ${text}`,
    `${pad} | ${" ".repeat(column - 1)}${"^".repeat(width)}${d.label ? ` ${d.label}` : ""}`,
  ];
  if (d.help || d.notes?.length) out.push(`${pad} |`);
  for (const note of d.notes ?? []) out.push(`${pad} = note: ${note}`);
  if (d.help) out.push(`${pad} = help: ${d.help}`);
  return out.join("\n") + "\n";
}
