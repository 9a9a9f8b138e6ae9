import type { Ident } from "../ast.ts";
import type { CheckContext, Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";

type DuplicateId = "scale-duplicate" | "theme-duplicate" | "item-duplicate" | "option-duplicate";

function reportDuplicates(ctx: CheckContext, ids: Ident[], id: DuplicateId): void {
  const seen = new Map<string, Ident>();
  for (const ident of ids) {
    if (!ident.name) continue;
    const first = seen.get(ident.name);
    if (!first) {
      seen.set(ident.name, ident);
      continue;
    }
    ctx.report(raw(id, "duplicate", ident.span, { name: ident.name, line: ctx.line(first.span) }));
  }
}

/** Scales, themes, items and the options of one item each have unique names. */
export const namesUnique: Rule = (ctx) => {
  reportDuplicates(ctx, ctx.file.scales.map((s) => s.id), "scale-duplicate");
  reportDuplicates(ctx, ctx.file.themes.map((t) => t.id), "theme-duplicate");
  reportDuplicates(ctx, ctx.allItems.map((i) => i.id), "item-duplicate");
  for (const item of ctx.allItems) reportDuplicates(ctx, item.options.map((o) => o.id), "option-duplicate");
};
