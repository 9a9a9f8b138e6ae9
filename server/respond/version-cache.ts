import { themeSeconds } from "../../dsl/estimate.ts";
import type { CompiledScan } from "../../dsl/model.ts";
import type { Sql } from "../db/connect.ts";
import { getCompiled } from "../scans/queries.ts";
import { buildValidator, type ResponseValidator } from "./answer-validator.ts";

export interface LoadedVersion {
  compiled: CompiledScan;
  validator: ResponseValidator;
  /** What the respondent's progress line shows: minutes in all, seconds per page. */
  estimate: { minutes: number; pageSeconds: Record<string, number> };
}

/**
 * Compiled scans and their validators, loaded once per scan version id. Versions are immutable,
 * so nothing here is ever invalidated.
 */
export class ScanVersionCache {
  private readonly loaded = new Map<number, Promise<LoadedVersion>>();

  constructor(private readonly sql: Sql) {}

  get(versionId: number): Promise<LoadedVersion> {
    let entry = this.loaded.get(versionId);
    if (!entry) {
      entry = this.load(versionId);
      this.loaded.set(versionId, entry);
      entry.catch(() => this.loaded.delete(versionId));
    }
    return entry;
  }

  private async load(versionId: number): Promise<LoadedVersion> {
    const compiled = await getCompiled(this.sql, versionId);
    if (!compiled) throw new Error(`scan version ${versionId} does not exist`);
    return {
      compiled,
      validator: buildValidator(compiled.model),
      estimate: { minutes: compiled.model.estimatedMinutes, pageSeconds: themeSeconds(compiled.model) },
    };
  }
}
