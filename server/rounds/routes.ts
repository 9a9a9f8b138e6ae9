import { createRoute, z } from "@hono/zod-openapi";
import { canSeeGroup, forbidden, principalOf, requireRole, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { listRounds } from "./queries.ts";
import type { Invitations } from "../invitations/service.ts";
import { createdRoundSchema, createRound, roundCreateSchema, roundState, roundStateSchema } from "./service.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody } from "../lib/openapi.ts";
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
        createdAt: z.iso.datetime(),
        counts: z.object({ respondents: z.number().int(), drafts: z.number().int(), submitted: z.number().int() }),
      })
      .openapi("RoundSummary"),
  ),
});
export type RoundList = z.infer<typeof roundListSchema>;

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["rounds"],
  summary: "Rounds with respondent and response counts (a teamleader's: their own teams')",
  security: adminSecurity,
  middleware: requireRole("admin", "teamleader", "viewer"),
  responses: { 200: json(roundListSchema, "Rounds, newest first") },
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
  return apiRoutes<AuthEnv>()
    .openapi(listRoute, async (c) => {
      const principal = principalOf(c);
      const rounds = (await listRounds(sql)).filter((r) => canSeeGroup(principal, r.group_name));
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
    });
}
