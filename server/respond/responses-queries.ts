import type { AnswerArrays, Answers } from "./answer-validator.ts";
import type { Queryable } from "../db/connect.ts";

export type ResponseStatus = "draft" | "submitted";

/**
 * Who may read and write a response. A personal link in a named round owns it by respondent id;
 * an anonymous personal link or an open link by `sha256("response:" + token)` only.
 */
export interface Owner {
  roundId: string;
  scanVersionId: number;
  respondentId: string | null;
  ownerHash: string | null;
  openLink: boolean;
  team: string | null;
  /** Open links with one response per device: the device's hash (server/respond/open-link.ts). */
  deviceHash: string | null;
}

export interface ResponseRow {
  id: string;
  round_id: string;
  respondent_id: string | null;
  owner_hash: string | null;
  open_link: boolean;
  status: ResponseStatus;
  data: Answers;
  updated_at: Date;
  submitted_at: Date | null;
}

export function owns(owner: Owner, row: ResponseRow): boolean {
  return (
    row.round_id === owner.roundId &&
    row.respondent_id === owner.respondentId &&
    row.owner_hash === owner.ownerHash &&
    row.open_link === owner.openLink
  );
}

/** The response a link may show: an open link only with the id its browser remembers. */
export async function findOwned(
  sql: Queryable,
  owner: Owner,
  responseId: string | undefined,
): Promise<ResponseRow | undefined> {
  if (owner.respondentId) {
    const [row] = await sql<ResponseRow[]>`
      select id, round_id, respondent_id, owner_hash, open_link, status, data, updated_at, submitted_at
      from responses
      where respondent_id = ${owner.respondentId}
    `;
    return row;
  }
  if (!owner.openLink) {
    const [row] = await sql<ResponseRow[]>`
      select id, round_id, respondent_id, owner_hash, open_link, status, data, updated_at, submitted_at
      from responses
      where owner_hash = ${owner.ownerHash} and not open_link
    `;
    return row;
  }
  if (owner.deviceHash) {
    const [row] = await sql<ResponseRow[]>`
      select id, round_id, respondent_id, owner_hash, open_link, status, data, updated_at, submitted_at
      from responses
      where round_id = ${owner.roundId} and device_hash = ${owner.deviceHash}
    `;
    if (row) return row;
  }
  if (!responseId) return undefined;
  const [row] = await sql<ResponseRow[]>`
    select id, round_id, respondent_id, owner_hash, open_link, status, data, updated_at, submitted_at
    from responses
    where id = ${responseId} and owner_hash = ${owner.ownerHash} and open_link
  `;
  return row;
}

export async function lockById(
  sql: Queryable, responseId: string): Promise<ResponseRow | undefined> {
  const [row] = await sql<ResponseRow[]>`
    select id, round_id, respondent_id, owner_hash, open_link, status, data, updated_at, submitted_at
    from responses
    where id = ${responseId}
    for update
  `;
  return row;
}

/**
 * The common case of a submit: a new response with its answers, and the respondent's status, in
 * one statement (one round trip, atomic). Returns undefined, having changed nothing, when the
 * response id already exists; the caller then takes the transactional path.
 */
export async function insertSubmitted(
  sql: Queryable,
  owner: Owner,
  responseId: string,
  data: Answers,
  a: AnswerArrays,
  respondent: { id: string; anonymous: boolean } | null,
): Promise<{ submitted_at: Date } | undefined> {
  const insert = sql<{ submitted_at: Date }[]>`
    insert into responses (
      id, round_id, scan_version_id, respondent_id, owner_hash, open_link, team, device_hash,
      status, data, submitted_at, num_items, num_sides, num_values, text_items, text_sides,
      text_values
    )
    values (
      ${responseId}, ${owner.roundId}, ${owner.scanVersionId}, ${owner.respondentId},
      ${owner.ownerHash}, ${owner.openLink}, ${owner.team}, ${owner.deviceHash},
      'submitted', ${sql.json(data)}, now(),
      ${a.numItems}::text[], ${a.numSides}::text[], ${a.numValues}::int[], ${a.textItems}::text[],
      ${a.textSides}::text[], ${a.textValues}::text[]
    )
    on conflict (id) do nothing
    returning submitted_at
  `;
  if (!respondent) {
    const [row] = await insert;
    return row;
  }
  const [row] = await sql<{ submitted_at: Date }[]>`
    with response as (${insert}),
    respondent as (
      update respondents
      set
        status = 'submitted',
        updated_at = case when ${respondent.anonymous} then date_trunc('day', now()) else now() end
      where id = ${respondent.id}
        and status <> 'submitted'
        and exists (select 1 from response)
    )
    select submitted_at from response
  `;
  return row;
}

/**
 * Submits an existing response (a draft, or a changed submission) with new answers. It is
 * counted again by the next report: a trigger takes its old answers out of the tallies
 * (migration 060).
 */
export async function markSubmitted(
  sql: Queryable,
  responseId: string,
  data: Answers,
  a: AnswerArrays,
): Promise<{ submitted_at: Date }> {
  const [row] = await sql<{ submitted_at: Date }[]>`
    update responses
    set status = 'submitted', data = ${sql.json(data)}, updated_at = now(), submitted_at = now(),
      tallied = false, num_items = ${a.numItems}::text[], num_sides = ${a.numSides}::text[],
      num_values = ${a.numValues}::int[], text_items = ${a.textItems}::text[],
      text_sides = ${a.textSides}::text[], text_values = ${a.textValues}::text[]
    where id = ${responseId}
    returning submitted_at
  `;
  return row!;
}

/**
 * Inserts or updates a draft owned by `owner`. Returns undefined when the id belongs to
 * someone else or is already submitted (the caller finds out which).
 */
export async function upsertDraft(
  sql: Queryable,
  owner: Owner,
  responseId: string,
  data: Answers,
): Promise<{ updated_at: Date } | undefined> {
  const [row] = await sql<{ updated_at: Date }[]>`
    insert into responses (
      id, round_id, scan_version_id, respondent_id, owner_hash, open_link, team, device_hash, status, data
    )
    values (
      ${responseId}, ${owner.roundId}, ${owner.scanVersionId}, ${owner.respondentId},
      ${owner.ownerHash}, ${owner.openLink}, ${owner.team}, ${owner.deviceHash}, 'draft', ${sql.json(data)}
    )
    on conflict (id) do update
      set data = excluded.data, updated_at = now()
      where responses.status = 'draft'
        and responses.round_id = excluded.round_id
        and responses.respondent_id is not distinct from excluded.respondent_id
        and responses.owner_hash is not distinct from excluded.owner_hash
        and responses.open_link = excluded.open_link
    returning updated_at
  `;
  return row;
}

export async function findById(
  sql: Queryable, responseId: string): Promise<ResponseRow | undefined> {
  const [row] = await sql<ResponseRow[]>`
    select id, round_id, respondent_id, owner_hash, open_link, status, data, updated_at, submitted_at
    from responses
    where id = ${responseId}
  `;
  return row;
}
