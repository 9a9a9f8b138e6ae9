import { createRoute } from "@hono/zod-openapi";
import { requireRole, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { adminSecurity, apiRoutes, json, jsonBody } from "../lib/openapi.ts";
import { audit } from "../audit/record.ts";
import { readSettings, settingsPatchSchema, storedSettingsSchema, updateSettings } from "./service.ts";

const admin = requireRole("admin");
const stored = json(storedSettingsSchema, "The settings and when they last changed");

const readRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["settings"],
  summary: "Organisation-wide settings (admin)",
  security: adminSecurity,
  middleware: admin,
  responses: { 200: stored },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/",
  tags: ["settings"],
  summary: "Change some settings (admin); minGroupSize is the privacy floor, never below 3",
  security: adminSecurity,
  middleware: admin,
  request: { body: jsonBody(settingsPatchSchema) },
  responses: { 200: stored },
});

/** Organisation-wide settings, admins only. Mounted at /api/admin/settings. */
export function settingsRoutes(sql: Sql) {
  return apiRoutes<AuthEnv>()
    .openapi(readRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await readSettings(sql), 200);
    })
    .openapi(patchRoute, async (c) => {
      const patch = c.req.valid("json");
      const stored = await updateSettings(sql, patch);
      await audit(c, sql, "settings.change", { target: { kind: "settings", id: "settings" }, details: { ...patch } });
      return c.json(stored, 200);
    });
}
