import type { Queryable } from "../db/connect.ts";

/** Stale drafts: see `draftPolicy` in service.ts. Returns the rounds they came from, with counts. */
export async function deleteStaleDrafts(
  sql: Queryable,
  now: Date,
  policy: { afterCloseDays: number; idleDays: number },
): Promise<{ round_id: string; n: number }[]> {
  return sql<{ round_id: string; n: number }[]>`
    with gone as (
      delete from responses p
      using rounds r
      where p.status = 'draft' and r.id = p.round_id
        and (
          p.updated_at < ${now}::timestamptz - make_interval(days => ${policy.idleDays})
          or r.closes_at < ${now}::timestamptz - make_interval(days => ${policy.afterCloseDays})
        )
      returning p.round_id
    )
    select round_id, count(*)::int as n from gone group by round_id
  `;
}

/** Closed rounds past the retention period whose personal data is still there. */
export async function roundsPastRetention(sql: Queryable, now: Date, months: number): Promise<{ id: string }[]> {
  return sql<{ id: string }[]>`
    select id
    from rounds
    where personal_data_erased_at is null
      and closes_at < ${now}::timestamptz - make_interval(months => ${months})
    order by closes_at
  `;
}

export interface ErasedRound {
  respondents: number;
  mails: number;
  drafts: number;
  unlinkedResponses: number;
}

/**
 * Erases a closed round's personal data in the caller's transaction: mails (they hold names,
 * addresses and texts), drafts, sealed links; respondents keep their row (team and status, for
 * response rates) but lose name, e-mail address and link; anonymous and open-link responses lose
 * the hash a link could find them by. Submitted answers stay. Undefined when another instance
 * did it first (or the round is no longer past the period: it was reopened meanwhile).
 */
export async function eraseRoundPersonalData(tx: Queryable, roundId: string, now: Date, months: number): Promise<ErasedRound | undefined> {
  const [round] = await tx<{ id: string }[]>`
    select id from rounds
    where id = ${roundId} and personal_data_erased_at is null
      and closes_at < ${now}::timestamptz - make_interval(months => ${months})
    for update
  `;
  if (!round) return undefined;
  const mails = await tx`delete from mails where round_id = ${roundId}`;
  const drafts = await tx`delete from responses where round_id = ${roundId} and status = 'draft'`;
  await tx`delete from respondent_links l using respondents p where p.id = l.respondent_id and p.round_id = ${roundId}`;
  const respondents = await tx`
    update respondents
    set name = '', email = '', token_hash = 'erased:' || id::text, erased_at = ${now}, updated_at = ${now}
    where round_id = ${roundId} and erased_at is null
  `;
  const unlinked = await tx`
    update responses
    set owner_hash = 'erased:' || id::text
    where round_id = ${roundId} and owner_hash is not null and owner_hash not like 'erased:%'
  `;
  await tx`update rounds set personal_data_erased_at = ${now} where id = ${roundId}`;
  return { respondents: respondents.count, mails: mails.count, drafts: drafts.count, unlinkedResponses: unlinked.count };
}

export async function deleteExpiredOidcFlows(sql: Queryable): Promise<void> {
  await sql`delete from oidc_flows where expires_at <= now()`;
}
