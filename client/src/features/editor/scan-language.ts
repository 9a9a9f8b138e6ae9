// Syntax highlighting for the scan language (docs/scan-taal.md, chapter 15) as a CodeMirror
// stream language: a line-based tokenizer, as the language itself is line-based.
import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StringStream } from "@codemirror/language";
import { tags } from "@lezer/highlight";

const blocks = new Set(["scan", "scale", "theme", "page", "score"]);
const kinds = new Set(["rate", "pair", "step", "choice", "multi", "yesno", "text"]);
const properties = new Set([
  "title", "intro", "note", "language", "respondent", "answered-by", "cadence", "anonymous", "help", "option",
  "required", "optional", "discriminating", "reverse", "partly", "short", "show", "if", "ladder", "not-applicable",
]);
const words = new Set([
  "on", "and", "or", "not", "en", "every", "once", "yes", "no", "days", "weeks", "months", "contains",
  "ja", "nee", "deels", "current", "desired", "each-person", "team-together",
]);

interface State {
  /** Position on the line, in tokens: the first word of a line is its keyword. */
  tokens: number;
}

function token(stream: StringStream, state: State): string | null {
  if (stream.sol()) state.tokens = 0;
  if (stream.eatSpace()) return null;
  const first = state.tokens === 0;
  state.tokens++;
  if (stream.peek() === "#") {
    stream.skipToEnd();
    return "comment";
  }
  if (stream.peek() === '"') {
    stream.next();
    let escaped = false;
    let ch: string | void;
    while ((ch = stream.next()) !== undefined) {
      if (ch === '"' && !escaped) return "string";
      escaped = !escaped && ch === "\\";
    }
    return "string";
  }
  if (stream.match(/^\d+(\.\.\d+)?/)) return "number";
  if (stream.match(/^(\.\.|!=|>=|<=|=|>|<|\(|\))/)) return "operator";
  const word = stream.match(/^[A-Za-z_][A-Za-z0-9_-]*/) as RegExpMatchArray | null;
  if (word) {
    const w = word[0];
    if (first && blocks.has(w)) return "keyword";
    if (first && kinds.has(w)) return "typeName";
    if (properties.has(w)) return "propertyName";
    if (words.has(w)) return "atom";
    return "variableName";
  }
  stream.next();
  return null;
}

export const scanLanguage = StreamLanguage.define<State>({
  name: "peilstok-scan",
  startState: () => ({ tokens: 0 }),
  token,
  languageData: { commentTokens: { line: "#" } },
});

const style = HighlightStyle.define([
  { tag: tags.keyword, color: "#7a1fa2", fontWeight: "bold" },
  { tag: tags.typeName, color: "#0b5cad", fontWeight: "bold" },
  { tag: tags.propertyName, color: "#8a4b00" },
  { tag: tags.atom, color: "#1d6b2a" },
  { tag: tags.string, color: "#a31515" },
  { tag: tags.number, color: "#116644" },
  { tag: tags.comment, color: "#6a6a6a", fontStyle: "italic" },
  { tag: tags.operator, color: "#444" },
]);

export const scanHighlighting = syntaxHighlighting(style);
