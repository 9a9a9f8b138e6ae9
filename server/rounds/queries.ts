import type { Queryable } from "../db/connect.ts";

export interface NewRound {
  id: string;
  scanVersionId: number;
  title: string;
  groupName: string;
  opensAt: Date;
  closesAt: Date;
  anonymous: boolean;
  allowEdit: boolean;
  minGroupSize: number;
  openTokenHash: string | null;
}

export interface RoundSummary {
  id: string;
  title: string;
  group_name: string;
  scan_id: string;
  scan_version_id: number;
  version: number;
  opens_at: Date;
  closes_at: Date;
  anonymous: boolean;
  allow_edit: boolean;
  min_group_size: number;
  has_open_link: boolean;
  series_id: string | null;
  archived_at: Date | null;
  created_at: Date;
  respondents: number;
  drafts: number;
  submitted: number;
}

/** What a link token (personal or open) gives access to. */
export interface LinkRow {
  kind: "personal" | "open";
  round_id: string;
  title: string;
  opens_at: Date;
  closes_at: Date;
  anonymous: boolean;
  allow_edit: boolean;
  scan_version_id: number;
  scan_id: string;
  version: number;
  checksum: string;
  respondent_id: string | null;
  team: string | null;
  respondent_status: string | null;
  /** Open links: one response per device (server/respond/open-link.ts); null for personal links. */
  one_per_device: boolean | null;
}

export async function insertRound(
  sql: Queryable, round: NewRound): Promise<void> {
  await sql`
    insert into rounds (
      id, scan_version_id, title, group_name, opens_at, closes_at,
      anonymous, allow_edit, min_group_size, open_token_hash
    )
    values (
      ${round.id}, ${round.scanVersionId}, ${round.title}, ${round.groupName},
      ${round.opensAt}, ${round.closesAt}, ${round.anonymous}, ${round.allowEdit},
      ${round.minGroupSize}, ${round.openTokenHash}
    )
  `;
}

export async function listRounds(sql: Queryable): Promise<RoundSummary[]> {
  return sql<RoundSummary[]>`
    select
      r.id,
      r.title,
      r.group_name,
      v.scan_id,
      r.scan_version_id,
      v.version,
      r.opens_at,
      r.closes_at,
      r.anonymous,
      r.allow_edit,
      r.min_group_size,
      r.open_token_hash is not null as has_open_link,
      r.series_id,
      r.archived_at,
      r.created_at,
      (select count(*)::int from respondents p where p.round_id = r.id) as respondents,
      (select count(*)::int from responses s where s.round_id = r.id and s.status = 'draft') as drafts,
      (select count(*)::int from responses s where s.round_id = r.id and s.status = 'submitted')
        as submitted
    from rounds r
    join scan_versions v on v.id = r.scan_version_id
    order by r.created_at desc, r.id
  `;
}

export async function findLink(
  sql: Queryable, tokenHash: string): Promise<LinkRow | undefined> {
  const [row] = await sql<LinkRow[]>`
    select
      'personal' as kind,
      r.id as round_id, r.title, r.opens_at, r.closes_at, r.anonymous, r.allow_edit,
      r.scan_version_id, v.scan_id, v.version, v.checksum,
      p.id as respondent_id, p.team, p.status as respondent_status, null::boolean as one_per_device
    from respondents p
    join rounds r on r.id = p.round_id
    join scan_versions v on v.id = r.scan_version_id
    where p.token_hash = ${tokenHash}
    union all
    select
      'open' as kind,
      r.id, r.title, r.opens_at, r.closes_at, r.anonymous, r.allow_edit,
      r.scan_version_id, v.scan_id, v.version, v.checksum,
      null::uuid, null::text, null::text, r.open_link_one_per_device
    from rounds r
    join scan_versions v on v.id = r.scan_version_id
    where r.open_token_hash = ${tokenHash}
  `;
  return row;
}

/** A round's group, for deciding who may see it. */
export async function findRoundGroup(sql: Queryable, roundId: string): Promise<string | undefined> {
  const [row] = await sql<{ group_name: string }[]>`
    select group_name
    from rounds
    where id = ${roundId}
  `;
  return row?.group_name;
}
