import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { CompiledScan } from "../../dsl/model.ts";
import type { Sql } from "../db/connect.ts";
import { findVersionByChecksum, insertNextVersion, lockScan, upsertScan } from "./queries.ts";
import type { Log } from "../lib/log.ts";
import { sha256 } from "../lib/tokens.ts";

export interface ScanSource {
  name: string;
  text: string;
}

export interface CompileDiagnostic {
  severity: "error" | "warning";
}

/** The scan language's entry points, as `dsl/index.ts` exports them. */
export interface ScanCompiler<D extends CompileDiagnostic = CompileDiagnostic> {
  /** Decodes the file's bytes (UTF-8, or a diagnostic at the first bad byte) and compiles it. */
  compileBytes(name: string, bytes: Uint8Array): { source: ScanSource; result: CompiledScan | null; diagnostics: D[] };
  renderDiagnostics(source: ScanSource, diagnostics: readonly D[]): string;
}

export type LoadOutcome =
  | { file: string; status: "published"; scan: string; version: number; versionId: number }
  | { file: string; status: "unchanged"; scan: string; version: number; versionId: number }
  | { file: string; status: "failed"; errors: number };

/**
 * Publishes one compiled scan: a new immutable version only when the source's checksum is new.
 */
export async function publishScan(
  sql: Sql,
  source: ScanSource,
  compiled: CompiledScan,
): Promise<{ status: "published" | "unchanged"; version: number; versionId: number }> {
  const scanId = compiled.model.scan;
  const checksum = sha256(source.text);
  return sql.begin(async (tx) => {
    await lockScan(tx, scanId);
    const existing = await findVersionByChecksum(tx, scanId, checksum);
    if (existing) return { status: "unchanged", version: existing.version, versionId: existing.id };
    await upsertScan(tx, { id: scanId, title: compiled.model.title.nl });
    const row = await insertNextVersion(tx, { scanId, checksum, source: source.text, compiled });
    return { status: "published", version: row.version, versionId: row.id };
  });
}

/**
 * Compiles every `*.scan` in `dir` and publishes the changed ones. A scan that does not compile
 * is logged with its rendered diagnostics and skipped: the other scans and the rounds already
 * running on published versions keep working.
 */
export async function loadScans<D extends CompileDiagnostic>(
  sql: Sql,
  dir: string,
  compiler: ScanCompiler<D>,
  log: Log,
): Promise<LoadOutcome[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".scan")).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      log.warn(`scans: directory ${dir} does not exist; no scans loaded`);
      return [];
    }
    throw err;
  }
  const outcomes: LoadOutcome[] = [];
  for (const file of files) {
    const { source, result, diagnostics } = compiler.compileBytes(path.join(dir, file), await readFile(path.join(dir, file)));
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    if (!result || errors > 0) {
      log.error(
        `scans: ${source.name} does not compile (${errors} error(s)); skipped, its published ` +
          `versions stay in use\n${compiler.renderDiagnostics(source, diagnostics)}`,
      );
      outcomes.push({ file, status: "failed", errors });
      continue;
    }
    if (diagnostics.length > 0) log.warn(compiler.renderDiagnostics(source, diagnostics));
    const published = await publishScan(sql, source, result);
    const scan = result.model.scan;
    log.info(
      published.status === "published"
        ? `scans: published ${scan} version ${published.version} from ${file}`
        : `scans: ${scan} unchanged (version ${published.version})`,
    );
    outcomes.push({ file, scan, ...published });
  }
  return outcomes;
}
