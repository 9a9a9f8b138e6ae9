import type { ItemNode, ScaleNode, TextNode } from "./ast.ts";
import { NOT_APPLICABLE, type ConditionOp, type FieldModel, type ItemKind, type ScaleModel, type Side, type SurveyJson, type Text } from "./model.ts";

/**
 * Everything that differs between item kinds, in one table: which scale a kind needs, which
 * settings apply, how long it takes to answer, which fields it stores and which SurveyJS element
 * it becomes. Checker rules and the compiler ask this table instead of branching on the kind.
 */
export interface KindBehaviour {
  /** What `on SCALE` means for this kind. */
  scale: "none" | "one" | "pair" | "ladder";
  /** Needs `option` lines. */
  options: boolean;
  /** Settings that apply only to some kinds. */
  flags: readonly ("reverse" | "partly" | "short")[];
  /** Required unless the author writes `optional`. */
  requiredByDefault: boolean;
  /** Rough time to answer, for the estimate in `peilstok check`. */
  seconds: number;
  /** Comparisons a `show if` on this item may use. */
  ops: readonly ConditionOp[];
  /** Values a `show if` may compare this item with; absent where any point of the scale will do. */
  values?(node: ItemNode): readonly string[];
  fields(item: CompiledItemInput): FieldModel[];
  element(item: CompiledItemInput): SurveyJson;
}

/** What the compiler knows about an item once the file has been checked. */
export interface CompiledItemInput {
  node: ItemNode;
  required: boolean;
  scale?: ScaleModel;
  title: unknown;
  description?: unknown;
  visibleIf?: string;
  loc(text: Text): unknown;
}

const NUMERIC_OPS = ["=", "!=", ">", ">=", "<", "<="] as const;
const EQUALITY_OPS = ["=", "!="] as const;
export const YES_NO = ["ja", "nee"] as const;
export const YES_NO_PARTLY = ["ja", "nee", "deels"] as const;
const OPEN_TEXT_MAX = 4000;

// Short on purpose: a pair's two rows sit beside their buttons on a 360 px screen.
const SIDE_TITLES: Record<Side, Text> = {
  current: { nl: "Nu", en: "Now" },
  desired: { nl: "Gewenst", en: "Desired" },
};

export function pairFieldName(item: string, side: Side): string {
  return `${item}__${side}`;
}

function numberField(item: CompiledItemInput, name: string, side: Side | null): FieldModel {
  return {
    name,
    item: item.node.id.name,
    side,
    type: "number",
    min: item.scale?.min,
    max: item.scale?.max,
    required: item.required,
  };
}

function common(item: CompiledItemInput): SurveyJson {
  const out: SurveyJson = { name: item.node.id.name, title: item.title };
  if (item.description !== undefined) out.description = item.description;
  if (item.required) out.isRequired = true;
  if (item.visibleIf) out.visibleIf = item.visibleIf;
  return out;
}

/**
 * A rating element: always a row of buttons (SurveyJS would otherwise turn a row that does not
 * fit into a dropdown) with the scale's end labels under its ends. A fully labelled scale keeps
 * every label as its value's text; the client's SurveyForm shows the number on the button and
 * gives the label to screen readers and as a tooltip.
 */
function rating(item: CompiledItemInput, scale: ScaleModel | undefined): SurveyJson {
  const out: SurveyJson = { type: "rating", displayMode: "buttons" };
  if (!scale) return out;
  const span = scale.max - scale.min + 1;
  if (scale.labels.length === span) {
    out.rateValues = scale.labels.map((l) => ({ value: l.value, text: item.loc(l.text) }));
  } else {
    out.rateMin = scale.min;
    out.rateMax = scale.max;
  }
  const min = scale.labels.find((l) => l.value === scale.min);
  const max = scale.labels.find((l) => l.value === scale.max);
  if (min) out.minRateDescription = item.loc(min.text);
  if (max) out.maxRateDescription = item.loc(max.text);
  if (min || max) out.rateDescriptionLocation = "bottom";
  return out;
}

function options(item: CompiledItemInput): { value: string; text: unknown }[] {
  return item.node.options.map((o) => ({ value: o.id.name, text: item.loc(o.text) }));
}

function optionIds(node: ItemNode): readonly string[] {
  return node.options.map((o) => o.id.name);
}

function yesNoValues(node: ItemNode): readonly string[] {
  return node.partly ? YES_NO_PARTLY : YES_NO;
}

const YES_NO_TEXT: Record<string, Text> = {
  ja: { nl: "Ja", en: "Yes" },
  nee: { nl: "Nee", en: "No" },
  deels: { nl: "Deels", en: "Partly" },
};

export const kinds: Record<ItemKind, KindBehaviour> = {
  rate: {
    scale: "one",
    options: false,
    flags: ["reverse"],
    requiredByDefault: true,
    seconds: 10,
    ops: NUMERIC_OPS,
    fields: (item) => [numberField(item, item.node.id.name, null)],
    element: (item) => ({ ...common(item), ...rating(item, item.scale) }),
  },
  pair: {
    scale: "pair",
    options: false,
    flags: ["reverse"],
    requiredByDefault: true,
    seconds: 20,
    ops: NUMERIC_OPS,
    fields: (item) =>
      (["current", "desired"] as const).map((side) => numberField(item, pairFieldName(item.node.id.name, side), side)),
    element: (item) => {
      const panel = common(item);
      delete panel.isRequired;
      const sides = (["current", "desired"] as const).map((side, i) => ({
        ...rating(item, item.scale),
        name: pairFieldName(item.node.id.name, side),
        title: item.loc(SIDE_TITLES[side]),
        ...(item.required ? { isRequired: true } : {}),
        ...(i > 0 ? { startWithNewLine: false } : {}),
      }));
      return { ...panel, type: "panel", elements: sides };
    },
  },
  step: {
    scale: "ladder",
    options: false,
    flags: [],
    requiredByDefault: true,
    seconds: 15,
    ops: NUMERIC_OPS,
    fields: (item) => [numberField(item, item.node.id.name, null)],
    element: (item) => ({
      ...common(item),
      type: "radiogroup",
      choices: (item.scale?.labels ?? []).map((l) => ({ value: l.value, text: item.loc(l.text) })),
    }),
  },
  choice: {
    scale: "none",
    options: true,
    flags: [],
    requiredByDefault: true,
    seconds: 10,
    ops: EQUALITY_OPS,
    values: optionIds,
    fields: (item) => [
      { name: item.node.id.name, item: item.node.id.name, side: null, type: "string", values: item.node.options.map((o) => o.id.name), required: item.required },
    ],
    element: (item) => ({ ...common(item), type: "radiogroup", choices: options(item) }),
  },
  multi: {
    scale: "none",
    options: true,
    flags: [],
    requiredByDefault: true,
    seconds: 15,
    ops: ["contains"],
    values: optionIds,
    fields: (item) => [
      { name: item.node.id.name, item: item.node.id.name, side: null, type: "strings", values: item.node.options.map((o) => o.id.name), required: item.required },
    ],
    element: (item) => ({ ...common(item), type: "checkbox", choices: options(item) }),
  },
  yesno: {
    scale: "none",
    options: false,
    flags: ["partly"],
    requiredByDefault: true,
    seconds: 8,
    ops: EQUALITY_OPS,
    values: yesNoValues,
    fields: (item) => [
      { name: item.node.id.name, item: item.node.id.name, side: null, type: "string", values: [...yesNoValues(item.node)], required: item.required },
    ],
    element: (item) => ({
      ...common(item),
      type: "radiogroup",
      colCount: 0,
      choices: yesNoValues(item.node).map((v) => ({ value: v, text: item.loc(YES_NO_TEXT[v]!) })),
    }),
  },
  text: {
    scale: "none",
    options: false,
    flags: ["short"],
    requiredByDefault: false,
    seconds: 60,
    ops: [],
    fields: (item) => [
      { name: item.node.id.name, item: item.node.id.name, side: null, type: "string", required: item.required, maxLength: OPEN_TEXT_MAX },
    ],
    element: (item) => ({
      ...common(item),
      type: item.node.short ? "text" : "comment",
      maxLength: OPEN_TEXT_MAX,
      ...(item.node.short ? {} : { autoGrow: true }),
    }),
  },
};

/** The "not applicable" mark of an item whose scale offers one: one more field of the item. */
export function notApplicableField(item: CompiledItemInput): FieldModel {
  return {
    name: `${item.node.id.name}__nvt`,
    item: item.node.id.name,
    side: null,
    type: "strings",
    values: [NOT_APPLICABLE],
    required: false,
    notApplicable: true,
  };
}

/**
 * An item's element with a "not applicable" tick box below its rating(s): ticked, the ratings
 * disappear (and with them their answers and the required check).
 */
export function withNotApplicable(element: SurveyJson, item: CompiledItemInput, mark: FieldModel): SurveyJson {
  const hideWhenMarked = `{${mark.name}} empty`;
  const box: SurveyJson = {
    type: "checkbox",
    name: mark.name,
    title: item.title,
    titleLocation: "hidden",
    choices: [{ value: NOT_APPLICABLE, text: item.loc(item.scale!.notApplicable!) }],
  };
  if (element.type === "panel") {
    const inner = (element.elements as SurveyJson[]).map((e) => ({ ...e, visibleIf: hideWhenMarked }));
    return { ...element, elements: [...inner, box] };
  }
  const { title, description, visibleIf, ...rating } = element;
  return {
    type: "panel",
    name: `${item.node.id.name}__panel`,
    title,
    ...(description !== undefined ? { description } : {}),
    ...(visibleIf !== undefined ? { visibleIf } : {}),
    elements: [{ ...rating, title, titleLocation: "hidden", visibleIf: hideWhenMarked }, box],
  };
}

export function textModel(node: TextNode): Text {
  return node.en !== undefined ? { nl: node.nl, en: node.en } : { nl: node.nl };
}

export function scaleModel(node: ScaleNode): ScaleModel {
  return {
    id: node.id.name,
    min: node.min,
    max: node.max,
    ladder: node.ladder,
    labels: [...node.labels]
      .sort((a, b) => a.value - b.value)
      .map((l) => ({ value: l.value, text: textModel(l.text) })),
    ...(node.notApplicable ? { notApplicable: textModel(node.notApplicable) } : {}),
  };
}
