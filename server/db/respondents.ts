import type { Queryable } from "./connect.ts";

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
