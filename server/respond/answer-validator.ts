import { z } from "zod";
import { isAnswered, visibleFields } from "../../dsl/conditions.ts";
import type { FieldModel, ScoringModel } from "../../dsl/model.ts";

/** Why one field of a submission was rejected; stable codes the client can translate. */
export const issueReasons = ["unknown-item", "off-scale", "not-allowed", "required", "wrong-type", "too-long", "invalid"] as const;
export type IssueReason = (typeof issueReasons)[number];

export interface Issue {
  field: string;
  reason: IssueReason;
  message: string;
}

export type Answers = Record<string, number | string | string[]>;

/**
 * A submission's answers as the parallel arrays its row stores (migration 060): element i of each
 * array of a kind is answer i of that kind (numbers: rating, step; texts: choices, open text, one
 * per selected option for multi). The `answers` view unnests them into one row per answer.
 */
export interface AnswerArrays {
  numItems: string[];
  numSides: (string | null)[];
  numValues: number[];
  textItems: string[];
  textSides: (string | null)[];
  textValues: string[];
}

export type Validated =
  | { ok: true; data: Answers; arrays: AnswerArrays }
  | { ok: false; issues: Issue[] };

export interface ResponseValidator {
  /** A submission: every visible required field answered, every value valid. */
  submission(data: unknown): Validated;
  /** An autosaved draft: values must be valid, but may be missing. */
  draft(data: unknown): Validated;
}

const defaultMaxLength = 5000;

/** A string first (else "wrong type"), then one of the allowed values (else "not allowed"). */
const oneOf = (values: string[]) => z.string().pipe(z.enum(values as [string, ...string[]]));

function fieldSchema(field: FieldModel): z.ZodType {
  switch (field.type) {
    case "number": {
      let schema = z.number().int();
      if (field.min !== undefined) schema = schema.min(field.min);
      if (field.max !== undefined) schema = schema.max(field.max);
      return schema;
    }
    case "string":
      return field.values
        ? oneOf(field.values)
        : z.string().max(field.maxLength ?? defaultMaxLength);
    case "strings": {
      const option = field.values ? oneOf(field.values) : z.string();
      return z.array(option).refine((values) => new Set(values).size === values.length, {
        message: "lists an option twice",
      });
    }
  }
}

function describe(field: FieldModel): string {
  if (field.type === "number") return `a whole number from ${field.min} to ${field.max}`;
  if (field.values) {
    const list = field.values.join(", ");
    return field.type === "strings" ? `a list of: ${list}` : `one of: ${list}`;
  }
  return field.type === "strings" ? "a list of texts" : "a text";
}

function toIssue(issue: z.core.$ZodIssue, fields: Map<string, FieldModel>): Issue[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      field: key,
      reason: "unknown-item",
      message: `\`${key}\` is not an item of this scan`,
    }));
  }
  const name = String(issue.path[0] ?? "");
  const field = fields.get(name);
  const expected = field ? describe(field) : "a valid value";
  switch (issue.code) {
    case "invalid_type":
      // An array element of the wrong type is still "wrong type" for the field as a whole.
      return [{ field: name, reason: "wrong-type", message: `must be ${expected}` }];
    case "too_small":
    case "too_big":
      if (field?.type === "string") {
        return [
          { field: name, reason: "too-long", message: `is longer than ${field.maxLength ?? defaultMaxLength} characters` },
        ];
      }
      return [{ field: name, reason: "off-scale", message: `must be ${expected}` }];
    case "invalid_value":
      return [{ field: name, reason: "not-allowed", message: `must be ${expected}` }];
    default:
      return [{ field: name, reason: "invalid", message: issue.message }];
  }
}

/**
 * Derives the submission schema of one scan version from its scoring model. Built once per
 * version (see `validatorCache`); SurveyJS itself is never loaded on the server.
 */
export function buildValidator(model: ScoringModel): ResponseValidator {
  const fields = new Map<string, FieldModel>();
  const shape: Record<string, z.ZodType> = {};
  for (const item of model.items) {
    for (const field of item.fields) {
      fields.set(field.name, field);
      shape[field.name] = fieldSchema(field).optional();
    }
  }
  const dataSchema = z.strictObject(shape);
  // Most scans have no conditions and no "not applicable" marks: every field counts, always.
  const allFields = [...fields.values()];
  const dependent = model.items.some((i) => i.showIf || i.fields.some((f) => f.notApplicable));

  function validate(data: unknown, requireAnswers: boolean): Validated {
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      return {
        ok: false,
        issues: [{ field: "data", reason: "wrong-type", message: "must be an object of answers" }],
      };
    }
    const parsed = dataSchema.safeParse(data);
    const issues = parsed.success ? [] : parsed.error.issues.flatMap((i) => toIssue(i, fields));
    const raw = data as Record<string, unknown>;
    const answers: Answers = {};
    // Built straight into the stored arrays: no object per answer on the submit path.
    const arrays: AnswerArrays = { numItems: [], numSides: [], numValues: [], textItems: [], textSides: [], textValues: [] };
    // A hidden item is neither required nor stored, whatever the browser sent for it (dsl/conditions.ts).
    for (const field of dependent ? visibleFields(model, raw) : allFields) {
      const name = field.name;
      const value = raw[name];
      if (!isAnswered(value)) {
        if (requireAnswers && field.required) {
          issues.push({ field: name, reason: "required", message: "needs an answer" });
        }
        continue;
      }
      if (issues.length > 0 && issues.some((i) => i.field === name)) continue;
      answers[name] = value as Answers[string];
      addAnswer(arrays, field, value);
    }
    if (issues.length > 0) return { ok: false, issues };
    return { ok: true, data: answers, arrays };
  }

  return {
    submission: (data) => validate(data, true),
    draft: (data) => validate(data, false),
  };
}

function addAnswer(a: AnswerArrays, field: FieldModel, value: unknown): void {
  switch (field.type) {
    case "number":
      a.numItems.push(field.item);
      a.numSides.push(field.side);
      a.numValues.push(value as number);
      return;
    case "string":
      a.textItems.push(field.item);
      a.textSides.push(field.side);
      a.textValues.push(value as string);
      return;
    case "strings":
      for (const option of value as string[]) {
        a.textItems.push(field.item);
        a.textSides.push(field.side);
        a.textValues.push(option);
      }
  }
}
