// A round's open link for admins: its cap, rate and one-response-per-device setting, how much of
// it is used, and (server/respond/bursts.ts) its bursts. Mounted at /api/admin/rounds.
import { createRoute, z } from "@hono/zod-openapi";
import { requireRole, requireRoundAccess, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody, notFoundAs } from "../lib/openapi.ts";
import { notFound } from "../lib/errors.ts";
import { audit } from "../audit/record.ts";
import {
  openLinkLimitsSchema,
  openLinkUsage,
  readOpenLinkLimits,
  writeOpenLinkLimits,
  type OpenLinkAdmissions,
} from "./open-link.ts";
import { burstSchema, exclude, exclusionSchema, findBursts, listExclusions, restore } from "./bursts.ts";

const idParam = z.object({ id: z.uuid(notFoundAs("round")) });
const tags = ["rounds"];
const missing = { 404: errorResponse("No such round, or a teamleader's round of another team.") };

export const openLinkStateSchema = z
  .object({
    limits: openLinkLimitsSchema,
    usage: z.object({
      admitted: z.number().int().openapi({ description: "New responses let in through the open link (what the cap counts)." }),
      lastHour: z.number().int().openapi({ description: "Responses started through the open link in the last hour." }),
    }),
    bursts: z.array(burstSchema).openapi({ description: "Runs of many open-link responses submitted close together (server/respond/bursts.ts)." }),
    exclusions: z.array(exclusionSchema).openapi({ description: "Periods an admin excluded from the results, with how many responses." }),
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

const excludeRoute = createRoute({
  method: "post",
  path: "/{id}/open-link/exclusions",
  tags,
  summary: "Exclude the open-link responses submitted in a period (a burst) from the results (admin)",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: {
    params: idParam,
    body: jsonBody(
      z
        .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
        .refine((b) => Date.parse(b.to) >= Date.parse(b.from), { path: ["to"], message: "must not be before from" }),
    ),
  },
  responses: {
    200: json(openLinkStateSchema.extend({ excluded: z.number().int() }), "Excluded: how many, and the open link's state"),
    409: errorResponse("`nothing-to-exclude`: no open-link response was submitted in that period."),
    ...missing,
  },
});

const restoreRoute = createRoute({
  method: "delete",
  path: "/{id}/open-link/exclusions/{exclusionId}",
  tags,
  summary: "Put an excluded period's responses back into the results (admin)",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: { params: idParam.extend({ exclusionId: z.uuid(notFoundAs("exclusion")) }) },
  responses: { 200: json(openLinkStateSchema.extend({ restored: z.number().int() }), "Restored: how many, and the open link's state"), ...missing },
});

export function openLinkRoutes(sql: Sql, admissions: OpenLinkAdmissions) {
  const app = apiRoutes<AuthEnv>();
  app.use("/:id/*", requireRoundAccess(sql));
  const state = async (id: string) => {
    const limits = await readOpenLinkLimits(sql, id);
    if (!limits) throw notFound("round");
    const [usage, bursts, exclusions] = await Promise.all([openLinkUsage(sql, id), findBursts(sql, id), listExclusions(sql, id)]);
    return { limits, usage, bursts, exclusions };
  };
  return app
    .openapi(getRoute, async (c) => c.json(await state(c.req.valid("param").id), 200))
    .openapi(putRoute, async (c) => {
      const { id } = c.req.valid("param");
      const limits = c.req.valid("json");
      if (!(await writeOpenLinkLimits(sql, id, limits))) throw notFound("round");
      // Places this instance leased under the old limits go back, so the new ones hold at once.
      await admissions.giveBackAll(id);
      await audit(c, sql, "round.update", { roundId: id, details: { change: "open-link", ...limits } });
      return c.json(await state(id), 200);
    })
    .openapi(excludeRoute, async (c) => {
      const { id } = c.req.valid("param");
      const { from, to } = c.req.valid("json");
      if (!(await readOpenLinkLimits(sql, id))) throw notFound("round");
      const excluded = await exclude(sql, id, new Date(from), new Date(to));
      await audit(c, sql, "round.update", { roundId: id, details: { change: "exclude-burst", burstFrom: from, burstTo: to, excluded } });
      return c.json({ excluded, ...(await state(id)) }, 200);
    })
    .openapi(restoreRoute, async (c) => {
      const { id, exclusionId } = c.req.valid("param");
      const restored = await restore(sql, id, exclusionId);
      await audit(c, sql, "round.update", { roundId: id, details: { change: "restore-burst", restored } });
      return c.json({ restored, ...(await state(id)) }, 200);
    });
}
