import type { ItemKind, Side } from "./model.ts";
import type { Span } from "./source.ts";

/** A name written in the file, with where it was written. */
export interface Ident {
  name: string;
  span: Span;
}

export interface TextNode {
  nl: string;
  span: Span;
  en?: string;
  enSpan?: Span;
}

export interface FlagNode {
  span: Span;
}

export interface CadenceNode {
  span: Span;
  /** null for `cadence once`. */
  every: { min: number; max: number; unit: "days" | "weeks" | "months" } | null;
}

/** The words of `answered-by`: each person on their own, or the team once, together. */
export type AnsweredByWord = "each-person" | "team-together";

export interface ScanNode {
  id: Ident;
  span: Span;
  title?: TextNode;
  intro: TextNode[];
  notes: TextNode[];
  languages: Ident[];
  respondent?: Ident;
  answeredBy?: { value: AnsweredByWord; span: Span };
  cadence?: CadenceNode;
  anonymous?: { value: boolean; span: Span };
  /** A settings line could not be read (already reported); it may have been the title. */
  incomplete: boolean;
}

export interface ScaleLabelNode {
  value: number;
  valueSpan: Span;
  text: TextNode;
}

export interface ScaleNode {
  id: Ident;
  span: Span;
  min: number;
  max: number;
  boundsSpan: Span;
  ladder: boolean;
  labels: ScaleLabelNode[];
  /** `not-applicable "n.v.t."`: an answer outside the scale that says the item does not apply. */
  notApplicable?: TextNode;
  /** A line below the scale could not be read (already reported); it may have been a label. */
  incomplete: boolean;
}

export interface OptionNode {
  id: Ident;
  text: TextNode;
}

/** One comparison of an earlier answer with a value: `missie < 3`, `ek-1.desired >= 4`. */
export interface ComparisonNode {
  kind: "compare";
  span: Span;
  item: Ident;
  side?: { name: Side; span: Span };
  op: { text: string; span: Span };
  value: { kind: "int" | "word" | "string"; text: string; span: Span };
}

export type ConditionNode =
  | ComparisonNode
  | { kind: "and" | "or"; span: Span; parts: ConditionNode[] }
  | { kind: "not"; span: Span; operand: ConditionNode };

export interface ItemNode {
  kind: ItemKind;
  kindSpan: Span;
  id: Ident;
  title: TextNode;
  theme: string;
  span: Span;
  /** `on A` gives one scale, `on A and B` (pair only) gives two. */
  scales: Ident[];
  help: TextNode[];
  required?: { value: boolean; span: Span };
  discriminating?: FlagNode;
  reverse?: FlagNode;
  partly?: FlagNode;
  short?: FlagNode;
  options: OptionNode[];
  showIf?: ConditionNode;
  /** The item's line or one of its settings could not be read (already reported). */
  incomplete: boolean;
}

export interface ThemeNode {
  id: Ident;
  span: Span;
  title: TextNode;
  help: TextNode[];
  items: ItemNode[];
  /**
   * Written `page`: a page of the form that is no theme (a closing page for remarks). Its
   * questions are asked and reported like any other, but it is not counted as a theme in the
   * respondent's progress line ("Thema 3 van 8") nor scored per theme.
   */
  page: boolean;
  /** A line below the theme could not be read (already reported); it may have been an item. */
  incomplete: boolean;
}

export type ParamValueNode =
  | { kind: "int"; value: number; span: Span }
  | { kind: "range"; lo: number; hi: number; span: Span }
  | { kind: "word"; text: string; span: Span }
  | { kind: "string"; text: string; span: Span };

export interface ScoreNode {
  name: Ident;
  span: Span;
  params: { key: Ident; value: ParamValueNode }[];
}

export interface ScanFile {
  scans: ScanNode[];
  scales: ScaleNode[];
  themes: ThemeNode[];
  scores: ScoreNode[];
  /**
   * Names declared on lines the parser could not read (e.g. `scal niveau 1..5`). References to
   * them are not reported again, so one typo gives one error.
   */
  recovered: Set<string>;
  /** Offset of the end of the text, for "missing" diagnostics on an empty file. */
  end: number;
}
