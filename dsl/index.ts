// The scan language's pipeline: parse → check → compile, plus render-diagnostics.
// Pure: no Node I/O, no React, no SurveyJS runtime, so the CLI, the server and the browser editor
// all run this same code.
import { check } from "./check.ts";
import { generate } from "./compile.ts";
import { finalise, hasErrors, type Diagnostic } from "./diagnostics.ts";
import type { CompiledScan } from "./model.ts";
import { parse } from "./parser.ts";
import type { Source } from "./source.ts";

export type { Diagnostic, DiagnosticId, Severity } from "./diagnostics.ts";
export { catalogue, locate, renderDiagnostics, hasErrors } from "./diagnostics.ts";
export type { Source, Span } from "./source.ts";
export type * from "./model.ts";
export { parse } from "./parser.ts";

export interface CompileOutput {
  /** The compiled scan, or null when there is at least one error. */
  result: CompiledScan | null;
  /** Every problem found (errors and warnings), in file order, capped with `too-many-errors`. */
  diagnostics: Diagnostic[];
}

/** Parses, checks and, when there are no errors, compiles a scan file. Never throws on bad text. */
export function compile(source: Source): CompileOutput {
  const { file, diagnostics } = parse(source.text);
  diagnostics.push(...check(file, source));
  const final = finalise(diagnostics);
  return { result: hasErrors(final) ? null : generate(file), diagnostics: final };
}
