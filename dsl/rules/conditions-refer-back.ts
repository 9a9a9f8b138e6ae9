import type { ConditionNode, ItemNode } from "../ast.ts";
import type { CheckContext, Rule } from "../check.ts";
import { diagnostic } from "../diagnostics.ts";
import { kinds } from "../kinds.ts";
import { closest } from "../suggest.ts";

/**
 * A `show if` refers to an earlier item (never to itself or a later one), with a comparison that
 * item's kind supports and a value it can have.
 */
export const conditionsReferBack: Rule = (ctx) => {
  const position = new Map<ItemNode, number>();
  ctx.allItems.forEach((item, i) => position.set(item, i));
  for (const item of ctx.allItems) {
    const condition = item.showIf;
    if (!condition) continue;
    const ref = condition.item;
    if (ref.name === item.id.name) {
      ctx.report(
        diagnostic("condition-self", ref.span, `item \`${item.id.name}\` is shown depending on its own answer`, {
          help: "a condition must refer to an earlier item",
        }),
      );
      continue;
    }
    const target = ctx.items.get(ref.name);
    if (!target) {
      if (ctx.recovered(ref.name)) continue;
      ctx.report(
        diagnostic("item-undefined", ref.span, `no item named \`${ref.name}\``, {
          label: "unknown item",
          help: ctx.suggest(ref, ctx.items) ?? "a condition refers to an earlier item by its name",
        }),
      );
      continue;
    }
    if ((position.get(target) ?? 0) > (position.get(item) ?? 0)) {
      ctx.report(
        diagnostic("condition-forward", ref.span, `item \`${item.id.name}\` depends on \`${ref.name}\`, which comes later`, {
          label: `\`${ref.name}\` is asked on line ${ctx.line(target.span)}`,
          help: "a condition can only use answers given before it; move one of the items",
        }),
      );
      continue;
    }
    checkComparison(ctx, condition, target);
  }
};

function checkComparison(ctx: CheckContext, condition: ConditionNode, target: ItemNode): void {
  const kind = kinds[target.kind];
  const name = target.id.name;
  if (kind.ops.length === 0) {
    ctx.report(
      diagnostic("condition-invalid", condition.span, `the answer to \`${target.kind}\` item \`${name}\` cannot be compared`, {
        help: "conditions can use ratings, steps, choices and yes/no answers",
      }),
    );
    return;
  }
  if (kind.scale === "pair" && !condition.side) {
    ctx.report(
      diagnostic("condition-invalid", condition.item.span, `\`${name}\` is a pair: say which side the condition reads`, {
        help: `write \`${name}.current\` or \`${name}.desired\``,
      }),
    );
    return;
  }
  if (kind.scale !== "pair" && condition.side) {
    ctx.report(
      diagnostic("condition-invalid", condition.side.span, `\`${name}\` is not a pair and has no \`${condition.side.name}\` side`, {
        help: `write \`${name}\` on its own`,
      }),
    );
    return;
  }
  if (!(kind.ops as readonly string[]).includes(condition.op.text)) {
    ctx.report(
      diagnostic("condition-invalid", condition.op.span, `\`${condition.op.text}\` cannot compare the answer to \`${target.kind}\` item \`${name}\``, {
        help: `use ${kind.ops.map((o) => `\`${o}\``).join(", ")}`,
      }),
    );
    return;
  }
  const value = condition.value;
  const allowed = kind.values?.(target);
  if (allowed) {
    if (value.kind === "int" || !allowed.includes(value.text)) {
      const guess = closest(value.text, allowed);
      ctx.report(
        diagnostic("condition-invalid", value.span, `\`${value.text}\` is not a possible answer to \`${name}\``, {
          help: guess ? `did you mean \`${guess}\`?` : `possible answers: ${allowed.map((v) => `\`${v}\``).join(", ")}`,
        }),
      );
    }
    return;
  }
  const scale = target.scales[0] ? ctx.scales.get(target.scales[0].name) : undefined;
  if (value.kind !== "int") {
    ctx.report(
      diagnostic("condition-invalid", value.span, `\`${name}\` is answered with a number, not \`${value.text}\``, {
        help: scale ? `compare with a number from ${scale.min} to ${scale.max}` : "compare with a number",
      }),
    );
    return;
  }
  const n = Number(value.text);
  if (scale && (n < scale.min || n > scale.max)) {
    ctx.report(
      diagnostic("condition-invalid", value.span, `${n} is outside scale \`${scale.id.name}\` (${scale.min}..${scale.max})`, {
        help: "this condition could never be true or false as intended; use a point of the scale",
      }),
    );
  }
}
