import type { ComparisonNode, ConditionNode, ItemNode } from "../ast.ts";
import type { CheckContext, Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";
import { kinds } from "../kinds.ts";
import { closest } from "../suggest.ts";

/** Every comparison in a condition, left to right. */
export function comparisons(condition: ConditionNode): ComparisonNode[] {
  switch (condition.kind) {
    case "compare":
      return [condition];
    case "and":
    case "or":
      return condition.parts.flatMap(comparisons);
    case "not":
      return comparisons(condition.operand);
  }
}

/**
 * Each comparison in a `show if` refers to an earlier item (never to itself or a later one), with a
 * comparison that item's kind supports and a value it can have.
 */
export const conditionsReferBack: Rule = (ctx) => {
  const position = new Map<ItemNode, number>();
  ctx.allItems.forEach((item, i) => position.set(item, i));
  for (const item of ctx.allItems) {
    if (!item.showIf) continue;
    for (const comparison of comparisons(item.showIf)) checkComparison(ctx, item, comparison, position);
  }
};

function checkComparison(ctx: CheckContext, item: ItemNode, condition: ComparisonNode, position: Map<ItemNode, number>): void {
  const ref = condition.item;
  if (ref.name === item.id.name) {
    ctx.report(raw("condition-self", "self", ref.span, { item: item.id.name }));
    return;
  }
  const target = ctx.items.get(ref.name);
  if (!target) {
    if (ctx.recovered(ref.name)) return;
    const suggestion = ctx.suggest(ref, ctx.items);
    ctx.report(raw("item-undefined", "condition", ref.span, { name: ref.name, ...(suggestion ? { suggestion } : {}) }));
    return;
  }
  if ((position.get(target) ?? 0) > (position.get(item) ?? 0)) {
    ctx.report(raw("condition-forward", "forward", ref.span, { item: item.id.name, ref: ref.name, line: ctx.line(target.span) }));
    return;
  }
  const kind = kinds[target.kind];
  const name = target.id.name;
  if (kind.ops.length === 0) {
    ctx.report(raw("condition-invalid", "not-comparable", condition.span, { kind: target.kind, item: name }));
    return;
  }
  if (kind.scale === "pair" && !condition.side) {
    ctx.report(raw("condition-invalid", "pair-side", condition.item.span, { item: name }));
    return;
  }
  if (kind.scale !== "pair" && condition.side) {
    ctx.report(raw("condition-invalid", "not-pair", condition.side.span, { item: name, side: condition.side.name }));
    return;
  }
  if (!(kind.ops as readonly string[]).includes(condition.op.text)) {
    ctx.report(raw("condition-invalid", "operator", condition.op.span, { op: condition.op.text, kind: target.kind, item: name, ops: [...kind.ops] }));
    return;
  }
  const value = condition.value;
  const allowed = kind.values?.(target);
  if (allowed) {
    // An option whose line was not read, or whose name was reported, is not reported again here.
    const recovered = value.kind === "word" && ctx.recovered(value.text);
    if (!recovered && (value.kind === "int" || !allowed.includes(value.text))) {
      const guess = closest(value.text, allowed);
      ctx.report(
        raw("condition-invalid", "value", value.span, { value: value.text, item: name, ...(guess ? { suggestion: guess } : {}), allowed: [...allowed] }),
      );
    }
    return;
  }
  const scale = target.scales[0] ? ctx.scales.get(target.scales[0].name) : undefined;
  if (value.kind !== "int") {
    ctx.report(
      raw("condition-invalid", "number-expected", value.span, {
        value: value.text,
        item: name,
        ...(scale ? { min: scale.min, max: scale.max } : {}),
      }),
    );
    return;
  }
  const n = Number(value.text);
  if (scale && (n < scale.min || n > scale.max)) {
    ctx.report(raw("condition-invalid", "off-scale", value.span, { value: n, scale: scale.id.name, min: scale.min, max: scale.max }));
  }
}
