// A round's open link for admins: its cap, rate and one-response-per-device setting, how much of
// it is used, and (server/respond/bursts.ts) its bursts. Mounted at /api/admin/rounds.
import { createRoute, z } from "@hono/zod-openapi";
import { requireRole, requireRoundAccess, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody, notFoundAs } from "../lib/openapi.ts";
import { notFound } from "../lib/errors.ts";
import { openLinkLimitsSchema, openLinkUsage, readOpenLinkLimits, writeOpenLinkLimits } from "./open-link.ts";

const idParam = z.object({ id: z.uuid(notFoundAs("round")) });
const tags = ["rounds"];
const missing = { 404: errorResponse("No such round, or a teamleader's round of another team.") };

export const openLinkStateSchema = z
  .object({
    limits: openLinkLimitsSchema,
    usage: z.object({
      admitted: z.number().int().openapi({ description: "New responses let in through the open link (what the cap counts)." }),
      lastHour: z.number().int().openapi({ description: "Responses started through the open link in the last hour (what the rate counts)." }),
    }),
  })
  .openapi("OpenLinkState");

const getRoute = createRoute({
  method: "get",
  path: "/{id}/open-link",
  tags,
  summary: "A round's open-link limits (cap, rate per hour, one response per device) and how much is used",
  security: adminSecurity,
  middleware: requireRole("admin", "teamleader", "viewer"),
  request: { params: idParam },
  responses: { 200: json(openLinkStateSchema, "The open link's limits and use"), ...missing },
});

const putRoute = createRoute({
  method: "put",
  path: "/{id}/open-link",
  tags,
  summary: "Set a round's open-link limits (admin)",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: { params: idParam, body: jsonBody(openLinkLimitsSchema) },
  responses: { 200: json(openLinkStateSchema, "Set"), ...missing },
});

export function openLinkRoutes(sql: Sql) {
  const app = apiRoutes<AuthEnv>();
  app.use("/:id/*", requireRoundAccess(sql));
  const state = async (id: string) => {
    const limits = await readOpenLinkLimits(sql, id);
    if (!limits) throw notFound("round");
    return { limits, usage: await openLinkUsage(sql, id) };
  };
  return app
    .openapi(getRoute, async (c) => c.json(await state(c.req.valid("param").id), 200))
    .openapi(putRoute, async (c) => {
      const { id } = c.req.valid("param");
      if (!(await writeOpenLinkLimits(sql, id, c.req.valid("json")))) throw notFound("round");
      return c.json(await state(id), 200);
    });
}
