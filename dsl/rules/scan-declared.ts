import type { Rule } from "../check.ts";
import { diagnostic } from "../diagnostics.ts";

/** A file holds exactly one `scan` block, and it has a title. */
export const scanDeclared: Rule = (ctx) => {
  const [scan, ...extra] = ctx.file.scans;
  if (!scan) {
    const start = ctx.file.themes[0]?.span.start ?? 0;
    ctx.report(
      diagnostic("scan-missing", { start, end: start + 1 }, "this file has no `scan` block", {
        help: 'start the file with `scan <name>` and, indented below it, `title "..."`',
      }),
    );
    return;
  }
  for (const other of extra) {
    ctx.report(
      diagnostic("scan-duplicate", other.id.span, `a second scan \`${other.id.name}\` in the same file`, {
        help: `put each scan in its own file (the first is \`${scan.id.name}\` on line ${ctx.line(scan.span)})`,
      }),
    );
  }
  if (!scan.title && !scan.incomplete) {
    ctx.report(
      diagnostic("property-missing", scan.id.span, `scan \`${scan.id.name}\` has no title`, {
        help: 'add an indented line below it: title "..."',
      }),
    );
  }
  const main = scan.languages[0];
  if (main && main.name !== "nl") {
    ctx.report(
      diagnostic("property-invalid", main.span, `the main language must be \`nl\`, not \`${main.name}\``, {
        help: "scan texts are written in Dutch first; list other languages after it: `language nl en`",
      }),
    );
  }
  for (const lang of scan.languages.slice(1)) {
    if (lang.name !== "en") {
      ctx.report(
        diagnostic("property-invalid", lang.span, `translations into \`${lang.name}\` are not supported`, {
          help: "the only translation language is `en`",
        }),
      );
    }
  }
};
