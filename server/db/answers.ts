import type { AnswerRow } from "../validation.ts";
import type { Queryable } from "./connect.ts";

export async function insertAnswers(
  sql: Queryable,
  responseId: string,
  roundId: string,
  rows: AnswerRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const full = rows.map((row) => ({ response_id: responseId, round_id: roundId, ...row }));
  await sql`
    insert into answers ${sql(full, "response_id", "round_id", "item_id", "side", "value_num", "value_text")}
  `;
}

export async function deleteAnswers(
  sql: Queryable, responseId: string): Promise<void> {
  await sql`
    delete from answers
    where response_id = ${responseId}
  `;
}

export async function countAnswers(
  sql: Queryable, responseId: string): Promise<number> {
  const [row] = await sql<{ count: number }[]>`
    select count(*)::int as count
    from answers
    where response_id = ${responseId}
  `;
  return row!.count;
}
