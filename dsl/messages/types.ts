// The values each diagnostic message needs, per id and variant. Both language catalogues are
// typed against this, so a message missing in one language does not compile.
import type { ItemKind } from "../model.ts";

/** The words of one diagnostic. Whether label, help and notes are present depends on the args only. */
export interface Texts {
  message: string;
  label?: string;
  help?: string;
  notes?: string[];
}

/** A did-you-mean: the name and, for declarations, the line it is declared on. */
export interface Suggestion {
  name: string;
  line?: number;
}

/** Later lines with the same problem, reported together with the first. */
export interface Repeats {
  /** Line numbers of the other occurrences (at most 10 listed). */
  lines: number[];
  /** How many other occurrences there are in all. */
  count: number;
}

/** Unusual spaces and invisible characters pasted from Word, PDF or web pages. */
export type UnusualSpace = "nbsp" | "narrow-nbsp" | "figure-space" | "zero-width" | "bom" | "other-space";

/** What was expected where something is missing (`token-expected`). */
export type Expected =
  | "scan-name"
  | "scale-name"
  | "scale-low"
  | "scale-dots"
  | "scale-high"
  | "label"
  | "label-text"
  | "not-applicable-text"
  | "theme-name"
  | "theme-title"
  | "page-name"
  | "page-title"
  | "item-name"
  | "item-title"
  | "on"
  | "scale-after-on"
  | "second-scale"
  | "option-name"
  | "option-label"
  | "title-text"
  | "intro-text"
  | "note-text"
  | "help-text"
  | "english-text"
  | "language"
  | "respondent"
  | "answered-by"
  | "cadence"
  | "cadence-number"
  | "cadence-upper"
  | "cadence-unit"
  | "yes-no"
  | "if"
  | "condition-item"
  | "side"
  | "operator"
  | "value"
  | "closing-paren"
  | "condition"
  | "aggregator"
  | "param-name"
  | "param-value"
  | "range-upper";

/** What a line's extra tokens came after (`token-unexpected`). */
export type After =
  | "scan-name"
  | "scale-range"
  | "label"
  | "theme-title"
  | "page-title"
  | "item"
  | "setting"
  | "condition"
  | "help-text";

/** Where an unknown keyword was found. */
export type Where = "top" | "scan" | "scale" | "theme" | "item";

/** Which text lacks its translation (`translation-missing`). */
export type TextPlace =
  | { place: "scan-title" }
  | { place: "intro" }
  | { place: "label"; scale: string; value: number }
  | { place: "not-applicable"; scale: string }
  | { place: "theme-title"; theme: string; page?: boolean }
  | { place: "theme-help"; theme: string; page?: boolean }
  | { place: "item-title"; item: string }
  | { place: "item-help"; item: string }
  | { place: "option"; item: string; option: string };

/** What kind of value an aggregator parameter takes. */
export type ParamExpectation = "int" | "range" | "range-order" | "word" | "scale" | "theme" | "item";

export type Declared = "scale" | "theme" | "item" | "option";

export interface MessageArgs {
  "encoding-invalid": {
    utf8: { byte: string; windows1252?: string };
    utf16: Record<string, never>;
  };
  "character-unexpected": {
    unexpected: { char: string; code: string };
    comment: { repeats: Repeats };
  };
  "whitespace-unusual": {
    space: { kind: UnusualSpace; code: string; repeats: Repeats };
  };
  "quote-invalid": {
    single: { quote: string; repeats: Repeats };
  };
  "string-unterminated": {
    closing: Record<string, never>;
    opening: Record<string, never>;
    "line-break": { line: number };
  };
  "indent-invalid": {
    tab: { repeats: Repeats };
    odd: { spaces: number; expected: number; repeats: Repeats };
    "too-far": { expected: number; repeats: Repeats };
    "too-shallow": { expected: number; repeats: Repeats };
    "under-leaf": { expected: number; repeats: Repeats };
    "item-outside-theme": { item: string; theme?: string; repeats: Repeats };
    "item-in-item": { item: string; repeats: Repeats };
    "item-setting-outside-item": { keyword: string; item: string; repeats: Repeats };
    "label-outside-scale": { scale: string; repeats: Repeats };
    "scan-setting-outside-scan": { keyword: string; repeats: Repeats };
  };
  "keyword-unknown": {
    keyword: { word: string; where: Where; suggestion?: string; expected: string[] };
  };
  "token-expected": {
    missing: { what: Expected; kind?: ItemKind };
    found: { what: Expected; found: string; kind?: ItemKind; suggestion?: string };
    "range-dash": { found: string; low: number; high: number };
    "range-words": { found: string; low: number; high: number };
    "range-dots": Record<string, never>;
  };
  "token-unexpected": {
    /** `inner`: the extra word follows a text's closing quote directly, as after `"Het "woord" ..."`. */
    extra: { found: string; after: After; text: boolean; inner?: boolean };
    "one-scale": { kind: ItemKind };
    operator: { found: string; fix: string; reversed: boolean };
    joiner: { found: string; fix: "and" | "or" | "not" };
  };
  "id-invalid": {
    invalid: { name: string; suggestion: string };
    accent: { name: string; suggestion: string };
  };
  "scan-missing": { missing: Record<string, never> };
  "scan-duplicate": { second: { name: string; first: string; line: number } };
  "scan-empty": { empty: { scan: string } };
  "property-duplicate": {
    setting: { name: string };
    param: { name: string };
  };
  "property-missing": { title: { scan: string } };
  "property-invalid": {
    "cadence-range": Record<string, never>;
    "main-language": { lang: string };
    "translation-language": { lang: string };
  };
  "answered-by-missing": {
    missing: { scan: string; respondent?: string };
  };
  "answered-by-conflict": {
    "team-word": { respondent: string };
  };
  "scale-duplicate": { duplicate: { name: string; line: number } };
  "theme-duplicate": { duplicate: { name: string; line: number } };
  "item-duplicate": { duplicate: { name: string; line: number } };
  "option-duplicate": { duplicate: { name: string; line: number } };
  "scale-undefined": {
    item: { item: string; scale: string; suggestion?: Suggestion };
    param: { name: string; suggestion?: Suggestion };
  };
  "scale-bounds-reversed": { bounds: { scale: string; min: number; max: number } };
  "scale-gap": { gap: { scale: string; missing: number[]; ladder: boolean } };
  "scale-label-out-of-range": { label: { scale: string; value: number; min: number; max: number } };
  "scale-label-duplicate": { label: { scale: string; value: number; line: number } };
  "theme-undefined": { param: { name: string; suggestion?: Suggestion } };
  "theme-empty": { empty: { theme: string; page?: boolean } };
  "item-undefined": {
    condition: { name: string; suggestion?: Suggestion };
    param: { name: string; suggestion?: Suggestion };
  };
  "item-scale-missing": { missing: { item: string; example?: string } };
  "item-scale-unexpected": { unexpected: { kind: ItemKind; scale: string } };
  "step-scale-not-ladder": { plain: { item: string; scale: string; min: number; max: number } };
  "pair-scale-mismatch": {
    mismatch: { item: string; first: string; firstMin: number; firstMax: number; second: string; secondMin: number; secondMax: number };
  };
  "option-missing": {
    none: { kind: ItemKind; item: string };
    one: { kind: ItemKind; item: string };
  };
  "flag-misplaced": {
    options: { kind: ItemKind };
    flag: { flag: string; kind: ItemKind; owners: ItemKind[] };
  };
  "condition-self": { self: { item: string } };
  "condition-forward": { forward: { item: string; ref: string; line: number } };
  "condition-invalid": {
    "not-comparable": { kind: ItemKind; item: string };
    "pair-side": { item: string };
    "not-pair": { item: string; side: string };
    operator: { op: string; kind: ItemKind; item: string; ops: string[] };
    value: { value: string; item: string; suggestion?: string; allowed: string[] };
    "number-expected": { value: string; item: string; min?: number; max?: number };
    "off-scale": { value: number; scale: string; min: number; max: number };
    mixed: { first: string; second: string };
    "too-deep": { max: number };
  };
  "aggregator-unknown": { unknown: { name: string; suggestion?: string; known: string[] } };
  "aggregator-param-unknown": {
    unknown: { aggregator: string; key: string; suggestion?: string; params: string[] };
  };
  "aggregator-param-missing": { missing: { aggregator: string; key: string; example: string } };
  "aggregator-param-invalid": {
    invalid: { aggregator: string; key: string; expected: ParamExpectation; values?: string[]; example: string };
  };
  "aggregator-param-out-of-range": {
    int: { aggregator: string; key: string; value: number; scale: string; min: number; max: number };
    range: { aggregator: string; key: string; lo: number; hi: number; scale: string; min: number; max: number };
  };
  "translation-missing": { missing: TextPlace };
  "scan-long": { long: { scan: string; items: number; minutes: number; maxItems: number; maxMinutes: number } };
  "too-many-errors": { more: { more: number } };
}
