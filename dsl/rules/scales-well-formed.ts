import type { Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";

/**
 * A scale runs from a lower to a higher point; labels sit on its points, once each; and it labels
 * no points, only its two ends, or every point (a ladder always labels every step).
 */
export const scalesWellFormed: Rule = (ctx) => {
  for (const scale of ctx.file.scales) {
    if (scale.min >= scale.max) {
      ctx.report(raw("scale-bounds-reversed", "bounds", scale.boundsSpan, { scale: scale.id.name, min: scale.min, max: scale.max }));
      continue;
    }
    const seen = new Map<number, number>();
    for (const label of scale.labels) {
      if (label.value < scale.min || label.value > scale.max) {
        ctx.report(
          raw("scale-label-out-of-range", "label", label.valueSpan, { scale: scale.id.name, value: label.value, min: scale.min, max: scale.max }),
        );
      } else if (seen.has(label.value)) {
        ctx.report(raw("scale-label-duplicate", "label", label.valueSpan, { scale: scale.id.name, value: label.value, line: seen.get(label.value)! }));
      } else seen.set(label.value, ctx.line(label.valueSpan));
    }
    // A line below the scale could not be read: it may have been the missing label.
    if (scale.incomplete) continue;
    const inRange = [...seen.keys()];
    const onlyEnds = inRange.every((v) => v === scale.min || v === scale.max);
    const all = inRange.length === scale.max - scale.min + 1;
    if (all || (onlyEnds && !scale.ladder)) continue;
    const missing: number[] = [];
    for (let v = scale.min; v <= scale.max && missing.length < 20; v++) if (!seen.has(v)) missing.push(v);
    ctx.report(raw("scale-gap", "gap", scale.id.span, { scale: scale.id.name, missing, ladder: scale.ladder }));
  }
};
