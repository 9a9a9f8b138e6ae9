import type { Ident, ParamValueNode, ScoreNode } from "../ast.ts";
import type { CheckContext, Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";
import { findAggregator, aggregators } from "../aggregators/registry.ts";
import type { ParamSpec } from "../aggregators/types.ts";
import { closest } from "../suggest.ts";

/**
 * A `score` line names a known aggregator, gives only parameters it takes, each of the right
 * kind and naming scales, themes and items that exist, and gives every required parameter.
 */
export const scoresKnown: Rule = (ctx) => {
  for (const score of ctx.file.scores) {
    const aggregator = findAggregator(score.name.name);
    if (!aggregator) {
      const guess = closest(score.name.name, Object.keys(aggregators));
      ctx.report(
        raw("aggregator-unknown", "unknown", score.name.span, {
          name: score.name.name,
          ...(guess ? { suggestion: guess } : {}),
          known: Object.keys(aggregators),
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
          raw("aggregator-param-unknown", "unknown", key.span, {
            aggregator: aggregator.name,
            key: key.name,
            ...(guess ? { suggestion: guess } : {}),
            params: names,
          }),
        );
        // A misspelt parameter (`op niveau`) is read as the one meant, so it is not also missing.
        if (guess && !score.params.some((p) => p.key.name === guess)) {
          given.add(guess);
          checkValue(ctx, aggregator.name, key, aggregator.params[guess]!, value);
        }
        continue;
      }
      if (given.has(key.name)) ctx.report(raw("property-duplicate", "param", key.span, { name: key.name }));
      given.add(key.name);
      checkValue(ctx, aggregator.name, key, spec, value);
    }
    for (const [name, spec] of Object.entries(aggregator.params)) {
      if (!spec.required || given.has(name)) continue;
      ctx.report(raw("aggregator-param-missing", "missing", score.name.span, { aggregator: aggregator.name, key: name, example: example(spec) }));
    }
  }
};

export function example(spec: ParamSpec): string {
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
  const wrong = (expected: "int" | "range" | "range-order" | "word" | "scale" | "theme" | "item") =>
    ctx.report(
      raw("aggregator-param-invalid", "invalid", value.span, {
        aggregator,
        key: key.name,
        expected,
        ...(expected === "word" ? { values: [...(spec.values ?? [])] } : {}),
        example: example(spec),
      }),
    );
  switch (spec.kind) {
    case "int":
      if (value.kind !== "int") wrong("int");
      return;
    case "range":
      if (value.kind !== "range") wrong("range");
      else if (value.lo > value.hi) wrong("range-order");
      return;
    case "word":
      if (value.kind !== "word" || !(spec.values ?? []).includes(value.text)) wrong("word");
      return;
    case "scale":
      return checkRef(ctx, value, ctx.scales, "scale-undefined", () => wrong("scale"));
    case "theme":
      return checkRef(ctx, value, ctx.themes, "theme-undefined", () => wrong("theme"));
    case "item":
      return checkRef(ctx, value, ctx.items, "item-undefined", () => wrong("item"));
  }
}

function checkRef(
  ctx: CheckContext,
  value: ParamValueNode,
  declared: Map<string, { id: Ident }>,
  id: "scale-undefined" | "theme-undefined" | "item-undefined",
  wrong: () => void,
): void {
  if (value.kind !== "word") return wrong();
  if (declared.has(value.text) || ctx.recovered(value.text)) return;
  const suggestion = ctx.suggest({ name: value.text, span: value.span }, declared);
  ctx.report(raw(id, "param", value.span, { name: value.text, ...(suggestion ? { suggestion } : {}) }));
}

/** Compiled parameters of a `score` line, as written (the aggregator's schema fills defaults). */
export function scoreParams(score: ScoreNode): Record<string, string | number | [number, number]> {
  const params: Record<string, string | number | [number, number]> = {};
  for (const { key, value } of score.params) {
    params[key.name] = value.kind === "int" ? value.value : value.kind === "range" ? [value.lo, value.hi] : value.text;
  }
  return params;
}
