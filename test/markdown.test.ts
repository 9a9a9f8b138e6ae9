import { describe, expect, it } from "vitest";
import { escapeHtml, hasMarkdown, renderMarkdown } from "../client/src/lib/markdown.ts";

// Tags the renderer may produce; anything else in the output would be injected markup.
const allowedTags = new Set(["strong", "em", "ul", "li", "br"]);

function tagsIn(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());
}

describe("help text renderer", () => {
  it("renders bold, italic and dash lists", () => {
    expect(renderMarkdown("Dit is **belangrijk** en *zacht*.")).toBe(
      "Dit is <strong>belangrijk</strong> en <em>zacht</em>.",
    );
    expect(renderMarkdown("Denk aan:\n- de **missie**\n- de visie")).toBe(
      "Denk aan:<ul><li>de <strong>missie</strong></li><li>de visie</li></ul>",
    );
    expect(renderMarkdown("Eerste alinea.\n\nTweede alinea.")).toBe("Eerste alinea.<br><br>Tweede alinea.");
  });

  it("leaves lone asterisks and arithmetic alone", () => {
    expect(renderMarkdown("2 * 3 * 4")).toBe("2 * 3 * 4");
  });

  it.each([
    ["an img with onerror", `<img src=x onerror="alert(1)">`],
    ["a script tag", `<script>alert(document.cookie)</script>`],
    ["a javascript: link in markdown syntax", `[klik](javascript:alert(1))`],
    ["a javascript: href in html", `<a href="javascript:alert(1)">klik</a>`],
    ["markup hidden inside bold", `**<img src=x onerror=alert(1)>**`],
    ["markup inside a list item", `- <svg onload=alert(1)>\n- *<iframe src=//evil>*`],
    ["attribute breakout quotes", `" onmouseover="alert(1)' x='`],
    ["an html entity trick", `&lt;script&gt;alert(1)&lt;/script&gt;`],
  ])("never lets %s through as markup", (_name, input) => {
    const html = renderMarkdown(input);
    expect(tagsIn(html).every((tag) => allowedTags.has(tag))).toBe(true);
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(html).not.toMatch(/<[^>]*href/i);
    expect(html).not.toContain('"');
    // The text itself survives, visibly, as text.
    const doc = html.replace(/<[^>]+>/g, "");
    expect(doc.length).toBeGreaterThan(0);
  });

  it("escapes every HTML-significant character", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    expect(renderMarkdown("&lt;b&gt;")).toBe("&amp;lt;b&amp;gt;");
  });

  it("knows when a text needs no HTML rendering at all", () => {
    expect(hasMarkdown("Gewone titel")).toBe(false);
    expect(hasMarkdown("Met **nadruk**")).toBe(true);
    expect(hasMarkdown("- een lijst")).toBe(true);
  });
});
