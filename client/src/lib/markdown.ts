// The Markdown subset allowed in scan help texts: **bold**, *italic*, and lines starting "- "
// as a list. Everything is HTML-escaped first, so the only tags in the output are the ones
// produced here; scan text and answers can never inject markup, attributes or URLs.

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch);
}

function renderInline(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, "<strong>$1</strong>")
    .replace(/\*(?=\S)(.+?)(?<=\S)\*/g, "<em>$1</em>");
}

/** Whether `text` uses any of the subset, i.e. whether rendering it as HTML changes anything. */
export function hasMarkdown(text: string): boolean {
  return /\*\S|\n|^\s*- /m.test(text);
}

/** Renders the subset to HTML; safe to assign to innerHTML. */
export function renderMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: { kind: "list" | "paragraph"; html: string }[] = [];
  let list: string[] = [];
  let paragraph: string[] = [];
  const flushList = () => {
    if (list.length > 0) {
      out.push({ kind: "list", html: `<ul>${list.map((li) => `<li>${li}</li>`).join("")}</ul>` });
    }
    list = [];
  };
  const flushParagraph = () => {
    if (paragraph.length > 0) out.push({ kind: "paragraph", html: paragraph.join("<br>") });
    paragraph = [];
  };
  for (const line of lines) {
    const item = /^\s*- (.*)$/.exec(line);
    if (item) {
      flushParagraph();
      list.push(renderInline(escapeHtml(item[1] ?? "")));
    } else if (line.trim() === "") {
      flushList();
      flushParagraph();
    } else {
      flushList();
      paragraph.push(renderInline(escapeHtml(line)));
    }
  }
  flushList();
  flushParagraph();
  return out
    .map((block, i) => {
      const previous = out[i - 1];
      const gap = previous?.kind === "paragraph" && block.kind === "paragraph" ? "<br><br>" : "";
      return gap + block.html;
    })
    .join("");
}
