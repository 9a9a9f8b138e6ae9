// Report statistics, computed in SQL. Numeric answers come from `answer_tallies`: new submissions
// are folded in when a report asks (foldTallies; migrations 010, 040 and 050), and each count is
// split over 16 shards, summed here. Choices and open answers are grouped from `answers` directly.
import type { Queryable as Sql } from "../db/connect.ts";

/** Rows are per team; `team` null means "no team". */
export interface TallyRow {
  team: string | null;
  item_id: string;
  side: "current" | "desired" | null;
  value: string;
  count: number;
}

export interface GroupSizeRow {
  team: string | null;
  responses: number;
  invited: number;
  /** Responses submitted (new or changed) since the round was reopened; 0 if it never was. */
  changed: number;
}

export interface OpenAnswerRow {
  team: string | null;
  item_id: string;
  value_text: string;
}

export interface ReportRoundRow {
  id: string;
  title: string;
  group_name: string;
  opens_at: Date;
  closes_at: Date;
  anonymous: boolean;
  min_group_size: number;
  /** The organisation's privacy floor now (settings); reports use the larger of the two. */
  privacy_floor: number;
  series_id: string | null;
  reopened_at: Date | null;
  scan_version_id: number;
  scan_id: string;
  version: number;
  checksum: string;
}

const roundColumns = (sql: Sql) => sql`
  r.id, r.title, r.group_name, r.opens_at, r.closes_at, r.anonymous, r.min_group_size,
  (select s.min_group_size from settings s) as privacy_floor,
  r.series_id, r.reopened_at, r.scan_version_id, v.scan_id, v.version, v.checksum
`;

export async function findReportRound(sql: Sql, roundId: string): Promise<ReportRoundRow | undefined> {
  const [row] = await sql<ReportRoundRow[]>`
    select ${roundColumns(sql)}
    from rounds r
    join scan_versions v on v.id = r.scan_version_id
    where r.id = ${roundId}
  `;
  return row;
}

/**
 * The rounds of a round's series, oldest first. A series is the rounds sharing `series_id`; a
 * round without one belongs to the rounds of the same scan and group that have none either.
 */
export async function seriesRounds(sql: Sql, round: ReportRoundRow): Promise<ReportRoundRow[]> {
  return sql<ReportRoundRow[]>`
    select ${roundColumns(sql)}
    from rounds r
    join scan_versions v on v.id = r.scan_version_id
    where ${
      round.series_id
        ? sql`r.series_id = ${round.series_id}`
        : sql`r.series_id is null and v.scan_id = ${round.scan_id} and r.group_name = ${round.group_name}`
    }
    order by r.opens_at, r.created_at, r.id
  `;
}

/** The round before this one in its series, if any. */
export async function previousRound(sql: Sql, round: ReportRoundRow): Promise<ReportRoundRow | undefined> {
  const rounds = await seriesRounds(sql, round);
  const at = rounds.findIndex((r) => r.id === round.id);
  return at > 0 ? rounds[at - 1] : undefined;
}

/** Submitted responses and invited respondents per team, and responses changed since `reopenedAt`. */
export async function groupSizes(sql: Sql, roundId: string, reopenedAt: Date | null = null): Promise<GroupSizeRow[]> {
  return sql<GroupSizeRow[]>`
    select team, sum(responses)::int as responses, sum(invited)::int as invited, sum(changed)::int as changed
    from (
      select nullif(team, '') as team, count(*) as responses, 0 as invited,
        ${reopenedAt === null ? sql`0` : sql`count(*) filter (where submitted_at >= ${reopenedAt})`} as changed
      from responses
      where round_id = ${roundId} and status = 'submitted'
      group by 1
      union all
      select nullif(team, ''), 0, count(*), 0
      from respondents
      where round_id = ${roundId}
      group by 1
    ) s
    group by team
    order by team nulls first
  `;
}

/**
 * Counts the submitted responses of these rounds that the tallies do not hold yet (submits do
 * not touch the tallies, see migration 050). The first statement locks those responses and
 * marks them; the second, with a fresh snapshot, reads their answers, so a re-submit that held
 * a lock first is counted with its new answers. Two folds at once wait for each other's rows.
 */
export async function foldTallies(sql: Sql, roundIds: readonly string[]): Promise<number> {
  if (roundIds.length === 0) return 0;
  const fold = async (tx: Sql) => {
    const marked = await tx<{ id: string }[]>`
      update responses set tallied = true
      where round_id in ${tx(roundIds)} and status = 'submitted' and not tallied
      returning id
    `;
    if (marked.length === 0) return 0;
    const ids = marked.map((r) => r.id);
    await tx`
      insert into answer_tallies as t (round_id, team, item_id, side, value_num, shard, count)
      select r.round_id, coalesce(r.team, ''), a.item_id, a.side, a.value_num, tally_shard(r.id), count(*)
      from responses r
      cross join lateral tally_values(r.scan_version_id, r.num_items, r.num_sides, r.num_values) a
      where r.id in ${tx(ids)}
      group by 1, 2, 3, 4, 5, 6
      order by 1, 2, 3, 4, 5, 6
      on conflict (round_id, team, item_id, side, value_num, shard)
      do update set count = t.count + excluded.count
    `;
    return ids.length;
  };
  return "begin" in sql ? sql.begin((tx) => fold(tx)) : fold(sql);
}

/** Value counts per team, item and side for numeric answers, from the tallies. */
export async function numericTallies(sql: Sql, roundIds: readonly string[]): Promise<(TallyRow & { round_id: string })[]> {
  if (roundIds.length === 0) return [];
  await foldTallies(sql, roundIds);
  return sql<(TallyRow & { round_id: string })[]>`
    select round_id, nullif(team, '') as team, item_id, nullif(side, '') as side,
      value_num::text as value, sum(count)::int as count
    from answer_tallies
    where round_id in ${sql(roundIds)} and side in ('', 'current', 'desired')
    group by round_id, team, item_id, side, value_num
    having sum(count) > 0
    order by round_id, team, item_id, side, value_num
  `;
}

/** A pair item's or theme's "wants more" counts (migration 121), per team; value is −1, 0 or 1. */
export interface WantsMoreRow {
  round_id: string;
  team: string | null;
  /** 'more' for a statement, 'theme-more' for a theme. */
  side: "more" | "theme-more";
  item_id: string;
  value: number;
  count: number;
}

/** Desired − current per response, as counts of its sign per team and pair item or theme. */
export async function wantsMoreTallies(sql: Sql, roundIds: readonly string[]): Promise<WantsMoreRow[]> {
  if (roundIds.length === 0) return [];
  await foldTallies(sql, roundIds);
  return sql<WantsMoreRow[]>`
    select round_id, nullif(team, '') as team, side, item_id, value_num as value, sum(count)::int as count
    from answer_tallies
    where round_id in ${sql(roundIds)} and side in ('more', 'theme-more')
    group by round_id, team, side, item_id, value_num
    having sum(count) > 0
    order by round_id, team, side, item_id, value_num
  `;
}

/**
 * The same counts grouped straight from `answers`: the reference the tallies are checked
 * against, and the "bare GROUP BY" floor of the report benchmark.
 */
export async function numericTalliesFromAnswers(sql: Sql, roundId: string): Promise<TallyRow[]> {
  return sql<TallyRow[]>`
    select nullif(a.team, '') as team, a.item_id, a.side, a.value_num::text as value, count(*)::int as count
    from answers a
    where a.round_id = ${roundId} and a.value_num is not null
    group by 1, 2, 3, a.value_num
    order by 1 nulls first, 2, 3, a.value_num
  `;
}

/** Value counts per team for choice, multi and yes/no items (stored as text). */
export async function choiceTallies(sql: Sql, roundId: string, itemIds: readonly string[]): Promise<TallyRow[]> {
  if (itemIds.length === 0) return [];
  return sql<TallyRow[]>`
    select nullif(a.team, '') as team, a.item_id, a.side, a.value_text as value, count(*)::int as count
    from answers a
    where a.round_id = ${roundId} and a.item_id in ${sql(itemIds)} and a.value_text is not null
    group by 1, 2, 3, 4
    order by 1 nulls first, 2, 3, 4
  `;
}

/** Respondents who answered each of these (multiple-choice) items, per team. */
export async function answeredCounts(
  sql: Sql,
  roundId: string,
  itemIds: readonly string[],
): Promise<{ team: string | null; item_id: string; count: number }[]> {
  if (itemIds.length === 0) return [];
  return sql<{ team: string | null; item_id: string; count: number }[]>`
    select nullif(a.team, '') as team, a.item_id, count(distinct a.response_id)::int as count
    from answers a
    where a.round_id = ${roundId} and a.item_id in ${sql(itemIds)} and a.value_text is not null
    group by 1, 2
  `;
}

/** Free-text answers per team, in a stable order that does not follow submission order. */
export async function openAnswers(sql: Sql, roundId: string, itemIds: readonly string[]): Promise<OpenAnswerRow[]> {
  if (itemIds.length === 0) return [];
  return sql<OpenAnswerRow[]>`
    select nullif(a.team, '') as team, a.item_id, a.value_text
    from answers a
    where a.round_id = ${roundId} and a.item_id in ${sql(itemIds)}
      and a.value_text is not null and a.value_text <> ''
    order by 1 nulls first, 2, md5(a.value_text), a.value_text
  `;
}

/** One response's own numeric and text answers (for the respondent's own view). */
export async function responseAnswers(
  sql: Sql,
  responseId: string,
): Promise<{ item_id: string; side: "current" | "desired" | null; value_num: number | null; value_text: string | null }[]> {
  return sql`
    select item_id, side, value_num, value_text
    from answers
    where response_id = ${responseId}
    order by item_id, side, value_text
  `;
}

/**
 * Recomputes a round's tallies from its answers in one GROUP BY: after a bulk load that bypassed
 * the triggers, or to repair. Run in a transaction so reports never see a half-built tally.
 */
export async function rebuildTallies(sql: Sql, roundId: string): Promise<void> {
  await sql`delete from answer_tallies where round_id = ${roundId}`;
  await sql`update responses set tallied = (status = 'submitted') where round_id = ${roundId}`;
  await sql`
    insert into answer_tallies (round_id, team, item_id, side, value_num, shard, count)
    select r.round_id, coalesce(r.team, ''), a.item_id, a.side, a.value_num, tally_shard(r.id), count(*)
    from responses r
    cross join lateral tally_values(r.scan_version_id, r.num_items, r.num_sides, r.num_values) a
    where r.round_id = ${roundId} and r.status = 'submitted'
    group by 1, 2, 3, 4, 5, 6
  `;
}
