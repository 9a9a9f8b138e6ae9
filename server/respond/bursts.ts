// Bursts of responses through an open link, for the report: many submitted close together, as
// one client sending answer after answer would (issue 11, finding 4). An admin looks at them
// (how many, how many different answer sets) and may exclude one: its responses move out of
// `responses` into `excluded_responses` (migration 094), so every report, export and tally
// leaves them out; putting it back moves them back.
import { randomUUID } from "node:crypto";
import { z } from "@hono/zod-openapi";
import type { Queryable, Sql } from "../db/connect.ts";
import { AppError } from "../lib/errors.ts";

/** Responses submitted at most this far apart belong to one run. */
export const burstGapSeconds = 60;
/** A run of at least this many responses is shown as a burst. */
export const burstMinResponses = 10;

export const burstSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    responses: z.number().int(),
    answerSets: z.number().int().openapi({ description: "Different answer sets among them: one client repeating itself gives few." }),
  })
  .openapi("OpenLinkBurst");

export const exclusionSchema = z
  .object({ id: z.uuid(), from: z.iso.datetime(), to: z.iso.datetime(), responses: z.number().int(), createdAt: z.iso.datetime() })
  .openapi("OpenLinkExclusion");

/**
 * Runs of open-link responses submitted at most `burstGapSeconds` apart, with at least
 * `burstMinResponses` in them, oldest first.
 */
export async function findBursts(sql: Queryable, roundId: string): Promise<z.infer<typeof burstSchema>[]> {
  const rows = await sql<{ from_at: Date; to_at: Date; responses: number; answer_sets: number }[]>`
    with submitted as (
      select submitted_at, data,
        case when submitted_at - lag(submitted_at) over (order by submitted_at, id)
          <= make_interval(secs => ${burstGapSeconds}) then 0 else 1 end as starts
      from responses
      where round_id = ${roundId} and open_link and status = 'submitted'
    ),
    runs as (
      select submitted_at, data, sum(starts) over (order by submitted_at rows unbounded preceding) as run
      from submitted
    )
    select min(submitted_at) as from_at, max(submitted_at) as to_at, count(*)::int as responses,
      count(distinct data)::int as answer_sets
    from runs
    group by run
    having count(*) >= ${burstMinResponses}
    order by min(submitted_at)
  `;
  return rows.map((r) => ({ from: r.from_at.toISOString(), to: r.to_at.toISOString(), responses: r.responses, answerSets: r.answer_sets }));
}

export async function listExclusions(sql: Queryable, roundId: string): Promise<z.infer<typeof exclusionSchema>[]> {
  const rows = await sql<{ id: string; from_at: Date; to_at: Date; responses: number; created_at: Date }[]>`
    select id, from_at, to_at, responses, created_at from open_link_exclusions where round_id = ${roundId} order by from_at
  `;
  return rows.map((r) => ({
    id: r.id,
    from: r.from_at.toISOString(),
    to: r.to_at.toISOString(),
    responses: r.responses,
    createdAt: r.created_at.toISOString(),
  }));
}

/** Moves the open-link responses submitted from `from` to `to` (inclusive) out of the results. */
export async function exclude(sql: Sql, roundId: string, from: Date, to: Date): Promise<number> {
  return sql.begin(async (tx) => {
    const id = randomUUID();
    await tx`
      insert into open_link_exclusions (id, round_id, from_at, to_at, responses)
      values (${id}, ${roundId}, ${from}, ${to}, 0)
    `;
    const moved = await tx`
      with gone as (
        delete from responses
        where round_id = ${roundId} and open_link and status = 'submitted'
          -- times travel in milliseconds; the database keeps microseconds
          and submitted_at >= ${from} and submitted_at < ${new Date(to.getTime() + 1)}
        returning *
      )
      insert into excluded_responses (response_id, exclusion_id, response)
      select gone.id, ${id}, to_jsonb(gone) from gone
    `;
    if (moved.count === 0) {
      throw new AppError(409, "nothing-to-exclude", "no open-link responses were submitted in that period");
    }
    await tx`update open_link_exclusions set responses = ${moved.count} where id = ${id}`;
    return moved.count;
  });
}

/**
 * Puts an exclusion's responses back, to be counted again. One whose browser answered again
 * meanwhile (one response per device) stays excluded. Returns how many came back.
 */
export async function restore(sql: Sql, roundId: string, exclusionId: string): Promise<number> {
  return sql.begin(async (tx) => {
    const [exclusion] = await tx`select id from open_link_exclusions where id = ${exclusionId} and round_id = ${roundId} for update`;
    if (!exclusion) throw new AppError(404, "not-found", "exclusion not found");
    const back = await tx<{ id: string }[]>`
      insert into responses
      select (jsonb_populate_record(null::responses, e.response || '{"tallied": false}'::jsonb)).*
      from excluded_responses e
      where e.exclusion_id = ${exclusionId}
      on conflict do nothing
      returning id
    `;
    await tx`delete from excluded_responses where exclusion_id = ${exclusionId} and response_id = any(${back.map((r) => r.id)}::uuid[])`;
    const [left] = await tx<{ n: number }[]>`select count(*)::int as n from excluded_responses where exclusion_id = ${exclusionId}`;
    if (left!.n === 0) await tx`delete from open_link_exclusions where id = ${exclusionId}`;
    else await tx`update open_link_exclusions set responses = ${left!.n} where id = ${exclusionId}`;
    return back.length;
  });
}
