// The scan language's pipeline: parse → check → compile, plus render-diagnostics.
// Pure: no Node I/O, no React, no SurveyJS runtime, so the CLI, the server and the browser editor
// all run this same code.
import { check } from "./check.ts";
import { generate } from "./compile.ts";
import { finalise, hasErrors, type Diagnostic, type Lang } from "./diagnostics.ts";
import { decodeSource } from "./encoding.ts";
import type { CompiledScan } from "./model.ts";
import { parse } from "./parser.ts";
import type { Source } from "./source.ts";

export type { Diagnostic, DiagnosticId, Lang, RawDiagnostic, Severity } from "./diagnostics.ts";
export { catalogue, localise, locate, renderDiagnostics, hasErrors } from "./diagnostics.ts";
export type { Source, Span } from "./source.ts";
export type * from "./model.ts";
export { NOT_APPLICABLE } from "./model.ts";
export { parse } from "./parser.ts";

export interface CompileOptions {
  /** The language of the diagnostics' words; Dutch by default. */
  lang?: Lang;
}

export interface CompileOutput {
  /** The compiled scan, or null when there is at least one error. */
  result: CompiledScan | null;
  /** Every problem found (errors and warnings), causes first, capped with `too-many-errors`. */
  diagnostics: Diagnostic[];
}

/** Parses, checks and, when there are no errors, compiles a scan file. Never throws on bad text. */
export function compile(source: Source, options: CompileOptions = {}): CompileOutput {
  const { file, diagnostics } = parse(source.text);
  diagnostics.push(...check(file, source));
  const final = finalise(diagnostics, options.lang ?? "nl");
  return { result: hasErrors(final) ? null : generate(file), diagnostics: final };
}

/**
 * Compiles a scan file as read from disk: its bytes must be UTF-8 (`encoding-invalid` at the first
 * byte that is not). Returns the decoded source too, to render the diagnostics against.
 */
export function compileBytes(name: string, bytes: Uint8Array, options: CompileOptions = {}): CompileOutput & { source: Source } {
  const { source, diagnostics } = decodeSource(name, bytes);
  if (diagnostics.length > 0) return { source, result: null, diagnostics: finalise(diagnostics, options.lang ?? "nl") };
  return { source, ...compile(source, options) };
}
