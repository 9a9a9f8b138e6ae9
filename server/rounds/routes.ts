import { createRoute, z } from "@hono/zod-openapi";
import { canSeeGroup, forbidden, principalOf, requireRole, requireRoundAccess, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { listRounds } from "./queries.ts";
import type { Invitations } from "../invitations/service.ts";
import { createdRoundSchema, createRound, roundCreateSchema, roundState, roundStateSchema } from "./service.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody, notFoundAs } from "../lib/openapi.ts";
import {
  archive,
  changeRound,
  closeNow,
  deletedRoundSchema,
  deleteRound,
  reopen,
  reopenSchema,
  roundChangeSchema,
  roundDetail,
  roundDetailSchema,
} from "./lifecycle.ts";
import { audit } from "../audit/record.ts";

export const roundListSchema = z.object({
  rounds: z.array(
    z
      .object({
        id: z.uuid(),
        title: z.string(),
        group: z.string(),
        scanId: z.string(),
        scanVersionId: z.number().int(),
        version: z.number().int(),
        opensAt: z.iso.datetime(),
        closesAt: z.iso.datetime(),
        state: roundStateSchema,
        anonymous: z.boolean(),
        allowEdit: z.boolean(),
        minGroupSize: z.number().int(),
        hasOpenLink: z.boolean(),
        seriesId: z.uuid().nullable(),
        archivedAt: z.iso.datetime().nullable(),
        createdAt: z.iso.datetime(),
        counts: z.object({ respondents: z.number().int(), drafts: z.number().int(), submitted: z.number().int() }),
      })
      .openapi("RoundSummary"),
  ),
});
export type RoundList = z.infer<typeof roundListSchema>;

export const roundListQuerySchema = z.object({
  /** `no` (default): the rounds in use; `yes`: only archived rounds; `all`: both. */
  archived: z.enum(["no", "yes", "all"]).default("no"),
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["rounds"],
  summary: "Rounds with respondent and response counts (a teamleader's: their own teams'); archived ones only with `?archived=yes` or `all`",
  security: adminSecurity,
  middleware: requireRole("admin", "teamleader", "viewer"),
  request: { query: roundListQuerySchema },
  responses: { 200: json(roundListSchema, "Rounds, newest first") },
});

const idParam = z.object({ id: z.uuid(notFoundAs("round")) });
const writers = requireRole("admin", "teamleader");
const lifecycleErrors = { 404: errorResponse("No such round, or a teamleader's round of another team.") };

const detailRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["rounds"],
  summary: "One round: dates, state, archive and reopen state, and what deleting it would delete",
  security: adminSecurity,
  request: { params: idParam },
  responses: { 200: json(roundDetailSchema, "Round"), ...lifecycleErrors },
});

const changeRoute = createRoute({
  method: "patch",
  path: "/{id}",
  tags: ["rounds"],
  summary: "Change the title or dates: extend or shorten an open round, move a planned one",
  description:
    "A closed round keeps its dates (409 `round-closed`: reopen it). The close date must be after the opening date and, " +
    "when it changes, in the future (400 naming `closesAt`); an open round with answers keeps its opening date (400 naming `opensAt`).",
  security: adminSecurity,
  middleware: writers,
  request: { params: idParam, body: jsonBody(roundChangeSchema) },
  responses: { 200: json(roundDetailSchema, "The changed round"), 409: errorResponse("The round is closed."), ...lifecycleErrors },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/{id}",
  tags: ["rounds"],
  summary: "Delete the round with its responses, tallies, respondents, kept links, mails, actions and shared results, in one transaction",
  security: adminSecurity,
  middleware: writers,
  request: { params: idParam },
  responses: { 200: json(deletedRoundSchema, "What was deleted"), ...lifecycleErrors },
});

const closeRoute = createRoute({
  method: "post",
  path: "/{id}/close",
  tags: ["rounds"],
  summary: "Close an open round now: no more answers, links become read-only, results appear, kept links are forgotten at once",
  security: adminSecurity,
  middleware: writers,
  request: { params: idParam },
  responses: {
    200: json(z.object({ closedAt: z.iso.datetime(), forgottenLinks: z.number().int(), round: roundDetailSchema }), "Closed"),
    409: errorResponse("`round-closed`: already closed; `round-not-open`: not open yet."),
    ...lifecycleErrors,
  },
});

const reopenRoute = createRoute({
  method: "post",
  path: "/{id}/reopen",
  tags: ["rounds"],
  summary: "Reopen a closed round once, within 14 days of closing, until `closesAt` (at most 14 days ahead)",
  security: adminSecurity,
  middleware: writers,
  request: { params: idParam, body: jsonBody(reopenSchema) },
  responses: {
    200: json(roundDetailSchema, "Reopened"),
    409: errorResponse("Not closed, archived, reopened before, too late (`reopen-too-late`), or the series' next round exists."),
    ...lifecycleErrors,
  },
});

const archiveRoute = createRoute({
  method: "post",
  path: "/{id}/archive",
  tags: ["rounds"],
  summary: "Archive a closed round: hidden from the round list, still reportable",
  security: adminSecurity,
  middleware: writers,
  request: { params: idParam },
  responses: { 200: json(roundDetailSchema, "Archived"), 409: errorResponse("The round is not closed."), ...lifecycleErrors },
});

const unarchiveRoute = createRoute({
  method: "post",
  path: "/{id}/unarchive",
  tags: ["rounds"],
  summary: "Take a round out of the archive",
  security: adminSecurity,
  middleware: writers,
  request: { params: idParam },
  responses: { 200: json(roundDetailSchema, "Back in the list"), ...lifecycleErrors },
});

const createRoundRoute = createRoute({
  method: "post",
  path: "/",
  tags: ["rounds"],
  summary: "Create a round; returns the personal and open links once",
  security: adminSecurity,
  middleware: requireRole("admin", "teamleader"),
  request: { body: jsonBody(roundCreateSchema.openapi("RoundCreate")) },
  responses: {
    201: json(createdRoundSchema, "Created, with links"),
    400: errorResponse("Invalid round: also a minimum group size below the privacy floor (`below-privacy-floor`) or an open link for a team scan (`team-scan-open-link`)."),
    404: errorResponse("Unknown scan or version."),
    409: errorResponse("`team-has-link`: a scan teams answer together gets one link per team."),
  },
});

export function roundRoutes(sql: Sql, publicUrl: string, invitations?: Invitations) {
  // The invitations' clock, so tests that move time move it for the whole round.
  const now = () => invitations?.clock() ?? new Date();
  const app = apiRoutes<AuthEnv>();
  // Another team's round answers 404 to a teamleader, as if it did not exist.
  app.use("/:id", requireRoundAccess(sql));
  return app
    .openapi(listRoute, async (c) => {
      const principal = principalOf(c);
      const { archived } = c.req.valid("query");
      const rounds = (await listRounds(sql))
        .filter((r) => canSeeGroup(principal, r.group_name))
        .filter((r) => archived === "all" || (archived === "yes") === (r.archived_at !== null));
      return c.json(
        {
          rounds: rounds.map((r) => ({
            id: r.id,
            title: r.title,
            group: r.group_name,
            scanId: r.scan_id,
            scanVersionId: r.scan_version_id,
            version: r.version,
            opensAt: r.opens_at.toISOString(),
            closesAt: r.closes_at.toISOString(),
            state: roundState(r),
            anonymous: r.anonymous,
            allowEdit: r.allow_edit,
            minGroupSize: r.min_group_size,
            hasOpenLink: r.has_open_link,
            seriesId: r.series_id,
            archivedAt: r.archived_at?.toISOString() ?? null,
            createdAt: r.created_at.toISOString(),
            counts: { respondents: r.respondents, drafts: r.drafts, submitted: r.submitted },
          })),
        },
        200,
      );
    })
    .openapi(createRoundRoute, async (c) => {
      const input = c.req.valid("json");
      // A teamleader opens rounds for their own teams only.
      if (!canSeeGroup(principalOf(c), input.group)) throw forbidden();
      const created = await createRound(sql, input, publicUrl, invitations);
      const r = created.round;
      await audit(c, sql, "round.create", {
        roundId: r.id,
        details: {
          title: r.title, group: r.group, scan: r.scanId, version: r.version, opensAt: r.opensAt, closesAt: r.closesAt,
          anonymous: r.anonymous, minGroupSize: r.minGroupSize, respondents: created.links.length, openLink: created.openLink !== null,
        },
      });
      c.header("Cache-Control", "no-store");
      return c.json(created, 201);
    })
    .openapi(detailRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await roundDetail(sql, c.req.valid("param").id, now()), 200);
    })
    .openapi(changeRoute, async (c) => {
      const { id } = c.req.valid("param");
      const change = c.req.valid("json");
      await changeRound(sql, id, change, now());
      await audit(c, sql, "round.update", { roundId: id, details: { change: "dates", ...change } });
      return c.json(await roundDetail(sql, id, now()), 200);
    })
    .openapi(deleteRoute, async (c) => {
      const { id } = c.req.valid("param");
      const deleted = await deleteRound(sql, id);
      await audit(c, sql, "round.delete", { roundId: id, details: { ...deleted } });
      return c.json(deleted, 200);
    })
    .openapi(closeRoute, async (c) => {
      const { id } = c.req.valid("param");
      const closed = await closeNow(sql, id, now());
      await audit(c, sql, "round.update", { roundId: id, details: { change: "close", closedAt: closed.closedAt } });
      return c.json({ ...closed, round: await roundDetail(sql, id, now()) }, 200);
    })
    .openapi(reopenRoute, async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      await reopen(sql, id, input, now());
      await audit(c, sql, "round.update", { roundId: id, details: { change: "reopen", closesAt: input.closesAt } });
      return c.json(await roundDetail(sql, id, now()), 200);
    })
    .openapi(archiveRoute, async (c) => {
      const { id } = c.req.valid("param");
      await archive(sql, id, true, now());
      await audit(c, sql, "round.update", { roundId: id, details: { change: "archive" } });
      return c.json(await roundDetail(sql, id, now()), 200);
    })
    .openapi(unarchiveRoute, async (c) => {
      const { id } = c.req.valid("param");
      await archive(sql, id, false, now());
      await audit(c, sql, "round.update", { roundId: id, details: { change: "unarchive" } });
      return c.json(await roundDetail(sql, id, now()), 200);
    });
}
