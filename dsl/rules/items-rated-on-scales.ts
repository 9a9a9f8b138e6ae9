import type { Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";
import { kinds } from "../kinds.ts";

/**
 * Rated items name a declared scale (`step` items a ladder); a pair that names two scales names
 * two with the same points; items that are not rated name no scale.
 */
export const itemsRatedOnScales: Rule = (ctx) => {
  for (const item of ctx.allItems) {
    const need = kinds[item.kind].scale;
    if (need === "none") {
      const first = item.scales[0];
      if (first) ctx.report(raw("item-scale-unexpected", "unexpected", first.span, { kind: item.kind, scale: first.name }));
      continue;
    }
    if (item.scales.length === 0) {
      // The item's line could not be read to its end: the scale may have been there.
      if (item.incomplete) continue;
      const example = [...ctx.scales.keys()][0];
      ctx.report(raw("item-scale-missing", "missing", item.id.span, { item: item.id.name, ...(example ? { example } : {}) }));
      continue;
    }
    if (need !== "pair" && item.scales.length > 1) {
      ctx.report(raw("token-unexpected", "one-scale", item.scales[1]!.span, { kind: item.kind }));
    }
    const found = item.scales.map((ref) => {
      const scale = ctx.scales.get(ref.name);
      if (!scale && !ctx.recovered(ref.name)) {
        const suggestion = ctx.suggest(ref, ctx.scales);
        ctx.report(raw("scale-undefined", "item", ref.span, { item: item.id.name, scale: ref.name, ...(suggestion ? { suggestion } : {}) }));
      }
      return scale;
    });
    const [first, second] = found;
    if (need === "ladder" && first && !first.ladder) {
      ctx.report(
        raw("step-scale-not-ladder", "plain", item.scales[0]!.span, { item: item.id.name, scale: first.id.name, min: first.min, max: first.max }),
      );
    }
    if (need === "pair" && first && second && (first.min !== second.min || first.max !== second.max)) {
      ctx.report(
        raw("pair-scale-mismatch", "mismatch", item.scales[1]!.span, {
          item: item.id.name,
          first: first.id.name,
          firstMin: first.min,
          firstMax: first.max,
          second: second.id.name,
          secondMin: second.min,
          secondMax: second.max,
        }),
      );
    }
  }
};
