import type { Rule } from "../check.ts";
import { diagnostic } from "../diagnostics.ts";
import { kinds } from "../kinds.ts";

/** Choice items have options, other items have none; kind-specific flags sit on their kinds. */
export const itemSettingsFitKind: Rule = (ctx) => {
  for (const item of ctx.allItems) {
    const kind = kinds[item.kind];
    if (kind.options && item.options.length === 0) {
      ctx.report(
        diagnostic("option-missing", item.id.span, `\`${item.kind}\` item \`${item.id.name}\` has no options`, {
          help: 'add indented lines such as `option vaak "Vaak"`',
        }),
      );
    }
    if (kind.options && item.options.length === 1) {
      ctx.report(
        diagnostic("option-missing", item.options[0]!.id.span, `\`${item.kind}\` item \`${item.id.name}\` has only one option`, {
          help: "a choice needs at least two options",
        }),
      );
    }
    if (!kind.options && item.options[0]) {
      ctx.report(
        diagnostic("flag-misplaced", item.options[0].id.span, `a \`${item.kind}\` item has no options`, {
          help: "options belong to `choice` and `multi` items",
        }),
      );
    }
    for (const flag of ["reverse", "partly", "short"] as const) {
      const node = item[flag];
      if (node && !kind.flags.includes(flag)) {
        const owners = (Object.keys(kinds) as (keyof typeof kinds)[]).filter((k) => kinds[k].flags.includes(flag));
        ctx.report(
          diagnostic("flag-misplaced", node.span, `\`${flag}\` does not apply to a \`${item.kind}\` item`, {
            help: `\`${flag}\` applies to ${owners.map((k) => `\`${k}\``).join(" and ")} items`,
          }),
        );
      }
    }
  }
};
