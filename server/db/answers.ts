// A submitted response's answers, kept in its own row as parallel arrays (answer_items,
// answer_sides, answer_nums, answer_texts: element i of each is answer i) and read one row per
// answer through the `answers` view (migration 060).
import type { AnswerRow } from "../validation.ts";
import type { Queryable } from "./connect.ts";

export interface AnswerArrays {
  items: string[];
  sides: (string | null)[];
  nums: (number | null)[];
  texts: (string | null)[];
}

export function answerArrays(rows: readonly AnswerRow[]): AnswerArrays {
  return {
    items: rows.map((r) => r.item_id),
    sides: rows.map((r) => r.side),
    nums: rows.map((r) => r.value_num),
    texts: rows.map((r) => r.value_text),
  };
}

export async function countAnswers(sql: Queryable, responseId: string): Promise<number> {
  const [row] = await sql<{ count: number }[]>`
    select cardinality(answer_items) as count
    from responses
    where id = ${responseId}
  `;
  return row?.count ?? 0;
}
