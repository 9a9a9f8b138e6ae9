// Organisation-wide settings: one row (`settings`, migration 090), one schema, one admin route
// (GET/PATCH /api/admin/settings) and one admin page ("Instellingen"). To add a setting: a column
// with a default in your own migration, one entry in `settingsSchema` and one in `columns`, and a
// field on the page (client/src/features/settings/).
import type postgres from "postgres";
import { z } from "@hono/zod-openapi";
import type { Queryable } from "../db/connect.ts";
import { absoluteMinGroupSize, maxMinGroupSize } from "../privacy/floor.ts";

export const settingsSchema = z.object({
  /** The privacy floor: the smallest minimum group size of any round (server/privacy/floor.ts). */
  minGroupSize: z.number().int().min(absoluteMinGroupSize).max(maxMinGroupSize),
  /** Months after a round closes until its personal data is deleted (server/lifecycle/). */
  retentionMonths: z.number().int().min(1).max(120),
  /** Months the audit log keeps an entry (server/audit/); at least 6. */
  auditRetentionMonths: z.number().int().min(6).max(120),
  /** False: only organisation accounts log in (when OpenID Connect is configured). */
  passwordLogin: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A change names only the settings it changes; an unknown name is an error, not ignored. */
export const settingsPatchSchema = settingsSchema
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: "name at least one setting to change" });
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Each setting's column in the `settings` row. */
const columns: { [K in keyof Settings]: string } = {
  minGroupSize: "min_group_size",
  retentionMonths: "retention_months",
  auditRetentionMonths: "audit_retention_months",
  passwordLogin: "password_login",
};

export const storedSettingsSchema = z.object({ settings: settingsSchema, updatedAt: z.iso.datetime() });
export type StoredSettings = z.infer<typeof storedSettingsSchema>;

export async function readSettings(sql: Queryable): Promise<StoredSettings> {
  const [row] = await sql<Record<string, unknown>[]>`select * from settings where id`;
  if (!row) throw new Error("the settings row is missing (migration 090 inserts it)");
  const settings = Object.fromEntries(
    Object.entries(columns).map(([key, column]) => [key, row[column]]),
  ) as Settings;
  return { settings, updatedAt: (row.updated_at as Date).toISOString() };
}

export async function updateSettings(sql: Queryable, patch: SettingsPatch): Promise<StoredSettings> {
  const values: Record<string, postgres.ParameterOrJSON<never>> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) values[columns[key as keyof Settings]] = value as postgres.ParameterOrJSON<never>;
  }
  await sql`
    update settings
    set ${sql(values, Object.keys(values))}, updated_at = now()
    where id
  `;
  return readSettings(sql);
}

/** The privacy floor, as reports and round creation read it. */
export async function privacyFloor(sql: Queryable): Promise<number> {
  const [row] = await sql<{ min_group_size: number }[]>`select min_group_size from settings where id`;
  return row?.min_group_size ?? absoluteMinGroupSize;
}
