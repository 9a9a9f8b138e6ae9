// A submitted response's answers, kept in its own row as parallel arrays and read one row per
// answer through the `answers` view (migration 060). Numeric answers go in num_items, num_sides
// and num_values; text answers (choices, open text) in text_items, text_sides and text_values.
// Element i of each array of a kind is answer i of that kind.
import type { Queryable } from "../db/connect.ts";

export async function countAnswers(sql: Queryable, responseId: string): Promise<number> {
  const [row] = await sql<{ count: number }[]>`
    select cardinality(num_items) + cardinality(text_items) as count
    from responses
    where id = ${responseId}
  `;
  return row?.count ?? 0;
}
