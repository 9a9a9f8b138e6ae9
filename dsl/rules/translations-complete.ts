import type { TextNode } from "../ast.ts";
import type { Rule } from "../check.ts";
import { raw } from "../diagnostics.ts";
import type { TextPlace } from "../messages/types.ts";

/** When a scan declares `language nl en`, every text respondents see has an English translation (a warning). */
export const translationsComplete: Rule = (ctx) => {
  const scan = ctx.file.scans[0];
  if (!scan?.languages.some((l) => l.name === "en")) return;
  const texts: [TextNode | undefined, TextPlace][] = [
    [scan.title, { place: "scan-title" }],
    ...scan.intro.map((t): [TextNode, TextPlace] => [t, { place: "intro" }]),
    ...ctx.file.scales.flatMap((s) => [
      ...s.labels.map((l): [TextNode, TextPlace] => [l.text, { place: "label", scale: s.id.name, value: l.value }]),
      ...(s.notApplicable ? [[s.notApplicable, { place: "not-applicable", scale: s.id.name }] as [TextNode, TextPlace]] : []),
    ]),
    ...ctx.file.themes.flatMap((t) => [
      [t.title, { place: "theme-title", theme: t.id.name, ...(t.page ? { page: true } : {}) }] as [TextNode, TextPlace],
      ...t.help.map((h): [TextNode, TextPlace] => [h, { place: "theme-help", theme: t.id.name, ...(t.page ? { page: true } : {}) }]),
    ]),
    ...ctx.allItems.flatMap((i) => [
      [i.title, { place: "item-title", item: i.id.name }] as [TextNode, TextPlace],
      ...i.help.map((h): [TextNode, TextPlace] => [h, { place: "item-help", item: i.id.name }]),
      ...i.options.map((o): [TextNode, TextPlace] => [o.text, { place: "option", item: i.id.name, option: o.id.name }]),
    ]),
  ];
  for (const [text, place] of texts) {
    if (!text || text.en !== undefined) continue;
    ctx.report(raw("translation-missing", "missing", text.span, place));
  }
};
