import { Hono } from "hono";
import { requireRole, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { valid } from "../lib/request-validator.ts";
import { readSettings, settingsPatchSchema, updateSettings } from "./service.ts";

/** Organisation-wide settings, admins only. Mounted at /api/admin/settings. */
export function settingsRoutes(sql: Sql) {
  return new Hono<AuthEnv>()
    .get("/", requireRole("admin"), async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await readSettings(sql));
    })
    .patch("/", requireRole("admin"), valid("json", settingsPatchSchema), async (c) => {
      return c.json(await updateSettings(sql, c.req.valid("json")));
    });
}
