import type { Rule } from "../check.ts";
import { diagnostic } from "../diagnostics.ts";

/** Every theme holds at least one item, and so the scan does. */
export const themesHoldItems: Rule = (ctx) => {
  for (const theme of ctx.file.themes) {
    if (theme.items.length === 0 && !theme.incomplete) {
      ctx.report(
        diagnostic("theme-empty", theme.id.span, `theme \`${theme.id.name}\` has no items`, {
          help: "add items indented below it, or remove the theme",
        }),
      );
    }
  }
  const scan = ctx.file.scans[0];
  if (scan && ctx.allItems.length === 0 && ctx.file.recovered.size === 0) {
    ctx.report(
      diagnostic("scan-empty", scan.id.span, `scan \`${scan.id.name}\` has no items`, {
        help: 'add a theme with items, e.g. `theme visie "Visie"` and below it `rate missie "Missie" on niveau`',
      }),
    );
  }
};
