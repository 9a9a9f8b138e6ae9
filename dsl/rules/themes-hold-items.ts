import type { Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";

/** Every theme holds at least one item, and so the scan does. */
export const themesHoldItems: Rule = (ctx) => {
  for (const theme of ctx.file.themes) {
    if (theme.items.length === 0 && !theme.incomplete) {
      ctx.report(raw("theme-empty", "empty", theme.id.span, { theme: theme.id.name, ...(theme.page ? { page: true } : {}) }));
    }
  }
  const scan = ctx.file.scans[0];
  if (scan && ctx.allItems.length === 0 && ctx.file.recovered.size === 0) {
    ctx.report(raw("scan-empty", "empty", scan.id.span, { scan: scan.id.name }));
  }
};
