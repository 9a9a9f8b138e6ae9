import type { Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";

/**
 * Every scan says who fills it in: each person on their own (the minimum group size protects
 * them) or a team once, together (one shared response, shown at once). Nothing is assumed: a file
 * written before `answered-by` existed gets an error that names both choices.
 */
export const answeredByDeclared: Rule = (ctx) => {
  const scan = ctx.file.scans[0];
  if (!scan) return;
  const respondent = scan.respondent?.name;
  if (!scan.answeredBy) {
    // A settings line that could not be read may have been `answered-by`.
    if (scan.incomplete) return;
    ctx.report(raw("answered-by-missing", "missing", scan.id.span, { scan: scan.id.name, ...(respondent ? { respondent } : {}) }));
    return;
  }
  // "respondent team" read beside "each person" is the confusion the declaration exists to end.
  if (scan.answeredBy.value === "each-person" && respondent === "team") {
    ctx.report(raw("answered-by-conflict", "team-word", scan.respondent!.span, { respondent }));
  }
};
