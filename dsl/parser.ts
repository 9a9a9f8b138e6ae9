import type {
  AnsweredByWord,
  CadenceNode,
  ComparisonNode,
  ConditionNode,
  Ident,
  ItemNode,
  OptionNode,
  ParamValueNode,
  ScaleNode,
  ScanFile,
  ScanNode,
  ScoreNode,
  TextNode,
  ThemeNode,
} from "./ast.ts";
import { raw, type Args, type RawDiagnostic, type Variant } from "./diagnostics.ts";
import { lex, type Line, type Token } from "./lexer.ts";
import type { After, Expected, Repeats, Where } from "./messages/types.ts";
import type { ItemKind } from "./model.ts";
import type { Span } from "./source.ts";
import { closest } from "./suggest.ts";

/** A line with the lines indented under it. */
interface Node {
  line: Line;
  children: Node[];
}

const TOP_KEYWORDS = ["scan", "scale", "theme", "page", "score"] as const;
const SCAN_KEYWORDS = ["title", "intro", "note", "language", "respondent", "answered-by", "cadence", "anonymous"] as const;
export const ITEM_KINDS = ["rate", "pair", "step", "choice", "multi", "yesno", "text"] as const satisfies readonly ItemKind[];
const THEME_KEYWORDS = ["help", ...ITEM_KINDS] as const;
const ITEM_KEYWORDS = ["help", "required", "optional", "discriminating", "reverse", "partly", "short", "option", "show"] as const;
const SCALE_KEYWORDS = ["not-applicable"] as const;
const CONDITION_OPS = ["=", "!=", ">", ">=", "<", "<="] as const;
/** Two comparison signs in a row, and the comparison meant. */
const OPERATOR_FIXES: Record<string, string> = { "=<": "<=", "=>": ">=", "==": "=", "<>": "!=", "<=": "<=", ">=": ">=", ">>": ">", "<<": "<" };

/** `and`, `or` and `not` as authors also write them: in Dutch, in capitals, or as in a spreadsheet formula. */
const JOINER_ALIASES: Record<string, "and" | "or"> = { en: "and", of: "or", AND: "and", OR: "or", And: "and", Or: "or", "&&": "and", "&": "and", "||": "or" };
const NOT_ALIASES: ReadonlySet<string> = new Set(["niet", "NOT", "Not", "!"]);

/** Deeper nesting of `not` and parentheses is no condition a person writes, and would exhaust the stack. */
const MAX_CONDITION_DEPTH = 16;
const ANSWERED_BY: readonly AnsweredByWord[] = ["each-person", "team-together"];
const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Dutch words authors write for English keyword values, and what they mean. */
const DUTCH_VALUES: Record<string, string> = {
  ja: "yes",
  nee: "no",
  dagen: "days",
  dag: "days",
  weken: "weeks",
  week: "weeks",
  maanden: "months",
  maand: "months",
  eenmalig: "once",
  elke: "every",
  iedere: "every",
  team: "team-together",
  samen: "team-together",
  individueel: "each-person",
  individual: "each-person",
  ieder: "each-person",
  iedereen: "each-person",
  op: "on",
};

const isItemKind = (word: string): word is ItemKind => (ITEM_KINDS as readonly string[]).includes(word);
const headWord = (line: Line) => (line.tokens[0]?.kind === "word" ? line.tokens[0].text : "");
/** `theme`, or `page`: a page of questions that is no theme (see ThemeNode.page). */
const holdsItems = (word: string) => word === "theme" || word === "page";
/** A line's first word, or "#" for a number (a scale label). */
const lineHead = (line: Line) => (line.tokens[0]?.kind === "int" ? "#" : headWord(line));

const KNOWN = new Set<string>([...TOP_KEYWORDS, ...SCAN_KEYWORDS, ...ITEM_KINDS, ...ITEM_KEYWORDS, ...SCALE_KEYWORDS, "#"]);

/** Whether a line with this first word can stand under `parent` (null: at the left margin). */
function fits(parent: Line | null, head: string): boolean {
  if (parent === null) return (TOP_KEYWORDS as readonly string[]).includes(head);
  const above = lineHead(parent);
  // Under a line that could not be read (a misspelt keyword), anything may stand as written.
  if (!KNOWN.has(above)) return true;
  if (above === "scan") return (SCAN_KEYWORDS as readonly string[]).includes(head);
  if (above === "scale") return head === "#" || (SCALE_KEYWORDS as readonly string[]).includes(head);
  if (holdsItems(above)) return head === "help" || isItemKind(head);
  if (isItemKind(above)) return (ITEM_KEYWORDS as readonly string[]).includes(head);
  return false;
}

/** Whether other lines can stand under this one. */
function holdsLines(line: Line): boolean {
  const head = lineHead(line);
  return head === "scan" || head === "scale" || holdsItems(head) || isItemKind(head) || !KNOWN.has(head);
}

/**
 * Parses a scan file. Never throws: every problem is a diagnostic, and parsing resumes at the
 * next line so that one typo gives one error. A line indented at the wrong level is reported and
 * then read where it evidently belongs (a label under its scale, `show if` under its item), so
 * that nothing else is reported for it.
 */
export function parse(text: string): { file: ScanFile; diagnostics: RawDiagnostic[] } {
  const { lines, diagnostics } = lex(text);
  const parser = new Parser(diagnostics, text, lines);
  const file = parser.file(parser.tree(lines));
  for (const d of diagnostics) d.syntax = true;
  return { file, diagnostics };
}

/** The name as ascii: accents dropped, capitals lowered, other characters turned into hyphens. */
export function suggestId(name: string): string {
  const folded = name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[œŒ]/g, "oe")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .replace(/[đĐ]/g, "d")
    .replace(/ı/g, "i")
    .toLowerCase();
  const s = folded.replace(/[_\s]+/g, "-").replace(/[^a-z0-9-]/g, "").replace(/-+/g, "-").replace(/^[-0-9]+|-$/g, "");
  return s || "naam";
}

type Report = <I extends RawDiagnostic["id"], V extends Variant<I>>(id: I, variant: V, span: Span, args: Args<I, V>) => void;

/** Reads the tokens of one line, reporting what is missing or extra. */
class Cursor {
  private i = 0;
  /** An error was reported for this line; anything else on it would be a consequence. */
  failed: boolean;
  constructor(
    readonly line: Line,
    private readonly report: Report,
    /** Told the ascii form of a declared name reported as invalid: references may use either. */
    private readonly invalidName: (suggestion: string) => void = () => {},
  ) {
    this.failed = line.broken;
  }

  get done(): boolean {
    return this.i >= this.line.tokens.length;
  }
  peek(offset = 0): Token | undefined {
    return this.line.tokens[this.i + offset];
  }
  next(): Token | undefined {
    return this.line.tokens[this.i++];
  }
  /** Where a missing token would have been: just after the last one read. */
  private gap(): Span {
    const prev = this.line.tokens[this.i - 1] ?? this.line.tokens[0];
    const at = prev ? prev.span.end : this.line.span.end;
    return { start: at, end: at + 1 };
  }
  missing(what: Expected, extras: { kind?: ItemKind; suggestion?: string } = {}): void {
    if (this.failed) return;
    this.failed = true;
    const found = this.peek();
    if (found) {
      const suggestion = extras.suggestion ?? (found.kind === "word" ? DUTCH_VALUES[found.text] : undefined);
      this.report("token-expected", "found", found.span, {
        what,
        found: found.text,
        ...(extras.kind ? { kind: extras.kind } : {}),
        ...(suggestion ? { suggestion } : {}),
      });
    } else {
      this.report("token-expected", "missing", this.gap(), { what, ...(extras.kind ? { kind: extras.kind } : {}) });
    }
  }
  fail<I extends RawDiagnostic["id"], V extends Variant<I>>(id: I, variant: V, span: Span, args: Args<I, V>): void {
    if (this.failed) return;
    this.failed = true;
    this.report(id, variant, span, args);
  }
  word(value: string): Token | undefined {
    const t = this.peek();
    if (t && t.kind === "word" && t.text === value) return this.next();
    return undefined;
  }
  punct(value: string): Token | undefined {
    const t = this.peek();
    if (t && t.kind === "punct" && t.text === value) return this.next();
    return undefined;
  }
  /**
   * A name. A declaration must be a valid id (`id-invalid` otherwise, once, with the ascii form);
   * a reference is taken as written, so a name reported at its declaration is not reported again.
   */
  ident(what: Expected, declaration: boolean, extras: { kind?: ItemKind } = {}): Ident | undefined {
    const t = this.peek();
    if (!t || t.kind !== "word") {
      this.missing(what, extras);
      return undefined;
    }
    this.next();
    if (declaration && !ID_PATTERN.test(t.text)) {
      // An accent is a combining mark once the name is decomposed (ë is e + ¨).
      const accent = /\p{M}/u.test(t.text.normalize("NFD"));
      const suggestion = suggestId(t.text);
      this.fail("id-invalid", accent ? "accent" : "invalid", t.span, { name: t.text, suggestion });
      this.invalidName(suggestion);
    }
    return { name: t.text, span: t.span };
  }
  int(what: Expected): { value: number; span: Span } | undefined {
    const t = this.peek();
    if (!t || t.kind !== "int") {
      this.missing(what);
      return undefined;
    }
    this.next();
    return { value: Number(t.text), span: t.span };
  }
  /** `"Dutch" [en "English"]` */
  text(what: Expected): TextNode | undefined {
    const t = this.peek();
    if (!t || t.kind !== "string") {
      this.missing(what);
      return undefined;
    }
    this.next();
    const node: TextNode = { nl: t.text, span: t.span };
    if (this.word("en")) {
      const en = this.peek();
      if (en && en.kind === "string") {
        this.next();
        node.en = en.text;
        node.enSpan = en.span;
      } else this.missing("english-text");
    }
    return node;
  }
  /** Reports anything left on the line (unless the line already has an error). */
  end(after: After): void {
    const extra = this.peek();
    if (!extra) return;
    const last = this.line.tokens[this.line.tokens.length - 1]!;
    const before = this.line.tokens[this.i - 1];
    const inner = before?.kind === "string" && before.span.end === extra.span.start && extra.kind !== "string";
    this.fail("token-unexpected", "extra", { start: extra.span.start, end: last.span.end }, {
      found: extra.text,
      after,
      text: extra.kind === "string",
      ...(inner ? { inner } : {}),
    });
    this.i = this.line.tokens.length;
  }
}

type IndentVariant = Exclude<Variant<"indent-invalid">, "tab">;

class Parser {
  private readonly file_: ScanFile;
  private readonly lineIndex = new Map<Line, number>();
  /** The last indentation problem reported, so that a run of lines with the same slip is one error. */
  private lastIndent: { variant: IndentVariant; index: number; repeats: Repeats } | null = null;
  readonly report: Report;

  constructor(
    private readonly diagnostics: RawDiagnostic[],
    private readonly text: string,
    lines: readonly Line[],
  ) {
    this.file_ = { scans: [], scales: [], themes: [], scores: [], recovered: new Set(), end: text.length };
    lines.forEach((line, i) => this.lineIndex.set(line, i));
    this.report = (id, variant, span, args) => {
      this.diagnostics.push(raw(id, variant, span, args));
    };
  }

  /** Reports an indentation problem; the same slip on the next lines joins the first report. */
  private indent<V extends IndentVariant>(line: Line, variant: V, span: Span, args: Omit<Args<"indent-invalid", V>, "repeats">): void {
    const index = this.lineIndex.get(line) ?? -1;
    const last = this.lastIndent;
    if (last && last.variant === variant && last.index === index - 1) {
      last.index = index;
      last.repeats.count++;
      if (last.repeats.lines.length < 10) last.repeats.lines.push(line.number);
      return;
    }
    const repeats: Repeats = { lines: [], count: 0 };
    this.lastIndent = { variant, index, repeats };
    this.report("indent-invalid", variant, span, { ...args, repeats } as unknown as Args<"indent-invalid", V>);
  }

  private indentSpan(line: Line): Span {
    return line.span.start > line.start ? { start: line.start, end: line.span.start } : { start: line.span.start, end: line.span.start + 1 };
  }

  /**
   * Builds the indentation tree. Each line goes under the nearest line it can belong to (a label
   * under a scale, `show if` under an item, an item under a theme), preferring the depth it is
   * written at; a line placed elsewhere than written is reported once, so what follows from the
   * slip is not. A line that belongs nowhere keeps its depth, and the parser names its first word.
   */
  tree(lines: Line[]): Node[] {
    const roots: Node[] = [];
    const stack: Node[] = [];
    for (const line of lines) {
      const written = line.indent / 2;
      const head = lineHead(line);
      let depth = -1;
      let distance = Infinity;
      for (let d = 0; d <= stack.length; d++) {
        if (!fits(d === 0 ? null : stack[d - 1]!.line, head)) continue;
        const dist = Math.abs(d - written);
        if (dist < distance || (dist === distance && d > depth)) [depth, distance] = [d, dist];
      }
      if (depth < 0) {
        // Belongs nowhere (a misspelt keyword): under the nearest line that holds other lines.
        depth = Math.min(Math.floor(written), stack.length);
        while (depth > 0 && !holdsLines(stack[depth - 1]!.line)) depth--;
      } else if (depth !== written) {
        this.misindented(line, head, depth, stack);
      }
      const node: Node = { line, children: [] };
      stack.length = depth;
      if (depth === 0) roots.push(node);
      else stack[depth - 1]!.children.push(node);
      stack.push(node);
    }
    return roots;
  }

  /** Reports a line that is read at another depth than it is written at. */
  private misindented(line: Line, head: string, depth: number, stack: readonly Node[]): void {
    const written = line.indent / 2;
    const parent = depth > 0 ? stack[depth - 1]!.line : null;
    const expected = depth * 2;
    const span = this.indentSpan(line);
    const at = line.tokens[0]!.span;
    if (!Number.isInteger(written)) return this.indent(line, "odd", span, { spaces: line.indent, expected });
    if (depth > written) {
      const parentName = parent?.tokens[1]?.text ?? "";
      if (isItemKind(head) && parent && holdsItems(lineHead(parent)))
        return this.indent(line, "item-outside-theme", at, { item: line.tokens[1]?.text ?? head, theme: parentName });
      if (parent && isItemKind(lineHead(parent)))
        return this.indent(line, "item-setting-outside-item", at, { keyword: head, item: parentName });
      if (parent && lineHead(parent) === "scale") return this.indent(line, "label-outside-scale", at, { scale: parentName });
      if (parent && lineHead(parent) === "scan") return this.indent(line, "scan-setting-outside-scan", at, { keyword: head });
      return this.indent(line, "too-shallow", span, { expected });
    }
    if (written > stack.length) return this.indent(line, "too-far", span, { expected });
    if (isItemKind(head)) return this.indent(line, "item-in-item", at, { item: line.tokens[1]?.text ?? head });
    return this.indent(line, "under-leaf", span, { expected });
  }

  private cursor(line: Line): Cursor {
    return new Cursor(line, this.report, (suggestion) => this.file_.recovered.add(suggestion));
  }

  /** file = { scan | scale | theme | page | score } */
  file(roots: Node[]): ScanFile {
    for (const node of roots) {
      const head = node.line.tokens[0]!;
      const word = headWord(node.line);
      switch (word) {
        case "scan":
          this.scan(node);
          continue;
        case "scale":
          this.scale(node);
          continue;
        case "theme":
        case "page":
          this.theme(node, word === "page");
          continue;
        case "score":
          this.score(node);
          continue;
      }
      if (isItemKind(word)) {
        // No theme above it to read it into.
        this.recover(node);
        this.indent(node.line, "item-outside-theme", head.span, { item: node.line.tokens[1]?.text ?? word });
      } else {
        this.unknown(node, TOP_KEYWORDS, "top");
        // `Scan` or `scna` before any scan: read as the scan block, so the file's settings are
        // checked and there is no `scan-missing` as a consequence.
        if (head.kind === "word" && this.file_.scans.length === 0 && closest(head.text, TOP_KEYWORDS) === "scan") this.scan(node);
      }
    }
    return this.file_;
  }

  /** Reports an unknown first word with a did-you-mean, and remembers the name it declares. */
  private unknown(node: Node, expected: readonly string[], where: Where): void {
    const head = node.line.tokens[0]!;
    this.recover(node);
    if (node.line.broken) return;
    const guess = head.kind === "word" ? closest(head.text, expected) : undefined;
    this.report("keyword-unknown", "keyword", head.span, {
      word: head.text,
      where,
      ...(guess ? { suggestion: guess } : {}),
      expected: [...expected],
    });
  }

  /** Remembers the name a line that could not be read would have declared, and those below it. */
  private recover(node: Node): void {
    const name = node.line.tokens[1];
    if (name && name.kind === "word") this.file_.recovered.add(name.text);
    for (const child of node.children) this.recover(child);
  }

  private duplicate(head: Token, name: string): void {
    this.report("property-duplicate", "setting", head.span, { name });
  }

  /** scan = "scan" ID NL INDENT { scanprop } DEDENT */
  private scan(node: Node): void {
    const c = this.cursor(node.line);
    c.next();
    const id = c.ident("scan-name", true);
    c.end("scan-name");
    const scan: ScanNode = {
      id: id ?? { name: "", span: node.line.span },
      span: node.line.span,
      intro: [],
      notes: [],
      languages: [],
      incomplete: false,
    };
    this.file_.scans.push(scan);
    for (const child of node.children) this.scanProp(scan, child);
  }

  /**
   * scanprop = "title" TEXT | "intro" TEXT | "note" TEXT | "language" LANG { LANG }
   *          | "respondent" WORD | "answered-by" ("each-person" | "team-together")
   *          | "cadence" ("once" | "every" INT ["-" INT] UNIT) | "anonymous" ("yes" | "no")
   */
  private scanProp(scan: ScanNode, node: Node): void {
    const c = this.cursor(node.line);
    const head = c.next()!;
    switch (headWord(node.line)) {
      case "title": {
        const text = c.text("title-text");
        if (text) {
          if (scan.title) this.duplicate(head, "title");
          scan.title = text;
        } else scan.incomplete = true;
        break;
      }
      case "intro": {
        const text = c.text("intro-text");
        if (text) scan.intro.push(text);
        break;
      }
      case "note": {
        const text = c.text("note-text");
        if (text) scan.notes.push(text);
        break;
      }
      case "language": {
        if (scan.languages.length) this.duplicate(head, "language");
        if (c.done) c.missing("language");
        while (!c.done) {
          const lang = c.ident("language", false);
          if (!lang) break;
          scan.languages.push(lang);
        }
        break;
      }
      case "respondent": {
        const who = c.ident("respondent", false);
        if (who) {
          if (scan.respondent) this.duplicate(head, "respondent");
          scan.respondent = who;
        }
        break;
      }
      case "answered-by": {
        const t = c.peek();
        const value = t?.kind === "word" ? ANSWERED_BY.find((w) => w === t.text) : undefined;
        if (value) {
          c.next();
          if (scan.answeredBy) this.duplicate(head, "answered-by");
          scan.answeredBy = { value, span: t!.span };
        } else {
          const guess = t?.kind === "word" ? (DUTCH_VALUES[t.text] ?? closest(t.text, ANSWERED_BY)) : undefined;
          c.missing("answered-by", guess && (ANSWERED_BY as readonly string[]).includes(guess) ? { suggestion: guess } : {});
          // Reported: do not also report the declaration as missing.
          scan.incomplete = true;
          c.next();
        }
        break;
      }
      case "cadence": {
        const cadence = this.cadence(c, head);
        if (cadence) {
          if (scan.cadence) this.duplicate(head, "cadence");
          scan.cadence = cadence;
        }
        break;
      }
      case "anonymous": {
        const t = c.peek();
        if (t && t.kind === "word" && (t.text === "yes" || t.text === "no")) {
          c.next();
          if (scan.anonymous) this.duplicate(head, "anonymous");
          scan.anonymous = { value: t.text === "yes", span: t.span };
        } else {
          c.missing("yes-no");
          c.next();
        }
        break;
      }
      default:
        if (isItemKind(headWord(node.line)) || holdsItems(headWord(node.line))) {
          // A theme's content under the scan block: the theme line is missing or not at the margin.
          this.recover(node);
        }
        scan.incomplete = true;
        this.unknown(node, SCAN_KEYWORDS, "scan");
        return;
    }
    c.end("setting");
  }

  /** cadence = "once" | "every" INT [ "-" INT ] ("days" | "weeks" | "months") */
  private cadence(c: Cursor, head: Token): CadenceNode | undefined {
    if (c.word("once")) return { span: head.span, every: null };
    if (!c.word("every")) {
      c.missing("cadence");
      return undefined;
    }
    const min = c.int("cadence-number");
    if (!min) return undefined;
    let max = min;
    if (c.punct("-")) {
      const hi = c.int("cadence-upper");
      if (!hi) return undefined;
      max = hi;
    }
    const unit = c.peek();
    const units = ["days", "weeks", "months"] as const;
    const found = units.find((u) => unit?.kind === "word" && unit.text === u);
    if (!found) {
      c.missing("cadence-unit");
      return undefined;
    }
    c.next();
    const span = { start: head.span.start, end: unit!.span.end };
    if (min.value < 1 || max.value < min.value) {
      c.fail("property-invalid", "cadence-range", { start: min.span.start, end: max.span.end }, {});
    }
    return { span, every: { min: min.value, max: max.value, unit: found } };
  }

  /** scale = "scale" ID INT ".." INT [ "ladder" ] NL INDENT { INT TEXT | "not-applicable" TEXT } DEDENT */
  private scale(node: Node): void {
    const c = this.cursor(node.line);
    c.next();
    const id = c.ident("scale-name", true);
    if (!id) return this.recover(node);
    const bounds = this.range(c);
    if (!bounds) {
      this.file_.recovered.add(id.name);
      return;
    }
    const ladder = c.word("ladder") !== undefined;
    c.end("scale-range");
    const scale: ScaleNode = {
      id,
      span: node.line.span,
      min: bounds.lo.value,
      max: bounds.hi.value,
      boundsSpan: { start: bounds.lo.span.start, end: bounds.hi.span.end },
      ladder,
      labels: [],
      incomplete: false,
    };
    this.file_.scales.push(scale);
    for (const child of node.children) this.scaleLine(scale, child);
  }

  /**
   * The `INT ".." INT` of a scale; `1-5`, `1–5`, `1.5`, `1...5`, `1…5`, `1 t/m 5` and `1 tot en met 5` are
   * reported and read as meant.
   */
  private range(c: Cursor): { lo: { value: number; span: Span }; hi: { value: number; span: Span } } | undefined {
    const lo = c.int("scale-low");
    if (!lo) return undefined;
    if (!this.rangeSeparator(c, lo.value)) {
      c.missing("scale-dots");
      return undefined;
    }
    const hi = c.int("scale-high");
    if (!hi) return undefined;
    return { lo, hi };
  }

  /**
   * The `..` between two numbers, after `low`. `-`, `–`, `.`, `…`, `...`, `t/m` and `tot (en met)`
   * before a number are reported once and read as `..`. False (nothing reported) when there is none.
   */
  private rangeSeparator(c: Cursor, low: number): boolean {
    const sep = c.peek();
    if (c.punct("..")) {
      const extra = c.peek();
      if (extra?.kind === "punct" && extra.text === "." && c.peek(1)?.kind === "int") {
        c.fail("token-expected", "range-dots", extra.span, {});
        c.next();
      }
      return true;
    }
    if (sep?.kind === "punct" && (sep.text === "-" || sep.text === "." || sep.text === "…") && c.peek(1)?.kind === "int") {
      const high = Number(c.peek(1)!.text);
      c.fail("token-expected", "range-dash", sep.span, { found: this.text.slice(sep.span.start, sep.span.end), low, high });
      c.next();
      return true;
    }
    return this.rangeWords(c, low);
  }

  /** `t/m`, `tot` or `tot en met` between two numbers: reported once, and skipped. */
  private rangeWords(c: Cursor, low: number): boolean {
    const first = c.peek();
    if (!first || first.kind === "string" || (first.text !== "t/m" && first.text !== "tot")) return false;
    let n = 1;
    if (first.text === "tot" && c.peek(1)?.text === "en" && c.peek(2)?.text === "met") n = 3;
    const high = c.peek(n);
    if (high?.kind !== "int") return false;
    const last = c.peek(n - 1)!;
    const span = { start: first.span.start, end: last.span.end };
    c.fail("token-expected", "range-words", span, { found: this.text.slice(span.start, span.end), low, high: Number(high.text) });
    for (let k = 0; k < n; k++) c.next();
    return true;
  }

  /** One line below a scale: a label, or the answer for "not applicable". */
  private scaleLine(scale: ScaleNode, node: Node): void {
    const c = this.cursor(node.line);
    const first = c.peek()!;
    if (first.kind === "word" && first.text === "not-applicable") {
      c.next();
      const text = c.text("not-applicable-text");
      if (!text) {
        scale.incomplete = true;
        return;
      }
      if (scale.notApplicable) this.duplicate(first, "not-applicable");
      scale.notApplicable = text;
      c.end("label");
      return;
    }
    if (first.kind !== "int") {
      scale.incomplete = true;
      if (first.kind === "word") this.unknown(node, SCALE_KEYWORDS, "scale");
      else c.missing("label");
      return;
    }
    const value = c.int("label")!;
    const text = c.text("label-text");
    if (!text) {
      scale.incomplete = true;
      return;
    }
    c.end("label");
    scale.labels.push({ value: value.value, valueSpan: value.span, text });
  }

  /** theme = ( "theme" | "page" ) ID TEXT NL INDENT [ "help" TEXT ] { item } DEDENT */
  private theme(node: Node, page: boolean): void {
    const c = this.cursor(node.line);
    c.next();
    const id = c.ident(page ? "page-name" : "theme-name", true);
    const title = id ? c.text(page ? "page-title" : "theme-title") : undefined;
    if (title) c.end(page ? "page-title" : "theme-title");
    if (!id || !title) {
      if (id) this.file_.recovered.add(id.name);
      for (const child of node.children) this.recover(child);
      return;
    }
    const theme: ThemeNode = { id, span: node.line.span, title, help: [], items: [], page, incomplete: false };
    this.file_.themes.push(theme);
    for (const child of node.children) this.themeChild(theme, child);
  }

  /** A line below a theme: its help or an item. */
  private themeChild(theme: ThemeNode, node: Node): void {
    const word = headWord(node.line);
    if (word === "help") {
      const c = this.cursor(node.line);
      c.next();
      const text = c.text("help-text");
      if (text) {
        c.end("help-text");
        theme.help.push(text);
      }
      return;
    }
    if (isItemKind(word)) {
      const item = this.item(node, word, theme);
      if (item) theme.items.push(item);
      else theme.incomplete = true;
      return;
    }
    theme.incomplete = true;
    this.unknown(node, THEME_KEYWORDS, "theme");
  }

  /** item = KIND ID TEXT [ "on" ID [ "and" ID ] ] NL [ INDENT { itemprop } DEDENT ] */
  private item(node: Node, kind: ItemKind, theme: ThemeNode): ItemNode | undefined {
    if (node.line.broken) {
      this.recover(node);
      return undefined;
    }
    const c = this.cursor(node.line);
    const head = c.next()!;
    const id = c.ident("item-name", true, { kind });
    if (!id) {
      this.recover(node);
      return undefined;
    }
    const title = c.text("item-title");
    if (!title) {
      this.file_.recovered.add(id.name);
      for (const child of node.children) this.recover(child);
      return undefined;
    }
    const item: ItemNode = {
      kind,
      kindSpan: head.span,
      id,
      title,
      theme: theme.id.name,
      span: node.line.span,
      scales: [],
      help: [],
      options: [],
      incomplete: c.failed,
    };
    const on = c.peek();
    if (c.word("on") || (on?.kind === "word" && on.text !== "en" && this.wrongOn(c, on))) {
      const scale = c.ident("scale-after-on", false);
      if (scale) item.scales.push(scale);
      if (scale && c.word("and")) {
        const second = c.ident("second-scale", false);
        if (second) item.scales.push(second);
      }
    }
    c.end("item");
    if (c.failed) item.incomplete = true;
    for (const child of node.children) {
      const before = this.diagnostics.length;
      this.itemSetting(item, child);
      if (this.diagnostics.length > before) item.incomplete = true;
    }
    return item;
  }

  /**
   * A word where `on` belongs (`op niveau`, or the scale's name right after the text): reported,
   * then read as `on`. Returns whether the scale's name follows.
   */
  private wrongOn(c: Cursor, found: Token): boolean {
    const next = c.peek(1);
    if (found.text === "op" || closest(found.text, ["on"])) {
      if (next?.kind !== "word") return false;
      c.missing("on", { suggestion: "on" });
      c.next();
      return true;
    }
    if (next === undefined || (next.kind === "word" && next.text === "and")) {
      c.missing("on", { suggestion: `on ${found.text}` });
      return true;
    }
    return false;
  }

  /**
   * itemprop = "help" TEXT | "required" | "optional" | "discriminating" | "reverse" | "partly"
   *          | "short" | "option" ID TEXT | "show" "if" condition
   */
  private itemSetting(item: ItemNode, node: Node): void {
    const c = this.cursor(node.line);
    const head = c.next()!;
    const word = headWord(node.line);
    const flag = (key: "discriminating" | "reverse" | "partly" | "short") => {
      if (item[key]) this.duplicate(head, key);
      item[key] = { span: head.span };
    };
    switch (word) {
      case "help": {
        const text = c.text("help-text");
        if (text) item.help.push(text);
        break;
      }
      case "required":
      case "optional":
        if (item.required) this.duplicate(head, "required/optional");
        item.required = { value: word === "required", span: head.span };
        break;
      case "discriminating":
      case "reverse":
      case "partly":
      case "short":
        flag(word);
        break;
      case "option": {
        const id = c.ident("option-name", true);
        const text = id ? c.text("option-label") : undefined;
        if (id && text) item.options.push({ id, text } satisfies OptionNode);
        else if (id) this.file_.recovered.add(id.name);
        break;
      }
      case "show": {
        if (!c.word("if")) {
          const t = c.peek();
          // `show missie < 3`: read the condition as if `if` were there.
          c.missing("if");
          if (t && t.kind === "word" && t.text !== "if") {
            const condition = this.condition(c);
            if (condition) item.showIf = condition;
          }
          return;
        }
        const condition = this.condition(c);
        if (condition) {
          if (item.showIf) this.duplicate(head, "show if");
          item.showIf = condition;
        }
        break;
      }
      default:
        this.unknown(node, ITEM_KEYWORDS, "item");
        return;
    }
    c.end("setting");
  }

  /**
   * condition  = alternative
   * alternative = conjunction { "or" conjunction }    (and/or mixed only with parentheses)
   * conjunction = negation { "and" negation }
   * negation    = "not" negation | "(" condition ")" | comparison
   */
  private condition(c: Cursor): ConditionNode | undefined {
    const first = this.negation(c);
    if (!first) return undefined;
    const parts = [first];
    let joiner: "and" | "or" | undefined;
    for (;;) {
      const t = c.peek();
      if (!t || t.kind === "string" || t.kind === "int") break;
      const meant = t.text === "and" || t.text === "or" ? t.text : Object.hasOwn(JOINER_ALIASES, t.text) ? JOINER_ALIASES[t.text]! : undefined;
      if (!meant) break;
      // `en`, `AND`, `&&`: reported once, then read as meant, so the rest of the condition is checked.
      if (meant !== t.text) c.fail("token-unexpected", "joiner", t.span, { found: t.text, fix: meant });
      if (joiner && meant !== joiner) {
        c.fail("condition-invalid", "mixed", t.span, { first: joiner, second: meant });
        return undefined;
      }
      joiner = meant;
      c.next();
      const next = this.negation(c);
      if (!next) return undefined;
      parts.push(next);
    }
    if (!joiner) return first;
    return { kind: joiner, span: { start: first.span.start, end: parts[parts.length - 1]!.span.end }, parts };
  }

  /** How deep `not` and parentheses nest in the condition being read. */
  private depth = 0;

  private negation(c: Cursor): ConditionNode | undefined {
    const t = c.peek();
    const nests = t !== undefined && ((t.kind === "punct" && t.text === "(") || (t.kind !== "string" && (t.text === "not" || NOT_ALIASES.has(t.text))));
    if (nests && this.depth >= MAX_CONDITION_DEPTH) {
      c.fail("condition-invalid", "too-deep", t.span, { max: MAX_CONDITION_DEPTH });
      return undefined;
    }
    this.depth++;
    try {
      return this.negationAt(c, t);
    } finally {
      this.depth--;
    }
  }

  private negationAt(c: Cursor, t: Token | undefined): ConditionNode | undefined {
    const after = c.peek(1);
    // `niet a < 3`, `! (a < 3)`: an item named `niet` would be followed by a comparison instead.
    const notAlias =
      t !== undefined && t.kind !== "string" && NOT_ALIASES.has(t.text) && after !== undefined && (after.kind === "word" || after.text === "(");
    if ((t?.kind === "word" && t.text === "not") || notAlias) {
      if (notAlias) c.fail("token-unexpected", "joiner", t.span, { found: t.text, fix: "not" });
      c.next();
      const operand = this.negation(c);
      if (!operand) return undefined;
      return { kind: "not", span: { start: t.span.start, end: operand.span.end }, operand };
    }
    if (t?.kind === "punct" && t.text === "(") {
      c.next();
      const inner = this.condition(c);
      if (!inner) return undefined;
      const close = c.punct(")");
      if (!close) {
        c.missing("closing-paren");
        return undefined;
      }
      return { ...inner, span: { start: t.span.start, end: close.span.end } };
    }
    return this.comparison(c);
  }

  /** comparison = ID [ "." ("current" | "desired") ] OP VALUE | ID "contains" ID */
  private comparison(c: Cursor): ComparisonNode | undefined {
    const start = c.peek()?.span.start ?? c.line.span.end;
    const item = c.ident("condition-item", false);
    if (!item) return undefined;
    let side: ComparisonNode["side"];
    if (c.punct(".")) {
      const t = c.peek();
      if (t && t.kind === "word" && (t.text === "current" || t.text === "desired")) {
        c.next();
        side = { name: t.text, span: t.span };
      } else {
        c.missing("side");
        return undefined;
      }
    }
    const opToken = c.peek();
    const isOp =
      opToken &&
      ((opToken.kind === "punct" && (CONDITION_OPS as readonly string[]).includes(opToken.text)) ||
        (opToken.kind === "word" && opToken.text === "contains"));
    if (!isOp) {
      c.missing("operator");
      return undefined;
    }
    c.next();
    const v = c.peek();
    if (v?.kind === "punct" && (opToken.text === "=" || opToken.text === ">" || opToken.text === "<") && (v.text === "<" || v.text === ">" || v.text === "=")) {
      // `=<`, `=>`, `==`, `<>`, `> =`: one error that names the comparison meant.
      const written = opToken.text + v.text;
      const reversed = written === "=<" || written === "=>";
      const fix = OPERATOR_FIXES[written] ?? opToken.text;
      c.fail("token-unexpected", "operator", { start: opToken.span.start, end: v.span.end }, { found: written, fix, reversed });
      return undefined;
    }
    if (!v || v.kind === "punct") {
      c.missing("value");
      return undefined;
    }
    c.next();
    return {
      kind: "compare",
      span: { start, end: v.span.end },
      item,
      side,
      op: { text: opToken.text, span: opToken.span },
      value: { kind: v.kind, text: v.text, span: v.span },
    };
  }

  /** score = "score" AGGREGATOR { KEY VALUE } ; VALUE = INT | INT ".." INT | WORD | TEXT */
  private score(node: Node): void {
    const c = this.cursor(node.line);
    c.next();
    const name = c.ident("aggregator", false);
    if (!name) return;
    const score: ScoreNode = { name, span: node.line.span, params: [] };
    while (!c.done) {
      const key = c.ident("param-name", false);
      if (!key) break;
      const value = this.paramValue(c);
      if (!value) break;
      score.params.push({ key, value });
    }
    this.file_.scores.push(score);
  }

  private paramValue(c: Cursor): ParamValueNode | undefined {
    const t = c.peek();
    if (!t || t.kind === "punct") {
      c.missing("param-value");
      return undefined;
    }
    c.next();
    if (t.kind === "int") {
      if (this.rangeSeparator(c, Number(t.text))) {
        const hi = c.int("range-upper");
        if (!hi) return undefined;
        return { kind: "range", lo: Number(t.text), hi: hi.value, span: { start: t.span.start, end: hi.span.end } };
      }
      return { kind: "int", value: Number(t.text), span: t.span };
    }
    return { kind: t.kind, text: t.text, span: t.span };
  }
}
