// One series as its page shows it: the cadence, when the next round is due, and each round with
// its dates, response rate and (when the scan version changed) which items stay comparable.
import { compareItems, type ItemComparison } from "../../dsl/compare.ts";
import type { Sql } from "../db/connect.ts";
import { notFound } from "../lib/errors.ts";
import type { LoadCompiled } from "../reports/round-report.ts";
import { roundState } from "../rounds/service.ts";

const dayMs = 86_400_000;

export interface SeriesRoundSummary {
  id: string;
  title: string;
  opensAt: string;
  closesAt: string;
  state: "open" | "closed" | "not-yet-open";
  version: number;
  respondents: number;
  submitted: number;
  /** submitted / respondents; null for rounds without invited respondents (open links). */
  responseRate: number | null;
  /** Null for the first round and when the scan version stayed the same. */
  sincePrevious: { fromVersion: number; toVersion: number; items: (ItemComparison & { title: string })[] } | null;
}

export interface SeriesDetail {
  series: {
    id: string;
    title: string;
    scanId: string;
    scanTitle: string;
    group: string;
    cadenceMinDays: number;
    cadenceMaxDays: number;
    roundDays: number;
    autoOpen: boolean;
    /** The next round is due from `nextDueAt`, at the latest by `latestDueAt`. */
    nextDueAt: string | null;
    latestDueAt: string | null;
    due: boolean;
    /** False while the last round has not opened yet (a next round is already planned). */
    canOpenNext: boolean;
  };
  rounds: SeriesRoundSummary[];
}

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
