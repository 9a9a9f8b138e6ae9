import type { Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";
import { kinds } from "../kinds.ts";

/** Choice items have options, other items have none; kind-specific flags sit on their kinds. */
export const itemSettingsFitKind: Rule = (ctx) => {
  for (const item of ctx.allItems) {
    const kind = kinds[item.kind];
    // A setting line that could not be read may have been an option: say nothing more.
    if (kind.options && item.options.length === 0 && !item.incomplete) {
      ctx.report(raw("option-missing", "none", item.id.span, { kind: item.kind, item: item.id.name }));
    }
    if (kind.options && item.options.length === 1 && !item.incomplete) {
      ctx.report(raw("option-missing", "one", item.options[0]!.id.span, { kind: item.kind, item: item.id.name }));
    }
    if (!kind.options && item.options[0]) {
      ctx.report(raw("flag-misplaced", "options", item.options[0].id.span, { kind: item.kind }));
    }
    for (const flag of ["reverse", "partly", "short"] as const) {
      const node = item[flag];
      if (node && !kind.flags.includes(flag)) {
        const owners = (Object.keys(kinds) as (keyof typeof kinds)[]).filter((k) => kinds[k].flags.includes(flag));
        ctx.report(raw("flag-misplaced", "flag", node.span, { flag, kind: item.kind, owners }));
      }
    }
  }
};
