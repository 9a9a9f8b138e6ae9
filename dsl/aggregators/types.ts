import type { z } from "zod";
import type { ParamValue, ScoringModel } from "../model.ts";

/** What a `score` line may pass to an aggregator, as the scan language's checker sees it. */
export type ParamKind =
  | "scale" // the id of a scale declared in the scan
  | "theme" // the id of a theme declared in the scan
  | "item" // the id of an item declared in the scan
  | "int" // a whole number
  | "range" // INT..INT
  | "word"; // one of `values`

export interface ParamSpec {
  kind: ParamKind;
  required: boolean;
  /** Allowed words for kind "word". */
  values?: readonly string[];
  /**
   * For kinds "int" and "range": the parameter naming the scale this number is a point of; the
   * checker reports a value outside that scale (`aggregator-param-out-of-range`).
   */
  within?: string;
  /** One line for authors, shown in help and in the author guide. */
  doc: string;
}

/**
 * An aggregator: a name, its parameters, and a pure function from item statistics to a typed
 * result with an explanation. The scan checker validates `score` lines against `params`; the
 * server validates compiled params with `schema` and feeds `compute` with SQL-computed stats.
 */
export interface Aggregator<P = Record<string, ParamValue>, I = unknown, R = unknown> {
  name: string;
  doc: string;
  params: Record<string, ParamSpec>;
  schema: z.ZodType<P>;
  compute(input: I, params: P, model: ScoringModel): R;
}
