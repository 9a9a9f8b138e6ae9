// One series as its page shows it: the cadence, when the next round is due, and each round with
// its dates, response rate and (when the scan version changed) which items stay comparable.
import { z } from "@hono/zod-openapi";
import { compareItems } from "../../dsl/compare.ts";
import type { Sql } from "../db/connect.ts";
import { notFound } from "../lib/errors.ts";
import type { LoadCompiled } from "../reports/round-report.ts";
import { roundState, roundStateSchema } from "../rounds/service.ts";
import { itemComparisonSchema } from "../scans/schemas.ts";

const dayMs = 86_400_000;

export const seriesRoundSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  state: roundStateSchema,
  version: z.number().int(),
  respondents: z.number().int(),
  submitted: z.number().int(),
  responseRate: z
    .number()
    .nullable()
    .openapi({ description: "submitted / respondents; null for rounds without invited respondents (open links)." }),
  sincePrevious: z
    .object({
      fromVersion: z.number().int(),
      toVersion: z.number().int(),
      items: z.array(z.intersection(itemComparisonSchema, z.object({ title: z.string() }))),
    })
    .nullable()
    .openapi({ description: "Null for the first round and when the scan version stayed the same." }),
});
export type SeriesRoundSummary = z.infer<typeof seriesRoundSummarySchema>;

export const seriesDetailSchema = z
  .object({
    series: z.object({
      id: z.uuid(),
      title: z.string(),
      scanId: z.string(),
      scanTitle: z.string(),
      group: z.string(),
      cadenceMinDays: z.number().int(),
      cadenceMaxDays: z.number().int(),
      roundDays: z.number().int(),
      autoOpen: z.boolean(),
      nextDueAt: z.iso.datetime().nullable().openapi({ description: "The next round is due from `nextDueAt`, at the latest by `latestDueAt`." }),
      latestDueAt: z.iso.datetime().nullable(),
      due: z.boolean(),
      canOpenNext: z.boolean().openapi({ description: "False while the last round has not opened yet (a next round is already planned)." }),
    }),
    rounds: z.array(seriesRoundSummarySchema),
  })
  .openapi("SeriesDetail");
export type SeriesDetail = z.infer<typeof seriesDetailSchema>;

export async function seriesDetail(sql: Sql, id: string, load: LoadCompiled, now: Date): Promise<SeriesDetail> {
  const [s] = await sql<
    { id: string; title: string; scan_id: string; scan_title: string; group_name: string; cadence_min_days: number; cadence_max_days: number; round_days: number; auto_open: boolean }[]
  >`
    select s.id, s.title, s.scan_id, c.title as scan_title, s.group_name, s.cadence_min_days, s.cadence_max_days, s.round_days, s.auto_open
    from series s join scans c on c.id = s.scan_id
    where s.id = ${id}
  `;
  if (!s) throw notFound("series");
  const rows = await sql<
    { id: string; title: string; opens_at: Date; closes_at: Date; scan_version_id: number; version: number; respondents: number; submitted: number }[]
  >`
    select r.id, r.title, r.opens_at, r.closes_at, r.scan_version_id, v.version,
           (select count(*)::int from respondents p where p.round_id = r.id) as respondents,
           (select count(*)::int from responses x where x.round_id = r.id and x.status = 'submitted') as submitted
    from rounds r join scan_versions v on v.id = r.scan_version_id
    where r.series_id = ${id}
    order by r.opens_at, r.created_at, r.id
  `;
  const rounds: SeriesRoundSummary[] = [];
  for (const [i, r] of rows.entries()) {
    const prev = i > 0 ? rows[i - 1]! : null;
    let sincePrevious: SeriesRoundSummary["sincePrevious"] = null;
    if (prev && prev.scan_version_id !== r.scan_version_id) {
      const [before, after] = await Promise.all([load(prev.scan_version_id), load(r.scan_version_id)]);
      const title = (item: string) =>
        (after.model.items.find((i) => i.id === item) ?? before.model.items.find((i) => i.id === item))?.title.nl ?? item;
      const items = compareItems(before.model, after.model).map((c) => ({ ...c, title: title(c.item) }));
      sincePrevious = { fromVersion: prev.version, toVersion: r.version, items };
    }
    rounds.push({
      id: r.id,
      title: r.title,
      opensAt: r.opens_at.toISOString(),
      closesAt: r.closes_at.toISOString(),
      state: roundState(r, now),
      version: r.version,
      respondents: r.respondents,
      submitted: r.submitted,
      responseRate: r.respondents > 0 ? Math.round((r.submitted / r.respondents) * 1000) / 1000 : null,
      sincePrevious,
    });
  }
  const last = rows[rows.length - 1];
  const nextDue = last ? new Date(last.opens_at.getTime() + s.cadence_min_days * dayMs) : null;
  const latestDue = last ? new Date(last.opens_at.getTime() + s.cadence_max_days * dayMs) : null;
  return {
    series: {
      id: s.id,
      title: s.title,
      scanId: s.scan_id,
      scanTitle: s.scan_title,
      group: s.group_name,
      cadenceMinDays: s.cadence_min_days,
      cadenceMaxDays: s.cadence_max_days,
      roundDays: s.round_days,
      autoOpen: s.auto_open,
      nextDueAt: nextDue?.toISOString() ?? null,
      latestDueAt: latestDue?.toISOString() ?? null,
      due: nextDue !== null && nextDue <= now,
      canOpenNext: last !== undefined && last.opens_at <= now,
    },
    rounds,
  };
}
