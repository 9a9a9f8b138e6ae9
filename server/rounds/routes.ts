import { Hono } from "hono";
import { canSeeGroup, forbidden, principalOf, requireRole, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { listRounds } from "./queries.ts";
import type { Invitations } from "../invitations/service.ts";
import { createRound, roundCreateSchema, roundState } from "./service.ts";
import { valid } from "../lib/request-validator.ts";

export function roundRoutes(sql: Sql, publicUrl: string, invitations?: Invitations) {
  return new Hono<AuthEnv>()
    .get("/", requireRole("admin", "teamleader", "viewer"), async (c) => {
      const principal = principalOf(c);
      const rounds = (await listRounds(sql)).filter((r) => canSeeGroup(principal, r.group_name));
      return c.json({
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
      });
    })
    .post("/", requireRole("admin", "teamleader"), valid("json", roundCreateSchema), async (c) => {
      const input = c.req.valid("json");
      // A teamleader opens rounds for their own teams only.
      if (!canSeeGroup(principalOf(c), input.group)) throw forbidden();
      const created = await createRound(sql, input, publicUrl, invitations);
      c.header("Cache-Control", "no-store");
      return c.json(created, 201);
    });
}
