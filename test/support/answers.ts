// Answers of every kind for the shipped scans, made up per respondent: what the export and report
// tests submit and then look for.
import { conditionHolds } from "../../dsl/conditions.ts";
import type { ItemModel } from "../../dsl/model.ts";

export type AnswerData = Record<string, number | string | string[]>;

export interface AnswerShape {
  /** An item with an n.v.t. box is ticked (and not rated) when (n + item index) % markEvery is 0. */
  markEvery: number;
  /** How far the desired side's rating is moved from the current one. */
  desiredShift: (n: number) => number;
  /** The text of an open answer. */
  text: (n: number, k: number, item: ItemModel) => string;
}

/** Answers of every kind for respondent `n`, different per respondent, following the scan's conditions. */
export function answersFor(items: ItemModel[], n: number, shape: AnswerShape): AnswerData {
  const data: AnswerData = {};
  for (const [k, item] of items.entries()) {
    if (item.showIf && !conditionHolds(item.showIf, data)) continue;
    const marked = item.fields.some((f) => f.notApplicable) && (n + k) % shape.markEvery === 0;
    for (const field of item.fields) {
      if (field.notApplicable) {
        if (marked) data[field.name] = [...field.values!];
        continue;
      }
      if (marked) continue;
      if (field.type === "number") {
        const min = field.min ?? 1;
        const span = (field.max ?? 5) - min + 1;
        data[field.name] = min + ((n * 3 + k + (field.side === "desired" ? shape.desiredShift(n) : 0)) % span);
      } else if (field.type === "string") {
        data[field.name] = field.values ? field.values[(n + k) % field.values.length]! : shape.text(n, k, item);
      } else {
        const values = field.values ?? [];
        data[field.name] = [...new Set([values[n % values.length]!, values[(n + 2) % values.length]!])];
      }
    }
  }
  return data;
}
