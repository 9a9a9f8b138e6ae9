import type { Rule } from "../check.ts";
import { diagnostic } from "../diagnostics.ts";
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
      if (first) {
        ctx.report(
          diagnostic("item-scale-unexpected", first.span, `a \`${item.kind}\` item is not rated on a scale`, {
            help: `remove \`on ${first.name}\`, or make it a \`rate\` item`,
          }),
        );
      }
      continue;
    }
    if (item.scales.length === 0) {
      ctx.report(
        diagnostic("item-scale-missing", item.id.span, `item \`${item.id.name}\` does not say which scale it uses`, {
          help: `add \`on <scale>\` at the end of the line${ctx.scales.size ? `, e.g. \`on ${[...ctx.scales.keys()][0]}\`` : ""}`,
        }),
      );
      continue;
    }
    if (need !== "pair" && item.scales.length > 1) {
      ctx.report(
        diagnostic("token-unexpected", item.scales[1]!.span, `a \`${item.kind}\` item uses one scale`, {
          help: "only `pair` items may name a scale per side",
        }),
      );
    }
    const found = item.scales.map((ref) => {
      const scale = ctx.scales.get(ref.name);
      if (!scale && !ctx.recovered(ref.name)) {
        ctx.report(
          diagnostic("scale-undefined", ref.span, `item \`${item.id.name}\` uses unknown scale \`${ref.name}\``, {
            label: `no scale named \`${ref.name}\``,
            help: ctx.suggest(ref, ctx.scales) ?? "declare it with `scale <name> 1..5` at the top level",
          }),
        );
      }
      return scale;
    });
    const [first, second] = found;
    if (need === "ladder" && first && !first.ladder) {
      ctx.report(
        diagnostic("step-scale-not-ladder", item.scales[0]!.span, `\`step\` item \`${item.id.name}\` needs a ladder, and \`${first.id.name}\` is a plain scale`, {
          help: `declare it as \`scale ${first.id.name} ${first.min}..${first.max} ladder\`, or use a \`rate\` item`,
        }),
      );
    }
    if (need === "pair" && first && second && (first.min !== second.min || first.max !== second.max)) {
      ctx.report(
        diagnostic("pair-scale-mismatch", item.scales[1]!.span, `the two sides of pair \`${item.id.name}\` use different scales`, {
          label: `${second.min}..${second.max}`,
          notes: [`current is rated on \`${first.id.name}\` (${first.min}..${first.max}), desired on \`${second.id.name}\` (${second.min}..${second.max})`],
          help: "current and desired must be compared on the same points; use one scale for both",
        }),
      );
    }
  }
};
