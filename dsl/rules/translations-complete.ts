import type { TextNode } from "../ast.ts";
import type { Rule } from "../check.ts";
import { diagnostic } from "../diagnostics.ts";

/** When a scan declares `language nl en`, every text has an English translation (a warning). */
export const translationsComplete: Rule = (ctx) => {
  const scan = ctx.file.scans[0];
  if (!scan?.languages.some((l) => l.name === "en")) return;
  const texts: [TextNode | undefined, string][] = [
    [scan.title, "the scan title"],
    ...scan.intro.map((t): [TextNode, string] => [t, "the introduction"]),
    ...ctx.file.scales.flatMap((s) => s.labels.map((l): [TextNode, string] => [l.text, `label ${l.value} of scale \`${s.id.name}\``])),
    ...ctx.file.themes.flatMap((t) => [
      [t.title, `the title of theme \`${t.id.name}\``] as [TextNode, string],
      ...t.help.map((h): [TextNode, string] => [h, `the help of theme \`${t.id.name}\``]),
    ]),
    ...ctx.allItems.flatMap((i) => [
      [i.title, `item \`${i.id.name}\``] as [TextNode, string],
      ...i.help.map((h): [TextNode, string] => [h, `the help of item \`${i.id.name}\``]),
      ...i.options.map((o): [TextNode, string] => [o.text, `option \`${o.id.name}\` of \`${i.id.name}\``]),
    ]),
  ];
  for (const [text, what] of texts) {
    if (!text || text.en !== undefined) continue;
    ctx.report(
      diagnostic("translation-missing", text.span, `${what} has no English translation`, {
        help: 'add `en "..."` after the Dutch text, or remove `en` from the `language` line',
      }),
    );
  }
};
