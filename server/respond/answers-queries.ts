// A submitted response's answers, kept in its own row as parallel arrays and read one row per
// answer through the `answers` view (migration 060). Numeric answers go in num_items, num_sides
// and num_values; text answers (choices, open text) in text_items, text_sides and text_values.
// Element i of each array of a kind is answer i of that kind.
import type { AnswerRow } from "./answer-validator.ts";
import type { Queryable } from "../db/connect.ts";

export interface AnswerArrays {
  numItems: string[];
  numSides: (string | null)[];
  numValues: number[];
  textItems: string[];
  textSides: (string | null)[];
  textValues: string[];
}

export function answerArrays(rows: readonly AnswerRow[]): AnswerArrays {
  const a: AnswerArrays = { numItems: [], numSides: [], numValues: [], textItems: [], textSides: [], textValues: [] };
  for (const row of rows) {
    if (row.value_num !== null) {
      a.numItems.push(row.item_id);
      a.numSides.push(row.side);
      a.numValues.push(row.value_num);
    } else if (row.value_text !== null) {
      a.textItems.push(row.item_id);
      a.textSides.push(row.side);
      a.textValues.push(row.value_text);
    }
  }
  return a;
}

export async function countAnswers(sql: Queryable, responseId: string): Promise<number> {
  const [row] = await sql<{ count: number }[]>`
    select cardinality(num_items) + cardinality(text_items) as count
    from responses
    where id = ${responseId}
  `;
  return row?.count ?? 0;
}
