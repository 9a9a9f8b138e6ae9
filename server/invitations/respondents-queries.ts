import type { Queryable } from "../db/connect.ts";

export type RespondentStatus = "invited" | "opened" | "started" | "submitted";

export interface NewRespondent {
  id: string;
  round_id: string;
  name: string;
  email: string;
  team: string | null;
  token_hash: string;
}

export async function insertRespondents(
  sql: Queryable, rows: NewRespondent[]): Promise<void> {
  // Chunked to stay far below the protocol's 65535 parameters per statement.
  for (let i = 0; i < rows.length; i += 1000) {
    await sql`
      insert into respondents ${sql(rows.slice(i, i + 1000), "id", "round_id", "name", "email", "team", "token_hash")}
    `;
  }
}

/**
 * Moves a respondent forward (invited → opened → started → submitted), never back. In anonymous
 * rounds the time is kept to the day, so it cannot be matched with a response's timestamps.
 */
export async function advanceStatus(
  sql: Queryable,
  respondentId: string,
  status: RespondentStatus,
  anonymous: boolean,
): Promise<void> {
  await sql`
    update respondents
    set
      status = ${status},
      updated_at = case when ${anonymous} then date_trunc('day', now()) else now() end
    where id = ${respondentId}
      and array_position(array['invited', 'opened', 'started', 'submitted'], status)
        < array_position(array['invited', 'opened', 'started', 'submitted'], ${status}::text)
  `;
}

export async function findRespondent(
  sql: Queryable,
  respondentId: string,
): Promise<{ id: string; status: RespondentStatus } | undefined> {
  const [row] = await sql<{ id: string; status: RespondentStatus }[]>`
    select id, status
    from respondents
    where id = ${respondentId}
  `;
  return row;
}

export interface RemovedRespondent {
  anonymous: boolean;
  /** The response deleted with the respondent, by its status; null when there was none to find. */
  response: "draft" | "submitted" | null;
  /** Mails that were queued or being sent and now never will be (by this app). */
  droppedMails: number;
}

/**
 * Removes a respondent from a round with everything that refers to them, in the caller's
 * transaction. `responses.respondent_id` has no ON DELETE action, so their response goes first,
 * explicitly; the tally triggers take a counted response's answers out of the report (migration
 * 060). Their mails, also the sent ones and the outbox copies holding their name and link, and
 * their sealed link go too (on delete cascade in 020; deleted here to count the unsent ones).
 * In an anonymous round no response refers to a respondent, so none is found: their submitted
 * answers stay. Undefined when the round has no such respondent.
 */
export async function removeRespondent(
  tx: Queryable,
  roundId: string,
  respondentId: string,
): Promise<RemovedRespondent | undefined> {
  // The lock waits for a submit in flight (its foreign-key check holds the row), so the
  // response it writes is seen below, or the submit fails on the deleted respondent.
  const [found] = await tx<{ anonymous: boolean }[]>`
    select r.anonymous
    from respondents p
    join rounds r on r.id = p.round_id
    where p.id = ${respondentId} and p.round_id = ${roundId}
    for update of p
  `;
  if (!found) return undefined;
  const responses = await tx<{ status: "draft" | "submitted" }[]>`
    delete from responses
    where respondent_id = ${respondentId}
    returning status
  `;
  const mails = await tx<{ status: string }[]>`
    delete from mails
    where respondent_id = ${respondentId}
    returning status
  `;
  await tx`delete from respondents where id = ${respondentId}`;
  return {
    anonymous: found.anonymous,
    response: responses[0]?.status ?? null,
    droppedMails: mails.filter((m) => m.status === "queued" || m.status === "sending").length,
  };
}
