// When an item is shown, decided the same way everywhere: SurveyJS in the respondent's browser
// (through the expression `visibleIf` compiles to), the server's answer validation and the
// editor's preview (through `visibleFields`). A comparison with an answer that is not given is
// false, whatever the operator, and `not` turns that around.
import type { Comparison, Condition, FieldModel, ScoringModel } from "./model.ts";

export function isComparison(c: Condition): c is Comparison {
  return "field" in c;
}

/** An answer counts as given unless it is missing, an empty text or an empty list. */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function compare(c: Comparison, data: Readonly<Record<string, unknown>>): boolean {
  const actual = data[c.field];
  if (!isAnswered(actual)) return false;
  const expected = c.value;
  switch (c.op) {
    case "contains":
      return Array.isArray(actual) && actual.includes(expected);
    case "=":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case ">":
    case ">=":
    case "<":
    case "<=": {
      if (typeof actual !== "number" || typeof expected !== "number") return false;
      if (c.op === ">") return actual > expected;
      if (c.op === ">=") return actual >= expected;
      if (c.op === "<") return actual < expected;
      return actual <= expected;
    }
  }
}

/** Whether a condition holds for the answers given so far (both the current and the old stored shape). */
export function conditionHolds(c: Condition, data: Readonly<Record<string, unknown>>): boolean {
  if (isComparison(c)) return compare(c, data);
  if ("all" in c) return c.all.every((part) => conditionHolds(part, data));
  if ("any" in c) return c.any.some((part) => conditionHolds(part, data));
  return !conditionHolds(c.not, data);
}

/** A SurveyJS expression literal: numbers as they are, texts in single quotes. */
function literal(value: number | string): string {
  return typeof value === "number" ? String(value) : `'${value.replace(/['\\]/g, "")}'`;
}

/**
 * The SurveyJS expression for a condition (https://surveyjs.io/form-library/documentation/design-survey/conditional-logic#expressions).
 * SurveyJS finds `{a} != 'x'` true while `a` is unanswered, so `!=` also asks for an answer.
 */
export function visibleIf(c: Condition): string {
  if (isComparison(c)) {
    const field = `{${c.field}}`;
    const value = literal(c.value);
    return c.op === "!=" ? `(${field} notempty and ${field} != ${value})` : `${field} ${c.op} ${value}`;
  }
  if ("all" in c) return c.all.map((part) => `(${visibleIf(part)})`).join(" and ");
  if ("any" in c) return c.any.map((part) => `(${visibleIf(part)})`).join(" or ");
  return `!(${visibleIf(c.not)})`;
}

/**
 * The fields of a response that count: those of shown items, in file order. An item is shown
 * when its condition holds on the answers to the shown items before it (a hidden item's answer
 * counts for nothing, as SurveyJS clears it); an item marked "not applicable" has no rating.
 */
export function visibleFields(model: ScoringModel, data: Readonly<Record<string, unknown>>): FieldModel[] {
  const counted: Record<string, unknown> = {};
  const shown: FieldModel[] = [];
  for (const item of model.items) {
    if (item.showIf && !conditionHolds(item.showIf, counted)) continue;
    const mark = item.fields.find((f) => f.notApplicable);
    const notApplicable = mark !== undefined && isAnswered(data[mark.name]);
    for (const field of item.fields) {
      if (notApplicable && !field.notApplicable) continue;
      shown.push(field);
      if (data[field.name] !== undefined) counted[field.name] = data[field.name];
    }
  }
  return shown;
}
