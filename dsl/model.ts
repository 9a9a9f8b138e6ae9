// The compiled, serialisable output of the scan language: what the server stores per scan
// version, what validation and the aggregators read. Plain JSON only.

/** A text in Dutch with an optional English translation. */
export interface Text {
  nl: string;
  en?: string;
}

export type ItemKind = "rate" | "pair" | "step" | "choice" | "multi" | "yesno" | "text";

/** Which side of a paired current/desired item an answer belongs to. */
export type Side = "current" | "desired";

export interface Cadence {
  /** e.g. "every 3-4 months" → { min: 3, max: 4, unit: "months" } */
  min: number;
  max: number;
  unit: "days" | "weeks" | "months";
}

export interface ScaleModel {
  id: string;
  min: number;
  max: number;
  /** A ladder labels every step and renders as a list of steps, not as rating buttons. */
  ladder: boolean;
  labels: { value: number; text: Text }[];
  /**
   * An answer outside the scale ("n.v.t. / nu geen prioriteit"): items on this scale may be marked
   * as not applicable instead of rated; such a mark is no score and counts in no mean.
   */
  notApplicable?: Text;
}

export interface ThemeModel {
  id: string;
  title: Text;
  help?: Text;
  items: string[];
  /** A page that is no theme (`page` in the scan file, see ThemeNode.page); absent for a theme. */
  page?: true;
}

export type ConditionOp = "=" | "!=" | ">" | ">=" | "<" | "<=" | "contains";

/** One comparison of an earlier answer with a value. False while that answer is not given. */
export interface Comparison {
  /** The SurveyJS data key the condition reads (an item id, or `<id>__current`/`<id>__desired`). */
  field: string;
  op: ConditionOp;
  value: number | string;
}

/**
 * When an item is shown: a comparison, or comparisons joined with and/or/not. Versions compiled
 * before and/or/not existed store a single `Comparison`, which is still a `Condition`.
 */
export type Condition = Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };

/**
 * One answer slot in the SurveyJS data. A pair item has two fields (current, desired);
 * every other item has one. The server stores one answer row per field (per selected
 * option for `multi`).
 */
export interface FieldModel {
  /** The key in the SurveyJS result data. */
  name: string;
  item: string;
  side: Side | null;
  type: "number" | "string" | "strings";
  /** For numbers: the inclusive bounds of the scale. */
  min?: number;
  max?: number;
  /** For strings: the allowed values (choice options, ja/nee/deels); absent for open text. */
  values?: string[];
  required: boolean;
  /** Maximum length of open text answers. */
  maxLength?: number;
  /**
   * The mark "not applicable" of an item on a scale with `not-applicable` (type "strings", the one
   * value `NOT_APPLICABLE`): when given, the item's rating fields are hidden (neither required nor
   * stored) and the mark is stored as a text answer of the item.
   */
  notApplicable?: true;
}

/** The stored value of a "not applicable" mark. */
export const NOT_APPLICABLE = "nvt";

export interface ItemModel {
  id: string;
  theme: string;
  kind: ItemKind;
  title: Text;
  help?: Text;
  scale?: string;
  options?: { value: string; text: Text }[];
  required: boolean;
  discriminating: boolean;
  reverse: boolean;
  showIf?: Condition;
  fields: FieldModel[];
}

export type ParamValue = string | number | [number, number];

export interface AggregatorDecl {
  name: string;
  params: Record<string, ParamValue>;
}

export interface ScoringModel {
  scan: string;
  title: Text;
  intro?: Text;
  languages: string[];
  /**
   * Who answers, as the scan file names them (e.g. "docent"); "team" when a team answers together
   * and the file names nobody. Says nothing about privacy: that is `answeredBy`.
   */
  respondent: string;
  /**
   * Whether one response stands for one person ("individual": the minimum group size applies)
   * or for a team answering together ("team": one shared response per team). Versions compiled
   * before this field existed lack it; read it through `answeredBy()` in server/privacy.
   */
  answeredBy: "individual" | "team";
  cadence: Cadence | null;
  anonymous: boolean;
  notes: Text[];
  scales: ScaleModel[];
  themes: ThemeModel[];
  items: ItemModel[];
  aggregators: AggregatorDecl[];
  estimatedMinutes: number;
}

/** SurveyJS form JSON; kept loose because survey-core's own types are not imported in dsl/. */
export type SurveyJson = Record<string, unknown>;

export interface CompiledScan {
  survey: SurveyJson;
  model: ScoringModel;
}
