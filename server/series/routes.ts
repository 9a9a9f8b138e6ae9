import { Hono, type Context } from "hono";
import { z } from "zod";
import { compareItems } from "../../dsl/compare.ts";
import { actionCreateSchema, actionUpdateSchema, ActionService } from "./actions.ts";
import { canSeeGroup, principalOf, requireRole, requireRoundAccess, teamScope, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { findReportRound, previousRound } from "../reports/tallies.ts";
import { notFound } from "../lib/errors.ts";
import type { Invitations } from "../invitations/service.ts";
import { compiledLoader } from "../reports/round-report.ts";
import { seriesDetail } from "./detail.ts";
import { seriesCreateSchema, SeriesService } from "./service.ts";
import { valid, validParam } from "../lib/request-validator.ts";

const idParam = z.object({ id: z.uuid() });
const actionParam = z.object({ id: z.uuid(), actionId: z.uuid() });

/** Series of repeated rounds. Mounted at /api/admin/series. */
export function seriesRoutes(sql: Sql, series: SeriesService) {
  const load = compiledLoader(sql);
  const seriesAccess = async (c: Context, id: string) => {
    const [row] = await sql<{ group_name: string }[]>`select group_name from series where id = ${id}`;
    if (!row || !canSeeGroup(principalOf(c), row.group_name)) throw notFound("series");
  };
  return new Hono<AuthEnv>()
    .get("/", async (c) => {
      const scope = teamScope(principalOf(c));
      const rows = await sql<Record<string, unknown>[]>`
        select s.id, s.title, s.scan_id as "scanId", s.group_name as "group", s.cadence_min_days as "cadenceMinDays",
               s.cadence_max_days as "cadenceMaxDays", s.round_days as "roundDays", s.auto_open as "autoOpen",
               l.id as "lastRoundId", l.opens_at as "lastOpensAt",
               l.opens_at + make_interval(days => s.cadence_min_days) as "nextDueAt"
        from series s
        left join lateral (select id, opens_at from rounds r where r.series_id = s.id order by opens_at desc limit 1) l on true
        where ${scope === null ? sql`true` : sql`s.group_name = any(${scope})`}
        order by s.created_at desc
      `;
      return c.json({ series: rows });
    })
    .post("/", requireRole("admin", "teamleader"), valid("json", seriesCreateSchema), async (c) => {
      const input = c.req.valid("json");
      const group = await sql<{ group_name: string }[]>`select group_name from rounds where id = ${input.roundId}`;
      if (!group[0] || !canSeeGroup(principalOf(c), group[0].group_name)) throw notFound("round");
      return c.json(await series.create(input), 201);
    })
    .get("/:id", validParam(idParam, "series"), async (c) => {
      await seriesAccess(c as unknown as Context, c.req.valid("param").id);
      c.header("Cache-Control", "no-store");
      return c.json(await seriesDetail(sql, c.req.valid("param").id, load, series.clock()));
    })
    .post("/:id/open-next", requireRole("admin", "teamleader"), validParam(idParam, "series"), async (c) => {
      await seriesAccess(c as unknown as Context, c.req.valid("param").id);
      const opened = await series.openNext(c.req.valid("param").id);
      return c.json(opened, 201);
    });
}

/** Comparability and actions of a round. Mounted at /api/admin/rounds next to the round routes. */
export function roundActionRoutes(sql: Sql, invitations: Invitations) {
  const actions = new ActionService(sql);
  const load = compiledLoader(sql);
  const round = validParam(idParam, "round");
  return new Hono<AuthEnv>()
    .use("/:id/*", requireRoundAccess(sql))
    .get("/:id/comparability", round, async (c) => {
      const row = await findReportRound(sql, c.req.valid("param").id);
      if (!row) throw notFound("round");
      const prev = await previousRound(sql, row);
      if (!prev) return c.json({ previousRound: null, sameVersion: null, items: [] });
      const [before, after] = await Promise.all([load(prev.scan_version_id), load(row.scan_version_id)]);
      return c.json({
        previousRound: { id: prev.id, title: prev.title, version: prev.version },
        sameVersion: prev.scan_version_id === row.scan_version_id,
        items: compareItems(before.model, after.model),
      });
    })
    .get("/:id/actions", round, async (c) => c.json({ actions: await actions.list(c.req.valid("param").id) }))
    .get("/:id/actions/follow-up", round, async (c) => c.json(await actions.followUp(c.req.valid("param").id)))
    .post("/:id/actions", requireRole("admin", "teamleader"), round, valid("json", actionCreateSchema), async (c) =>
      c.json(await actions.create(c.req.valid("param").id, c.req.valid("json"), invitations.clock()), 201),
    )
    .patch("/:id/actions/:actionId", requireRole("admin", "teamleader"), validParam(actionParam, "action"), valid("json", actionUpdateSchema), async (c) => {
      const { id, actionId } = c.req.valid("param");
      return c.json(await actions.update(id, actionId, c.req.valid("json"), invitations.clock()));
    });
}

