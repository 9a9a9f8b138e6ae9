import { createRoute, z } from "@hono/zod-openapi";
import type { Sql } from "../db/connect.ts";
import { apiRoutes, json } from "../lib/openapi.ts";

const healthRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["system"],
  summary: "Liveness and database check",
  responses: { 200: json(z.object({ ok: z.literal(true) }), "Up, and the database answers") },
});

export function healthRoutes(sql: Sql) {
  return apiRoutes().openapi(healthRoute, async (c) => {
    await sql`select 1`;
    return c.json({ ok: true as const }, 200);
  });
}
