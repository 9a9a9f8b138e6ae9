import type { Ident, ParamValueNode, ScoreNode } from "../ast.ts";
import type { CheckContext, Rule } from "../check.ts";
import { diagnostic } from "../diagnostics.ts";
import { aggregators } from "../aggregators/registry.ts";
import type { ParamSpec } from "../aggregators/types.ts";
import { closest } from "../suggest.ts";

/**
 * A `score` line names a known aggregator, gives only parameters it takes, each of the right
 * kind and naming scales, themes and items that exist, and gives every required parameter.
 */
export const scoresKnown: Rule = (ctx) => {
  for (const score of ctx.file.scores) {
    const aggregator = Object.hasOwn(aggregators, score.name.name) ? aggregators[score.name.name] : undefined;
    if (!aggregator) {
      const guess = closest(score.name.name, Object.keys(aggregators));
      ctx.report(
        diagnostic("aggregator-unknown", score.name.span, `unknown aggregator \`${score.name.name}\``, {
          label: "not an aggregator",
          help: guess
            ? `did you mean \`${guess}\`?`
            : `known aggregators: ${Object.keys(aggregators).map((a) => `\`${a}\``).join(", ")}`,
        }),
      );
      continue;
    }
    const given = new Set<string>();
    for (const { key, value } of score.params) {
      const spec = Object.hasOwn(aggregator.params, key.name) ? aggregator.params[key.name] : undefined;
      if (!spec) {
        const names = Object.keys(aggregator.params);
        const guess = closest(key.name, names);
        ctx.report(
          diagnostic("aggregator-param-unknown", key.span, `\`${aggregator.name}\` takes no parameter \`${key.name}\``, {
            help: guess
              ? `did you mean \`${guess}\`?`
              : names.length
                ? `its parameters are ${names.map((n) => `\`${n}\``).join(", ")}`
                : `\`score ${aggregator.name}\` takes no parameters`,
          }),
        );
        continue;
      }
      if (given.has(key.name)) {
        ctx.report(diagnostic("property-duplicate", key.span, `parameter \`${key.name}\` is given twice`, { help: "keep one" }));
      }
      given.add(key.name);
      checkValue(ctx, aggregator.name, key, spec, value);
    }
    for (const [name, spec] of Object.entries(aggregator.params)) {
      if (!spec.required || given.has(name)) continue;
      ctx.report(
        diagnostic("aggregator-param-missing", score.name.span, `\`${aggregator.name}\` needs the parameter \`${name}\``, {
          help: `add \`${name} ${example(spec)}\` (${spec.doc})`,
        }),
      );
    }
  }
};

function example(spec: ParamSpec): string {
  switch (spec.kind) {
    case "scale":
      return "<scale>";
    case "theme":
      return "<theme>";
    case "item":
      return "<item>";
    case "int":
      return "3";
    case "range":
      return "4..5";
    case "word":
      return spec.values?.[0] ?? "<word>";
  }
}

function checkValue(ctx: CheckContext, aggregator: string, key: Ident, spec: ParamSpec, value: ParamValueNode): void {
  const wrong = (expected: string) =>
    ctx.report(
      diagnostic("aggregator-param-invalid", value.span, `\`${key.name}\` of \`${aggregator}\` must be ${expected}`, {
        help: `e.g. \`${key.name} ${example(spec)}\``,
      }),
    );
  switch (spec.kind) {
    case "int":
      if (value.kind !== "int") wrong("a whole number");
      return;
    case "range":
      if (value.kind !== "range") wrong("a range such as `4..5`");
      else if (value.lo > value.hi) wrong("a range from low to high");
      return;
    case "word":
      if (value.kind !== "word" || !(spec.values ?? []).includes(value.text)) {
        wrong(`one of ${(spec.values ?? []).map((v) => `\`${v}\``).join(", ")}`);
      }
      return;
    case "scale":
      return checkRef(ctx, value, "a scale name", ctx.scales, "scale-undefined", "scale", wrong);
    case "theme":
      return checkRef(ctx, value, "a theme name", ctx.themes, "theme-undefined", "theme", wrong);
    case "item":
      return checkRef(ctx, value, "an item name", ctx.items, "item-undefined", "item", wrong);
  }
}

function checkRef(
  ctx: CheckContext,
  value: ParamValueNode,
  expected: string,
  declared: Map<string, { id: Ident }>,
  id: "scale-undefined" | "theme-undefined" | "item-undefined",
  what: string,
  wrong: (expected: string) => void,
): void {
  if (value.kind !== "word") return wrong(expected);
  if (declared.has(value.text) || ctx.recovered(value.text)) return;
  const ref = { name: value.text, span: value.span };
  ctx.report(
    diagnostic(id, value.span, `no ${what} named \`${value.text}\``, {
      label: `unknown ${what}`,
      help: ctx.suggest(ref, declared) ?? `declare the ${what} first, or name one that exists`,
    }),
  );
}

/** Compiled parameters of a `score` line, as written (the aggregator's schema fills defaults). */
export function scoreParams(score: ScoreNode): Record<string, string | number | [number, number]> {
  const params: Record<string, string | number | [number, number]> = {};
  for (const { key, value } of score.params) {
    params[key.name] = value.kind === "int" ? value.value : value.kind === "range" ? [value.lo, value.hi] : value.text;
  }
  return params;
}
