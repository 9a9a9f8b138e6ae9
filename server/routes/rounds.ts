import { Hono } from "hono";
import type { Sql } from "../db/connect.ts";
import { listRounds } from "../db/rounds.ts";
import { roundState } from "../respond.ts";
import { createRound, roundCreateSchema } from "../rounds.ts";
import { valid } from "../validate.ts";

export function roundRoutes(sql: Sql, publicUrl: string) {
  return new Hono()
    .get("/", async (c) => {
      const rounds = await listRounds(sql);
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
          createdAt: r.created_at.toISOString(),
          counts: { respondents: r.respondents, drafts: r.drafts, submitted: r.submitted },
        })),
      });
    })
    .post("/", valid("json", roundCreateSchema), async (c) => {
      const created = await createRound(sql, c.req.valid("json"), publicUrl);
      c.header("Cache-Control", "no-store");
      return c.json(created, 201);
    });
}
