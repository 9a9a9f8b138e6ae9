import type { Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";

/** A file holds exactly one `scan` block, and it has a title; Dutch is its main language. */
export const scanDeclared: Rule = (ctx) => {
  const [scan, ...extra] = ctx.file.scans;
  if (!scan) {
    const start = ctx.file.themes[0]?.span.start ?? 0;
    ctx.report(raw("scan-missing", "missing", { start, end: start + 1 }, {}));
    return;
  }
  for (const other of extra) {
    ctx.report(raw("scan-duplicate", "second", other.id.span, { name: other.id.name, first: scan.id.name, line: ctx.line(scan.span) }));
  }
  if (!scan.title && !scan.incomplete) {
    ctx.report(raw("property-missing", "title", scan.id.span, { scan: scan.id.name }));
  }
  const main = scan.languages[0];
  if (main && main.name !== "nl") {
    ctx.report(raw("property-invalid", "main-language", main.span, { lang: main.name }));
  }
  for (const lang of scan.languages.slice(1)) {
    if (lang.name !== "en") ctx.report(raw("property-invalid", "translation-language", lang.span, { lang: lang.name }));
  }
};
