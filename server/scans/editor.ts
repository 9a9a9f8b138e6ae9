// Publishing a scan written in the admin editor, and the version history it shows.
import { z } from "@hono/zod-openapi";
import { compareVersions } from "../../dsl/compare.ts";
import { compile, locate } from "../../dsl/index.ts";
import type { Sql } from "../db/connect.ts";
import { listVersions } from "./queries.ts";
import { AppError } from "../lib/errors.ts";
import { publishScan } from "./loader.ts";
import { versionComparisonSchema } from "./schemas.ts";

export const publishedSchema = z.object({
  scan: z.string(),
  version: z.number().int(),
  versionId: z.number().int(),
  status: z.enum(["published", "unchanged"]).openapi({ description: "`unchanged`: this exact text is already a version." }),
  warnings: z.number().int(),
});
export type Published = z.infer<typeof publishedSchema>;

/** Compiles the text and publishes a new immutable version; 422 with the diagnostics on any error. */
export async function publishSource(sql: Sql, text: string): Promise<Published> {
  const source = { name: "editor.scan", text };
  const { result, diagnostics } = compile(source);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (!result || errors.length > 0) {
    throw new AppError(
      422,
      "scan-invalid",
      `the scan has ${errors.length} error(s); nothing was published`,
      errors.map((d) => {
        const { line, column } = locate(source, d);
        return { field: `source:${line}:${column}`, reason: "invalid" as const, message: `${d.id}: ${d.message}` };
      }),
    );
  }
  const published = await publishScan(sql, { name: `${result.model.scan}.scan`, text }, result);
  return {
    scan: result.model.scan,
    ...published,
    warnings: diagnostics.length - errors.length,
  };
}

export const versionEntrySchema = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    checksum: z.string(),
    createdAt: z.iso.datetime(),
    items: z.number().int(),
    rounds: z.number().int(),
    sincePrevious: versionComparisonSchema
      .nullable()
      .openapi({ description: "Against the version before it; null for the first version." }),
  })
  .openapi("VersionEntry");
export type VersionEntry = z.infer<typeof versionEntrySchema>;

export async function versionHistory(sql: Sql, scanId: string): Promise<VersionEntry[]> {
  const rows = await listVersions(sql, scanId);
  return rows.map((row, i) => {
    const previous = i > 0 ? rows[i - 1]! : null;
    return {
      id: row.id,
      version: row.version,
      checksum: row.checksum,
      createdAt: row.created_at.toISOString(),
      items: row.compiled.model.items.length,
      rounds: row.rounds,
      sincePrevious: previous ? compareVersions(previous.compiled.model, row.compiled.model) : null,
    };
  });
}
