import { raw, type RawDiagnostic } from "./diagnostics.ts";
import type { Repeats, UnusualSpace } from "./messages/types.ts";
import type { Span } from "./source.ts";

export type TokenKind = "word" | "int" | "string" | "punct";

export interface Token {
  kind: TokenKind;
  /** The token as written (strings: the decoded value; punctuation: its canonical form, `≥` → `>=`). */
  text: string;
  span: Span;
}

/** One non-blank, non-comment line: its indentation (in spaces) and its tokens. */
export interface Line {
  indent: number;
  tokens: Token[];
  span: Span;
  /** Offset of the line's first character (column 1). */
  start: number;
  /** 1-based line number. */
  number: number;
  /** The line has an unterminated string (already reported): what follows it is unknown. */
  broken: boolean;
}

// `&&`, `||`, `&` and `!` mean nothing in the language; they are tokens so that a condition
// written as in a spreadsheet gets one error naming `and`, `or` or `not`.
// `…` is what Word makes of three dots (`1...5`); the parser names it in a range.
const PUNCT = ["..", "!=", ">=", "<=", "&&", "||", "=", ">", "<", "-", ".", "(", ")", "&", "!", "…"] as const;
/** Look-alikes pasted from Word or a PDF, read as what they look like. */
const PUNCT_ALIASES: Record<string, string> = { "–": "-", "—": "-", "≥": ">=", "≤": "<=", "≠": "!=" };

/** Double quotes that open a text: straight, and the curly ones Word types (“…”, „…”). */
const CURLY_OPEN = new Set(["“", "„", "”"]);
const DOUBLE_CLOSE = new Set(['"', "”", "“"]);
/** Single quotes: never text quotes (an apostrophe inside a Dutch text is common: zo'n). */
const SINGLE = new Set(["'", "‘", "’", "‚"]);

const UNUSUAL_SPACES: Record<string, UnusualSpace> = {
  "\u00a0": "nbsp",
  "\u202f": "narrow-nbsp",
  "\u2007": "figure-space",
  "\u200b": "zero-width",
  "\u200c": "zero-width",
  "\u200d": "zero-width",
  "\u2060": "zero-width",
  "\ufeff": "bom",
  "\u2002": "other-space",
  "\u2003": "other-space",
  "\u2009": "other-space",
  "\u3000": "other-space",
};
const ZERO_WIDTH: ReadonlySet<UnusualSpace> = new Set(["zero-width", "bom"]);

const LETTER = /^[\p{L}\p{M}]$/u;

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}
function isWordStart(c: string): boolean {
  if ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_") return true;
  return c.charCodeAt(0) >= 0xc0 && LETTER.test(c);
}
function isWordPart(c: string): boolean {
  return isWordStart(c) || isDigit(c) || c === "-";
}

/** The character (a whole code point) at `i`. */
function charAt(text: string, i: number): string {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next < 0xe000) return text.slice(i, i + 2);
  }
  return text[i]!;
}

export function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** A pasted-text problem that is reported once per file, with the lines it recurs on. */
interface Recurring {
  first: Span;
  lastLine: number;
  /** Other lines it occurs on (the first ten). */
  lines: number[];
  count: number;
  make(span: Span, repeats: Repeats): RawDiagnostic;
}

/**
 * Splits a scan file into lines of tokens. Never throws: a problem becomes a diagnostic and the
 * lexer carries on with the next character (or, for an unterminated string, the next line).
 * Text pasted from Word is read as meant where that is unambiguous: a byte-order mark at the start,
 * CRLF line ends, blank lines holding only tabs or spaces, curly double quotes and unusual spaces
 * (the last with a warning); single quotes and tab indentation are errors, reported once per file.
 */
export function lex(text: string): { lines: Line[]; diagnostics: RawDiagnostic[] } {
  const lexer = new Lexer(text);
  return { lines: lexer.run(), diagnostics: lexer.diagnostics };
}

class Lexer {
  readonly diagnostics: RawDiagnostic[] = [];
  private readonly recurring = new Map<string, Recurring>();
  private lineNumber = 0;
  private tokens: Token[] = [];
  private broken = false;
  /** Where the line being read ends: further than its newline when a text runs onto the next line. */
  private lineEnd = 0;
  /** Where the diagnostics of the line being read begin. */
  private lineMark = 0;
  /** Single quotes counted on the line being read: `first` (a new report) or `repeat`. */
  private singleHere: "first" | "repeat" | null = null;

  constructor(private readonly text: string) {}

  run(): Line[] {
    const { text } = this;
    const lines: Line[] = [];
    // Notepad's byte-order mark: nothing to report.
    let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (lineStart <= text.length) {
      let lineEnd = text.indexOf("\n", lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      this.lineNumber++;
      const line = this.line(lineStart, lineEnd);
      if (line) lines.push(line);
      lineStart = this.lineEnd + 1;
    }
    for (const r of this.recurring.values()) {
      this.diagnostics.push(r.make(r.first, { lines: r.lines, count: r.count }));
    }
    return lines;
  }

  private recur(key: string, span: Span, make: Recurring["make"]): void {
    const seen = this.recurring.get(key);
    if (!seen) {
      this.recurring.set(key, { first: span, lastLine: this.lineNumber, lines: [], count: 0, make });
      return;
    }
    if (seen.lastLine === this.lineNumber) return;
    seen.lastLine = this.lineNumber;
    seen.count++;
    if (seen.lines.length < 10) seen.lines.push(this.lineNumber);
  }

  private unusualSpace(c: string, i: number): void {
    const kind = UNUSUAL_SPACES[c]!;
    const span = { start: i, end: i + c.length };
    this.recur(`space:${kind}`, span, (s, repeats) =>
      raw("whitespace-unusual", "space", s, { kind, code: codePoint(c), repeats }),
    );
  }

  private line(start: number, end: number): Line | null {
    const { text } = this;
    const number = this.lineNumber;
    this.lineEnd = end;
    this.lineMark = this.diagnostics.length;
    this.singleHere = null;
    let i = start;
    let indent = 0;
    let tab = -1;
    while (i < end) {
      const c = text[i]!;
      if (c === " ") indent++;
      else if (c === "\t") {
        if (tab < 0) tab = i;
        indent += 2;
      } else if (UNUSUAL_SPACES[c] !== undefined) {
        this.unusualSpace(c, i);
        if (!ZERO_WIDTH.has(UNUSUAL_SPACES[c]!)) indent++;
      } else if (c !== "\r") break;
      i++;
    }
    this.tokens = [];
    this.broken = false;
    while (i < end) {
      const c = charAt(text, i);
      if (c === " " || c === "\t" || c === "\r") {
        i++;
        continue;
      }
      if (UNUSUAL_SPACES[c] !== undefined) {
        this.unusualSpace(c, i);
        i++;
        continue;
      }
      if (c === "#") break;
      if (c === "/" && text[i + 1] === "/" && this.tokens.length === 0) {
        // A comment as in other languages: reported once per file, and read as a comment.
        this.recur("slash-comment", { start: i, end: i + 2 }, (s, repeats) => raw("character-unexpected", "comment", s, { repeats }));
        break;
      }
      if (c === '"' || CURLY_OPEN.has(c)) {
        i = this.string(i, end);
        end = this.lineEnd;
        continue;
      }
      if (SINGLE.has(c)) {
        i = this.singleQuoted(i, end);
        continue;
      }
      if (isDigit(c)) {
        let j = i + 1;
        while (j < end && isDigit(text[j]!)) j++;
        this.push("int", text.slice(i, j), i, j);
        i = j;
        continue;
      }
      if (isWordStart(c)) {
        let j = i + c.length;
        while (j < end) {
          const next = charAt(text, j);
          if (!isWordPart(next)) break;
          j += next.length;
        }
        // A trailing "-" belongs to the next token (e.g. `3-` is never written); keep words clean.
        while (j > i + 1 && text[j - 1] === "-") j--;
        // Dutch `t/m` (tot en met) in a range: one token, so the parser can name it.
        if (j === i + 1 && (c === "t" || c === "T") && /^\/[mM]$/.test(text.slice(j, j + 2)) && !(j + 2 < end && isWordStart(charAt(text, j + 2)))) {
          this.push("punct", "t/m", i, j + 2);
          i = j + 2;
          continue;
        }
        this.push("word", text.slice(i, j), i, j);
        i = j;
        continue;
      }
      const punct = PUNCT.find((p) => text.startsWith(p, i));
      if (punct) {
        this.push("punct", punct, i, i + punct.length);
        i += punct.length;
        continue;
      }
      const alias = PUNCT_ALIASES[c];
      if (alias) {
        this.push("punct", alias, i, i + c.length);
        i += c.length;
        continue;
      }
      this.diagnostics.push(
        raw("character-unexpected", "unexpected", { start: i, end: i + c.length }, { char: c, code: codePoint(c) }),
      );
      i += c.length;
    }
    if (this.tokens.length === 0) return null;
    if (tab >= 0) {
      this.recur("tab", { start: tab, end: tab + 1 }, (s, repeats) => raw("indent-invalid", "tab", s, { repeats }));
    }
    const first = this.tokens[0]!.span.start;
    const last = this.tokens[this.tokens.length - 1]!.span.end;
    return { indent, tokens: this.tokens, span: { start: first, end: last }, start, number, broken: this.broken };
  }

  private push(kind: TokenKind, value: string, start: number, end: number): void {
    this.tokens.push({ kind, text: value, span: { start, end } });
  }

  /**
   * A closing quote of `closers` that ends a text: the first one followed by a space, a comment or
   * the end of the line, else the last one on the line; -1 when there is none.
   */
  private closer(from: number, end: number, closers: ReadonlySet<string>): number {
    const { text } = this;
    let last = -1;
    for (let j = from; j < end; j++) {
      if (!closers.has(text[j]!)) continue;
      const next = text[j + 1];
      if (j + 1 >= end || next === " " || next === "\t" || next === "\r" || next === "#") return j;
      last = j;
    }
    return last;
  }

  /**
   * The closing quote of a curly-opened text that quotes something itself, as Word writes it:
   * `“Het “keukentafelgesprek” hielp”`. An opening quote right before a word opens an inner
   * quote, whose ” is skipped; the text ends at a ” outside any inner quote that is followed by a
   * space, a comment or the end of the line. -1 when there is no such quote (then `closer` decides).
   */
  private nestedCloser(from: number, end: number): number {
    const { text } = this;
    let depth = 0;
    for (let j = from; j < end; j++) {
      const c = text[j]!;
      const next = text[j + 1];
      const ends = j + 1 >= end || next === " " || next === "\t" || next === "\r" || next === "#";
      if ((c === "“" || c === "„") && !ends && next !== "”") depth++;
      else if (c === "”" && depth > 0) depth--;
      else if (DOUBLE_CLOSE.has(c) && c !== '"' && depth === 0 && ends) return j;
    }
    return -1;
  }

  /** Reads a double-quoted text starting at `i`; returns the offset after it. */
  private string(i: number, end: number): number {
    const { text } = this;
    const straight = text[i] === '"';
    let j = i + 1;
    let value = "";
    if (straight) {
      while (j < end) {
        const c = text[j]!;
        if (c === '"') {
          this.push("string", value, i, j + 1);
          return j + 1;
        }
        if (c === "\\" && j + 1 < end && (text[j + 1] === '"' || text[j + 1] === "\\")) {
          value += text[j + 1];
          j += 2;
          continue;
        }
        value += c;
        j++;
      }
    }
    // A curly quote closes a curly-opened text, and a straight-opened one that Word finished.
    const nested = straight ? -1 : this.nestedCloser(i + 1, end);
    const close = nested >= 0 ? nested : this.closer(i + 1, end, straight ? CURLY_CLOSE_ONLY : DOUBLE_CLOSE);
    if (close > i) {
      this.push("string", text.slice(i + 1, close).replace(/\\(["\\])/g, "$1"), i, close + 1);
      return close + 1;
    }
    const stop = text[end - 1] === "\r" ? end - 1 : end;
    // A quote right after a word (`plan."`) closes a text that never opened.
    const before = i > 0 ? text[i - 1]! : " ";
    const opening = before !== " " && before !== "\t";
    if (!opening) {
      const joined = this.continued(i, stop, end, straight);
      if (joined >= 0) return joined;
    } else this.forgetTextBefore();
    this.diagnostics.push(
      raw("string-unterminated", opening ? "opening" : "closing", { start: i, end: Math.max(i + 1, stop) }, {}),
    );
    this.push("string", text.slice(i + 1, stop), i, stop);
    this.broken = true;
    return end;
  }

  /**
   * A text that Word broke over two lines: its closing quote is the first quote on the next line,
   * right after a word. Reported once, at the opening quote, and read as one text with the rest of
   * the next line, so what follows on it (`on mate`) is read too. Returns -1 when the next line does
   * not finish the text.
   */
  private continued(i: number, stop: number, end: number, straight: boolean): number {
    const { text } = this;
    if (end >= text.length) return -1;
    let nextEnd = text.indexOf("\n", end + 1);
    if (nextEnd < 0) nextEnd = text.length;
    let from = end + 1;
    while (from < nextEnd && (text[from] === " " || text[from] === "\t" || UNUSUAL_SPACES[text[from]!] !== undefined)) from++;
    let k = from;
    while (k < nextEnd && text[k] !== '"' && !DOUBLE_CLOSE.has(text[k]!) && !SINGLE.has(text[k]!) && text[k] !== "#") k++;
    if (k === from || k >= nextEnd || text[k] === "#" || SINGLE.has(text[k]!)) return -1;
    if (straight ? text[k] !== '"' && !CURLY_CLOSE_ONLY.has(text[k]!) : !DOUBLE_CLOSE.has(text[k]!)) return -1;
    const after = text[k + 1];
    if (k + 1 < nextEnd && after !== " " && after !== "\t" && after !== "\r" && after !== "#") return -1;
    this.lineNumber++;
    this.lineEnd = nextEnd;
    this.diagnostics.push(raw("string-unterminated", "line-break", { start: i, end: Math.max(i + 1, stop) }, { line: this.lineNumber }));
    const value = `${text.slice(i + 1, stop).trimEnd()} ${text.slice(from, k)}`;
    this.push("string", value.replace(/\\(["\\])/g, "$1"), i, k + 1);
    return k + 1;
  }

  /**
   * A closing quote without an opening one: the words read before it on this line were the text,
   * so the commas, apostrophes and other characters in it are no problems of their own.
   */
  private forgetTextBefore(): void {
    const kept = this.diagnostics.slice(this.lineMark).filter((d) => d.id !== "character-unexpected");
    this.diagnostics.length = this.lineMark;
    this.diagnostics.push(...kept);
    const single = this.recurring.get("single-quote");
    if (single && this.singleHere === "first") this.recurring.delete("single-quote");
    else if (single && this.singleHere === "repeat") {
      single.count--;
      if (single.lines[single.lines.length - 1] === this.lineNumber) single.lines.pop();
      single.lastLine = -1;
    }
    this.singleHere = null;
  }

  /** A text between single quotes: reported once per file, then read as a text. */
  private singleQuoted(i: number, end: number): number {
    const { text } = this;
    const close = this.closer(i + 1, end, SINGLE);
    // An apostrophe after a letter with no closing quote on the line (`collega's` in a text whose
    // opening quote is missing): a stray character, not the start of a text.
    if (close < 0 && i > 0 && LETTER.test(text[i - 1]!)) {
      this.diagnostics.push(raw("character-unexpected", "unexpected", { start: i, end: i + 1 }, { char: text[i]!, code: codePoint(text[i]!) }));
      return i + 1;
    }
    const seen = this.recurring.get("single-quote");
    if (this.singleHere === null) this.singleHere = !seen ? "first" : seen.lastLine === this.lineNumber ? null : "repeat";
    this.recur("single-quote", { start: i, end: i + 1 }, (s, repeats) =>
      raw("quote-invalid", "single", s, { quote: text.slice(s.start, s.end), repeats }),
    );
    const stop = close > i ? close : text[end - 1] === "\r" ? end - 1 : end;
    this.push("string", text.slice(i + 1, stop), i, close > i ? close + 1 : stop);
    return close > i ? close + 1 : end;
  }
}

const CURLY_CLOSE_ONLY = new Set(["”", "“"]);
