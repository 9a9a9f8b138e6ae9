import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { compareItems } from "../../dsl/compare.ts";
import { actionCreateSchema, actionSchema, actionUpdateSchema, ActionService, followUpSchema } from "./actions.ts";
import { canSeeGroup, principalOf, requireRole, requireRoundAccess, teamScope, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { findReportRound, previousRound } from "../reports/tallies.ts";
import { notFound } from "../lib/errors.ts";
import type { Invitations } from "../invitations/service.ts";
import { compiledLoader } from "../reports/round-report.ts";
import { seriesDetail, seriesDetailSchema } from "./detail.ts";
import { seriesCreateSchema, SeriesService } from "./service.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody, notFoundAs } from "../lib/openapi.ts";
import { itemComparisonSchema } from "../scans/schemas.ts";
import { audit } from "../audit/record.ts";

const seriesParam = z.object({ id: z.uuid(notFoundAs("series")) });
const roundParam = z.object({ id: z.uuid(notFoundAs("round")) });
const actionParam = z.object({ id: z.uuid(notFoundAs("action")), actionId: z.uuid(notFoundAs("action")) });
const planners = requireRole("admin", "teamleader");

const seriesListSchema = z.object({
  series: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      scanId: z.string(),
      group: z.string(),
      cadenceMinDays: z.number().int(),
      cadenceMaxDays: z.number().int(),
      roundDays: z.number().int(),
      autoOpen: z.boolean(),
      lastRoundId: z.uuid().nullable(),
      lastOpensAt: z.iso.datetime().nullable(),
      nextDueAt: z.iso.datetime().nullable(),
    }),
  ),
});
type SeriesListRow = Omit<z.infer<typeof seriesListSchema>["series"][number], "lastOpensAt" | "nextDueAt"> & {
  lastOpensAt: Date | null;
  nextDueAt: Date | null;
};

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["series"],
  summary: "Series of repeated rounds with their cadence, last round and when the next is due",
  security: adminSecurity,
  responses: { 200: json(seriesListSchema, "Series, newest first") },
});

const createSeriesRoute = createRoute({
  method: "post",
  path: "/",
  tags: ["series"],
  summary: "Start a series from a round (admin, teamleader of the round's team)",
  security: adminSecurity,
  middleware: planners,
  request: { body: jsonBody(seriesCreateSchema) },
  responses: {
    201: json(z.object({ id: z.uuid() }), "Created"),
    404: errorResponse("No such round, or a teamleader's round of another team."),
    409: errorResponse("The round already belongs to a series."),
  },
});

const detailRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["series"],
  summary: "One series: cadence, when the next round is due, and each round with dates, response rate and comparability with the round before",
  security: adminSecurity,
  request: { params: seriesParam },
  responses: { 200: json(seriesDetailSchema, "Series with its rounds") },
});

const openNextRoute = createRoute({
  method: "post",
  path: "/{id}/open-next",
  tags: ["series"],
  summary: "Open the series' next round now, carrying over the respondents (admin, teamleader of the series' team)",
  security: adminSecurity,
  middleware: planners,
  request: { params: seriesParam },
  responses: {
    201: json(z.object({ roundId: z.uuid(), respondents: z.number().int() }), "Opened"),
    409: errorResponse("The next round is already planned, or (`team-has-link`) the scan is now answered by teams and a team would get two links."),
  },
});

/** Series of repeated rounds. Mounted at /api/admin/series. */
export function seriesRoutes(sql: Sql, series: SeriesService) {
  const load = compiledLoader(sql);
  const seriesAccess = async (c: Context, id: string) => {
    const [row] = await sql<{ group_name: string }[]>`select group_name from series where id = ${id}`;
    if (!row || !canSeeGroup(principalOf(c), row.group_name)) throw notFound("series");
  };
  return apiRoutes<AuthEnv>()
    .openapi(listRoute, async (c) => {
      const scope = teamScope(principalOf(c));
      const rows = await sql<SeriesListRow[]>`
        select s.id, s.title, s.scan_id as "scanId", s.group_name as "group", s.cadence_min_days as "cadenceMinDays",
               s.cadence_max_days as "cadenceMaxDays", s.round_days as "roundDays", s.auto_open as "autoOpen",
               l.id as "lastRoundId", l.opens_at as "lastOpensAt",
               l.opens_at + make_interval(days => s.cadence_min_days) as "nextDueAt"
        from series s
        left join lateral (select id, opens_at from rounds r where r.series_id = s.id order by opens_at desc limit 1) l on true
        where ${scope === null ? sql`true` : sql`s.group_name = any(${scope})`}
        order by s.created_at desc
      `;
      return c.json({ series: rows }, 200);
    })
    .openapi(createSeriesRoute, async (c) => {
      const input = c.req.valid("json");
      const group = await sql<{ group_name: string }[]>`select group_name from rounds where id = ${input.roundId}`;
      if (!group[0] || !canSeeGroup(principalOf(c), group[0].group_name)) throw notFound("round");
      const created = await series.create(input);
      await audit(c, sql, "series.create", { roundId: input.roundId, target: { kind: "series", id: created.id, label: input.title } });
      return c.json(created, 201);
    })
    .openapi(detailRoute, async (c) => {
      await seriesAccess(c, c.req.valid("param").id);
      c.header("Cache-Control", "no-store");
      return c.json(await seriesDetail(sql, c.req.valid("param").id, load, series.clock()), 200);
    })
    .openapi(openNextRoute, async (c) => {
      await seriesAccess(c, c.req.valid("param").id);
      // Without `onlyIfDue` it opens a round or throws; it never answers null.
      const opened = (await series.openNext(c.req.valid("param").id))!;
      await audit(c, sql, "series.open-next", {
        roundId: opened.roundId,
        target: { kind: "series", id: c.req.valid("param").id },
        details: { respondents: opened.respondents },
      });
      return c.json(opened, 201);
    });
}

const comparabilityRoute = createRoute({
  method: "get",
  path: "/{id}/comparability",
  tags: ["series"],
  summary: "Which items are comparable with the series' previous round (same id, kind, scale, direction and answer options; `dsl/compare.ts`)",
  security: adminSecurity,
  request: { params: roundParam },
  responses: {
    200: json(
      z.object({
        previousRound: z.object({ id: z.uuid(), title: z.string(), version: z.number().int() }).nullable(),
        sameVersion: z.boolean().nullable(),
        items: z.array(itemComparisonSchema),
      }),
      "Previous round and per-item comparability",
    ),
  },
});

const actionsRoute = createRoute({
  method: "get",
  path: "/{id}/actions",
  tags: ["actions"],
  summary: "Action plans made from this round's report",
  security: adminSecurity,
  request: { params: roundParam },
  responses: { 200: json(z.object({ actions: z.array(actionSchema) }), "Actions") },
});

const followUpRoute = createRoute({
  method: "get",
  path: "/{id}/actions/follow-up",
  tags: ["actions"],
  summary: "The previous round's actions beside each element's score then and now",
  security: adminSecurity,
  request: { params: roundParam },
  responses: { 200: json(followUpSchema, "Previous round and its actions with scores") },
});

const addActionRoute = createRoute({
  method: "post",
  path: "/{id}/actions",
  tags: ["actions"],
  summary: "Add an action for an element or theme (admin, teamleader of the round's team)",
  security: adminSecurity,
  middleware: planners,
  request: { params: roundParam, body: jsonBody(actionCreateSchema) },
  responses: { 201: json(actionSchema, "The action") },
});

const updateActionRoute = createRoute({
  method: "patch",
  path: "/{id}/actions/{actionId}",
  tags: ["actions"],
  summary: "Change an action: what, who, by when, status (admin, teamleader of the round's team)",
  security: adminSecurity,
  middleware: planners,
  request: { params: actionParam, body: jsonBody(actionUpdateSchema) },
  responses: { 200: json(actionSchema, "The action") },
});

/** Comparability and actions of a round. Mounted at /api/admin/rounds next to the round routes. */
export function roundActionRoutes(sql: Sql, invitations: Invitations) {
  const actions = new ActionService(sql);
  const load = compiledLoader(sql);
  const app = apiRoutes<AuthEnv>();
  app.use("/:id/*", requireRoundAccess(sql));
  return app
    .openapi(comparabilityRoute, async (c) => {
      const row = await findReportRound(sql, c.req.valid("param").id);
      if (!row) throw notFound("round");
      const prev = await previousRound(sql, row);
      if (!prev) return c.json({ previousRound: null, sameVersion: null, items: [] }, 200);
      const [before, after] = await Promise.all([load(prev.scan_version_id), load(row.scan_version_id)]);
      return c.json(
        {
          previousRound: { id: prev.id, title: prev.title, version: prev.version },
          sameVersion: prev.scan_version_id === row.scan_version_id,
          items: compareItems(before.model, after.model),
        },
        200,
      );
    })
    .openapi(actionsRoute, async (c) => c.json({ actions: await actions.list(c.req.valid("param").id) }, 200))
    .openapi(followUpRoute, async (c) => c.json(await actions.followUp(c.req.valid("param").id), 200))
    // Recorded without the action's words (who and what may name people): its target and status.
    .openapi(addActionRoute, async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const created = await actions.create(id, input, invitations.clock());
      await audit(c, sql, "series.action", { roundId: id, details: { change: "action-added", target: input.target.id, status: input.status } });
      return c.json(created, 201);
    })
    .openapi(updateActionRoute, async (c) => {
      const { id, actionId } = c.req.valid("param");
      const input = c.req.valid("json");
      const updated = await actions.update(id, actionId, input, invitations.clock());
      await audit(c, sql, "series.action", { roundId: id, details: { change: "action-changed", ...(input.status ? { status: input.status } : {}) } });
      return c.json(updated, 200);
    });
}
