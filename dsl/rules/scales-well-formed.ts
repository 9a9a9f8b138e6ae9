import type { Rule } from "../check.ts";
import { diagnostic } from "../diagnostics.ts";

/**
 * A scale runs from a lower to a higher point; labels sit on its points, once each; and it labels
 * no points, only its two ends, or every point (a ladder always labels every step).
 */
export const scalesWellFormed: Rule = (ctx) => {
  for (const scale of ctx.file.scales) {
    if (scale.min >= scale.max) {
      ctx.report(
        diagnostic("scale-bounds-reversed", scale.boundsSpan, `scale \`${scale.id.name}\` runs from ${scale.min} to ${scale.max}`, {
          label: "lowest point must be below the highest",
          help: scale.min > scale.max ? `write \`${scale.max}..${scale.min}\`` : "a scale needs at least two points",
        }),
      );
      continue;
    }
    const seen = new Map<number, number>();
    for (const label of scale.labels) {
      if (label.value < scale.min || label.value > scale.max) {
        ctx.report(
          diagnostic("scale-label-out-of-range", label.valueSpan, `point ${label.value} is outside scale \`${scale.id.name}\` (${scale.min}..${scale.max})`, {
            label: "not a point of this scale",
            help: `label only the points ${scale.min} to ${scale.max}`,
          }),
        );
      } else if (seen.has(label.value)) {
        ctx.report(
          diagnostic("scale-label-duplicate", label.valueSpan, `point ${label.value} of scale \`${scale.id.name}\` is labelled twice`, {
            notes: [`first labelled on line ${seen.get(label.value)}`],
            help: "keep one label per point",
          }),
        );
      } else seen.set(label.value, ctx.line(label.valueSpan));
    }
    const inRange = [...seen.keys()];
    const onlyEnds = inRange.every((v) => v === scale.min || v === scale.max);
    const all = inRange.length === scale.max - scale.min + 1;
    if (all || (onlyEnds && !scale.ladder)) continue;
    const missing: number[] = [];
    for (let v = scale.min; v <= scale.max && missing.length < 20; v++) if (!seen.has(v)) missing.push(v);
    ctx.report(
      diagnostic("scale-gap", scale.id.span, `scale \`${scale.id.name}\` has no label for ${missing.length === 1 ? "point" : "points"} ${missing.join(", ")}`, {
        label: scale.ladder ? "a ladder labels every step" : "labels some points but not all",
        help: scale.ladder
          ? "add a label for every step of the ladder"
          : "label every point, or only the lowest and highest",
      }),
    );
  }
};
