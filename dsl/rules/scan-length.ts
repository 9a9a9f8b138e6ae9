import type { Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";
import { estimateMinutes } from "../estimate.ts";

/** Longer scans lose respondents: the book cut 55 statements to 45 "om de drempel te verlagen". */
export const LONG_SCAN_MINUTES = 20;
export const LONG_SCAN_ITEMS = 60;

/** A scan that takes long to fill in gets a warning. */
export const scanLength: Rule = (ctx) => {
  const scan = ctx.file.scans[0];
  if (!scan) return;
  const minutes = estimateMinutes(ctx.allItems);
  if (minutes <= LONG_SCAN_MINUTES && ctx.allItems.length <= LONG_SCAN_ITEMS) return;
  ctx.report(
    raw("scan-long", "long", scan.id.span, {
      scan: scan.id.name,
      items: ctx.allItems.length,
      minutes,
      maxItems: LONG_SCAN_ITEMS,
      maxMinutes: LONG_SCAN_MINUTES,
    }),
  );
};
