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

/** What is wrong with one value of a field, or null: a check built once per field. */
type Check = (value: unknown) => { reason: IssueReason; message: string } | null;

/**
 * The check of one field. Written out rather than a zod schema: a submit of a long scan checks
 * some ninety values, and a generic schema walk per request was the largest piece of the submit's
 * own work (the submit benchmark, issue 13). The reasons are ours either way.
 */
function fieldCheck(field: FieldModel): Check {
  const must = { message: `must be ${describe(field)}` };
  const wrongType = { reason: "wrong-type" as const, ...must };
  switch (field.type) {
    case "number": {
      const offScale = { reason: "off-scale" as const, ...must };
      const min = field.min ?? Number.MIN_SAFE_INTEGER;
      const max = field.max ?? Number.MAX_SAFE_INTEGER;
      return (value) => {
        if (typeof value !== "number" || !Number.isInteger(value)) return wrongType;
        return value < min || value > max ? offScale : null;
      };
    }
    case "string": {
      if (field.values) {
        const allowed = new Set(field.values);
        const notAllowed = { reason: "not-allowed" as const, ...must };
        return (value) => (typeof value !== "string" ? wrongType : allowed.has(value) ? null : notAllowed);
      }
      const maxLength = field.maxLength ?? defaultMaxLength;
      const tooLong = { reason: "too-long" as const, message: `is longer than ${maxLength} characters` };
      return (value) => (typeof value !== "string" ? wrongType : value.length > maxLength ? tooLong : null);
    }
    case "strings": {
      const allowed = field.values ? new Set(field.values) : null;
      const notAllowed = { reason: "not-allowed" as const, ...must };
      const twice = { reason: "invalid" as const, message: "lists an option twice" };
      return (value) => {
        if (!Array.isArray(value)) return wrongType;
        for (const option of value) if (typeof option !== "string") return wrongType;
        if (allowed) for (const option of value) if (!allowed.has(option)) return notAllowed;
        return new Set(value).size === value.length ? null : twice;
      };
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

/**
 * Derives the submission checks of one scan version from its scoring model. Built once per
 * version (see `ScanVersionCache`); SurveyJS itself is never loaded on the server.
 */
export function buildValidator(model: ScoringModel): ResponseValidator {
  const fields = model.items.flatMap((item) => item.fields);
  const checks = fields.map(fieldCheck);
  /** A field's position in `fields` by its name. */
  const position = new Map(fields.map((field, i) => [field.name, i]));
  // Most scans have no conditions and no "not applicable" marks: every field counts, always.
  const dependent = model.items.some((i) => i.showIf || i.fields.some((f) => f.notApplicable));

  function validate(data: unknown, requireAnswers: boolean): Validated {
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      return {
        ok: false,
        issues: [{ field: "data", reason: "wrong-type", message: "must be an object of answers" }],
      };
    }
    const raw = data as Record<string, unknown>;
    // One pass over what was sent, each value checked (also one that a condition hides, which is
    // then not stored) and kept at its field's position. `for…in` with `raw[key]` is V8's fast
    // path for reading every property of a parsed JSON object.
    const sent: unknown[] = new Array(fields.length);
    const invalid: Issue[] = [];
    const unknown: Issue[] = [];
    let sentCount = 0;
    for (const key in raw) {
      const value = raw[key];
      const i = position.get(key);
      if (i === undefined) {
        unknown.push({ field: key, reason: "unknown-item", message: `\`${key}\` is not an item of this scan` });
      } else if (value !== undefined) {
        sentCount++;
        sent[i] = value;
        const problem = checks[i]!(value);
        if (problem) invalid[i] = { field: key, ...problem };
      }
    }
    const required: Issue[] = [];
    // Built straight into the stored arrays: no object per answer on the submit path.
    const arrays: AnswerArrays = { numItems: [], numSides: [], numValues: [], textItems: [], textSides: [], textValues: [] };
    let stored = 0;
    // A hidden item is neither required nor stored, whatever the browser sent for it (dsl/conditions.ts).
    const shown = dependent ? visibleFields(model, raw) : fields;
    for (const field of shown) {
      const i = position.get(field.name)!;
      const value = sent[i];
      if (!isAnswered(value)) {
        if (requireAnswers && field.required) {
          required.push({ field: field.name, reason: "required", message: "needs an answer" });
        }
      } else if (!invalid[i]) {
        stored++;
        addAnswer(arrays, field, value);
      }
    }
    if (invalid.length > 0 || unknown.length > 0 || required.length > 0) {
      // In the fields' order, then what the scan does not have, then what is missing.
      return { ok: false, issues: [...invalid.filter(Boolean), ...unknown, ...required] };
    }
    // Usually every value sent is stored, and the answers are the object sent; else only those.
    if (stored === sentCount) return { ok: true, data: raw as Answers, arrays };
    const answers: Answers = {};
    for (const field of shown) {
      const value = sent[position.get(field.name)!];
      if (isAnswered(value)) answers[field.name] = value as Answers[string];
    }
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
