import type { Ident } from "../ast.ts";
import type { CheckContext, Rule } from "../check.ts";
import { diagnostic, type DiagnosticId } from "../diagnostics.ts";

function reportDuplicates(ctx: CheckContext, ids: Ident[], id: DiagnosticId, what: string): void {
  const seen = new Map<string, Ident>();
  for (const ident of ids) {
    if (!ident.name) continue;
    const first = seen.get(ident.name);
    if (!first) {
      seen.set(ident.name, ident);
      continue;
    }
    ctx.report(
      diagnostic(id, ident.span, `${what} \`${ident.name}\` is declared twice`, {
        label: "second declaration",
        notes: [`first declared on line ${ctx.line(first.span)}`],
        help: `give this ${what} another name`,
      }),
    );
  }
}

/** Scales, themes, items and the options of one item each have unique names. */
export const namesUnique: Rule = (ctx) => {
  reportDuplicates(ctx, ctx.file.scales.map((s) => s.id), "scale-duplicate", "scale");
  reportDuplicates(ctx, ctx.file.themes.map((t) => t.id), "theme-duplicate", "theme");
  reportDuplicates(ctx, ctx.allItems.map((i) => i.id), "item-duplicate", "item");
  for (const item of ctx.allItems) reportDuplicates(ctx, item.options.map((o) => o.id), "option-duplicate", "option");
};
