import { diagnostic, type Diagnostic } from "./diagnostics.ts";
import type { Span } from "./source.ts";

export type TokenKind = "word" | "int" | "string" | "punct";

export interface Token {
  kind: TokenKind;
  /** The token as written (for strings: the decoded value). */
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
  /** The line has an unterminated string (already reported): what follows it is unknown. */
  broken: boolean;
}

const PUNCT = ["..", "!=", ">=", "<=", "=", ">", "<", "-", "."] as const;

function isWordStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
}
function isWordPart(c: string): boolean {
  return isWordStart(c) || isDigit(c) || c === "-";
}
function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

/**
 * Splits a scan file into lines of tokens. Never throws: a problem becomes a diagnostic and the
 * lexer carries on with the next character (or, for an unterminated string, the next line).
 */
export function lex(text: string): { lines: Line[]; diagnostics: Diagnostic[] } {
  const lines: Line[] = [];
  const diagnostics: Diagnostic[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = lexLine(text, lineStart, lineEnd, diagnostics);
    if (line) lines.push(line);
    lineStart = lineEnd + 1;
  }
  return { lines, diagnostics };
}

function lexLine(text: string, start: number, end: number, diagnostics: Diagnostic[]): Line | null {
  let i = start;
  let indent = 0;
  while (i < end && (text[i] === " " || text[i] === "\t")) {
    if (text[i] === "\t") {
      diagnostics.push(
        diagnostic("indent-invalid", { start: i, end: i + 1 }, "tabs cannot be used for indentation", {
          label: "tab",
          help: "indent with two spaces per level",
        }),
      );
      indent += 2;
    } else indent += 1;
    i++;
  }
  const tokens: Token[] = [];
  const before = diagnostics.length;
  while (i < end) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") break;
    if (c === '"') {
      i = lexString(text, i, end, tokens, diagnostics);
      continue;
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (j < end && isDigit(text[j]!)) j++;
      tokens.push({ kind: "int", text: text.slice(i, j), span: { start: i, end: j } });
      i = j;
      continue;
    }
    if (isWordStart(c)) {
      let j = i + 1;
      while (j < end && isWordPart(text[j]!)) j++;
      // A trailing "-" belongs to the next token (e.g. `3-` is never written); keep words clean.
      while (j > i + 1 && text[j - 1] === "-") j--;
      tokens.push({ kind: "word", text: text.slice(i, j), span: { start: i, end: j } });
      i = j;
      continue;
    }
    const punct = PUNCT.find((p) => text.startsWith(p, i));
    if (punct) {
      tokens.push({ kind: "punct", text: punct, span: { start: i, end: i + punct.length } });
      i += punct.length;
      continue;
    }
    const width = c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) < 0xdc00 ? 2 : 1;
    diagnostics.push(
      diagnostic("character-unexpected", { start: i, end: i + width }, `unexpected character \`${text.slice(i, i + width)}\``, {
        help: c === "'" || c === "“" || c === "”" ? 'texts go between straight double quotes: "..."' : undefined,
      }),
    );
    i += width;
  }
  if (tokens.length === 0) return null;
  const first = tokens[0]!.span.start;
  const last = tokens[tokens.length - 1]!.span.end;
  const broken = diagnostics.slice(before).some((d) => d.id === "string-unterminated");
  return { indent, tokens, span: { start: first, end: last }, start, broken };
}

/** Reads a double-quoted string starting at `i`; returns the offset after it. */
function lexString(text: string, i: number, end: number, tokens: Token[], diagnostics: Diagnostic[]): number {
  let j = i + 1;
  let value = "";
  while (j < end) {
    const c = text[j]!;
    if (c === '"') {
      tokens.push({ kind: "string", text: value, span: { start: i, end: j + 1 } });
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
  const stop = text[end - 1] === "\r" ? end - 1 : end;
  diagnostics.push(
    diagnostic("string-unterminated", { start: i, end: Math.max(i + 1, stop) }, "this text has no closing quote", {
      label: "text starts here",
      help: 'end the text with " on the same line',
    }),
  );
  tokens.push({ kind: "string", text: value.replace(/\r$/, ""), span: { start: i, end: stop } });
  return end;
}
