import type { Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";
import { findAggregator } from "../aggregators/registry.ts";

/**
 * A number a `score` line compares answers with lies on the scale it is compared on: a threshold
 * `at-least 6` or a ladder target `4..6` on a 1–5 scale can never be reached as meant.
 */
export const scoresWithinScale: Rule = (ctx) => {
  for (const score of ctx.file.scores) {
    const aggregator = findAggregator(score.name.name);
    if (!aggregator) continue;
    for (const { key, value } of score.params) {
      const spec = Object.hasOwn(aggregator.params, key.name) ? aggregator.params[key.name] : undefined;
      if (!spec?.within) continue;
      const on = score.params.find((p) => p.key.name === spec.within)?.value;
      const scale = on?.kind === "word" ? ctx.scales.get(on.text) : undefined;
      if (!scale || scale.min >= scale.max) continue;
      const where = { aggregator: aggregator.name, key: key.name, scale: scale.id.name, min: scale.min, max: scale.max };
      if (value.kind === "int" && (value.value < scale.min || value.value > scale.max)) {
        ctx.report(raw("aggregator-param-out-of-range", "int", value.span, { ...where, value: value.value }));
      }
      if (value.kind === "range" && value.lo <= value.hi && (value.lo < scale.min || value.hi > scale.max)) {
        ctx.report(raw("aggregator-param-out-of-range", "range", value.span, { ...where, lo: value.lo, hi: value.hi }));
      }
    }
  }
};
