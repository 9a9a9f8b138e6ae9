import type {
  CadenceNode,
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
import { diagnostic, type Diagnostic, type DiagnosticExtras } from "./diagnostics.ts";
import { lex, type Line, type Token } from "./lexer.ts";
import type { ItemKind } from "./model.ts";
import type { Span } from "./source.ts";
import { closest } from "./suggest.ts";

/** A line with the lines indented under it. */
interface Node {
  line: Line;
  children: Node[];
}

const TOP_KEYWORDS = ["scan", "scale", "theme", "score"] as const;
const SCAN_KEYWORDS = ["title", "intro", "note", "language", "respondent", "cadence", "anonymous"] as const;
export const ITEM_KINDS = ["rate", "pair", "step", "choice", "multi", "yesno", "text"] as const satisfies readonly ItemKind[];
const THEME_KEYWORDS = ["help", ...ITEM_KINDS] as const;
const ITEM_KEYWORDS = [
  "help",
  "required",
  "optional",
  "discriminating",
  "reverse",
  "partly",
  "short",
  "option",
  "show",
] as const;
const CONDITION_OPS = ["=", "!=", ">", ">=", "<", "<="] as const;
const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Parses a scan file. Never throws: every problem is a diagnostic, and parsing resumes at the
 * next line so that one typo gives one error.
 */
export function parse(text: string): { file: ScanFile; diagnostics: Diagnostic[] } {
  const { lines, diagnostics } = lex(text);
  const parser = new Parser(diagnostics, text.length);
  const file = parser.file(tree(lines, diagnostics));
  return { file, diagnostics };
}

/** Builds the indentation tree; a line indented wrongly is reported and attached where it fits. */
function tree(lines: Line[], diagnostics: Diagnostic[]): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const line of lines) {
    let depth = Math.floor(line.indent / 2);
    const indentSpan = { start: line.start, end: line.span.start };
    if (line.indent % 2 !== 0) {
      diagnostics.push(
        diagnostic("indent-invalid", indentSpan, `this line is indented ${line.indent} spaces`, {
          label: "odd indentation",
          help: "indent with two spaces per level",
        }),
      );
    } else if (depth > stack.length) {
      diagnostics.push(
        diagnostic("indent-invalid", indentSpan, "this line is indented further than the line above allows", {
          label: "too far",
          help: `indent it ${stack.length * 2} spaces`,
        }),
      );
    }
    depth = Math.min(depth, stack.length);
    const node: Node = { line, children: [] };
    stack.length = depth;
    if (depth === 0) roots.push(node);
    else stack[depth - 1]!.children.push(node);
    stack.push(node);
  }
  return roots;
}

/** Reads the tokens of one line, reporting what is missing or extra. */
class Cursor {
  private i = 0;
  constructor(
    readonly line: Line,
    private readonly diagnostics: Diagnostic[],
  ) {}

  get done(): boolean {
    return this.i >= this.line.tokens.length;
  }
  peek(): Token | undefined {
    return this.line.tokens[this.i];
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
  missing(what: string, extras: DiagnosticExtras = {}): void {
    const found = this.peek();
    if (found) {
      this.diagnostics.push(
        diagnostic("token-expected", found.span, `expected ${what}, found \`${found.text}\``, {
          label: `expected ${what}`,
          ...extras,
        }),
      );
    } else {
      this.diagnostics.push(diagnostic("token-expected", this.gap(), `expected ${what}`, { label: `${what} missing`, ...extras }));
    }
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
  /** An identifier (lowercase name); reports `id-invalid` for a name with capitals or underscores. */
  ident(what: string, extras: DiagnosticExtras = {}): Ident | undefined {
    const t = this.peek();
    if (!t || t.kind !== "word") {
      this.missing(what, extras);
      return undefined;
    }
    this.next();
    if (!ID_PATTERN.test(t.text)) {
      this.diagnostics.push(
        diagnostic("id-invalid", t.span, `\`${t.text}\` is not a valid name`, {
          help: `names use lowercase letters, digits and single hyphens, e.g. \`${suggestId(t.text)}\``,
        }),
      );
    }
    return { name: t.text, span: t.span };
  }
  int(what: string): { value: number; span: Span } | undefined {
    const t = this.peek();
    if (!t || t.kind !== "int") {
      this.missing(what);
      return undefined;
    }
    this.next();
    return { value: Number(t.text), span: t.span };
  }
  /** `"Dutch" [en "English"]` */
  text(what: string): TextNode | undefined {
    const t = this.peek();
    if (!t || t.kind !== "string") {
      this.missing(what, { help: 'write the text between double quotes: "..."' });
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
      } else this.missing('the English text after `en`');
    }
    return node;
  }
  /** Reports anything left on the line. */
  end(after: string): void {
    const extra = this.peek();
    if (!extra) return;
    const last = this.line.tokens[this.line.tokens.length - 1]!;
    this.diagnostics.push(
      diagnostic("token-unexpected", { start: extra.span.start, end: last.span.end }, `unexpected \`${extra.text}\` after ${after}`, {
        label: "not expected here",
        help: extra.kind === "string" ? "a line holds one text; use a new line (e.g. another `help`) for more" : undefined,
      }),
    );
    this.i = this.line.tokens.length;
  }
}

function suggestId(name: string): string {
  const s = name.toLowerCase().replace(/[_\s]+/g, "-").replace(/[^a-z0-9-]/g, "").replace(/-+/g, "-").replace(/^[-0-9]+|-$/g, "");
  return s || "naam";
}

class Parser {
  private readonly file_: ScanFile;

  constructor(
    private readonly diagnostics: Diagnostic[],
    end: number,
  ) {
    this.file_ = { scans: [], scales: [], themes: [], scores: [], recovered: new Set(), end };
  }

  /** file = { scan | scale | theme | score } */
  file(roots: Node[]): ScanFile {
    for (const node of roots) {
      const head = node.line.tokens[0]!;
      switch (head.kind === "word" ? head.text : "") {
        case "scan":
          this.scan(node);
          break;
        case "scale":
          this.scale(node);
          break;
        case "theme":
          this.theme(node);
          break;
        case "score":
          this.score(node);
          break;
        default:
          if (head.kind === "word" && (ITEM_KINDS as readonly string[]).includes(head.text)) {
            this.recover(node);
            this.diagnostics.push(
              diagnostic("indent-invalid", head.span, `the item \`${node.line.tokens[1]?.text ?? head.text}\` is not inside a theme`, {
                label: "item outside a theme",
                help: "put items under a `theme` line, indented two spaces",
              }),
            );
          } else this.unknown(node, TOP_KEYWORDS, "at the start of a block");
      }
    }
    return this.file_;
  }

  /** Reports an unknown first word with a did-you-mean, and remembers the name it declares. */
  private unknown(node: Node, expected: readonly string[], where: string): void {
    const head = node.line.tokens[0]!;
    this.recover(node);
    const guess = head.kind === "word" ? closest(head.text, expected) : undefined;
    this.diagnostics.push(
      diagnostic("keyword-unknown", head.span, `unknown keyword \`${head.text}\` ${where}`, {
        label: "unknown keyword",
        help: guess ? `did you mean \`${guess}\`?` : `expected one of: ${expected.map((k) => `\`${k}\``).join(", ")}`,
      }),
    );
  }

  private recover(node: Node): void {
    const name = node.line.tokens[1];
    if (name && name.kind === "word") this.file_.recovered.add(name.text);
  }

  private node(line: Line): Cursor {
    return new Cursor(line, this.diagnostics);
  }

  /** scan = "scan" ID NL INDENT { scanprop } DEDENT */
  private scan(node: Node): void {
    const c = this.node(node.line);
    c.next();
    const id = c.ident("the scan's name after `scan`", { help: "e.g. `scan paraplu-quickscan`" });
    c.end("the scan's name");
    const scan: ScanNode = {
      id: id ?? { name: "", span: node.line.span },
      span: node.line.span,
      intro: [],
      notes: [],
      languages: [],
      incomplete: false,
    };
    for (const child of node.children) this.scanProp(scan, child);
    this.file_.scans.push(scan);
  }

  /**
   * scanprop = "title" TEXT | "intro" TEXT | "note" TEXT | "language" LANG { LANG }
   *          | "respondent" WORD | "cadence" ("once" | "every" INT ["-" INT] UNIT)
   *          | "anonymous" ("yes" | "no")
   */
  private scanProp(scan: ScanNode, node: Node): void {
    this.noChildren(node);
    const c = this.node(node.line);
    const head = c.next()!;
    switch (head.kind === "word" ? head.text : "") {
      case "title": {
        const text = c.text("the scan's title");
        if (text) {
          if (scan.title) this.duplicate(head, "title");
          scan.title = text;
        }
        break;
      }
      case "intro": {
        const text = c.text("the introduction text");
        if (text) scan.intro.push(text);
        break;
      }
      case "note": {
        const text = c.text("the note");
        if (text) scan.notes.push(text);
        break;
      }
      case "language": {
        if (scan.languages.length) this.duplicate(head, "language");
        if (c.done) c.missing("a language code such as `nl`");
        while (!c.done) {
          const lang = c.ident("a language code such as `nl` or `en`");
          if (!lang) break;
          scan.languages.push(lang);
        }
        break;
      }
      case "respondent": {
        const who = c.ident("who answers, e.g. `team`, `docent`, `consulent` or `inwoner`");
        if (who) {
          if (scan.respondent) this.duplicate(head, "respondent");
          scan.respondent = who;
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
        } else c.missing("`yes` or `no`");
        break;
      }
      default:
        scan.incomplete = true;
        this.unknown(node, SCAN_KEYWORDS, "in the scan settings");
        return;
    }
    c.end(`\`${head.text}\``);
  }

  /** cadence = "once" | "every" INT [ "-" INT ] ("days" | "weeks" | "months") */
  private cadence(c: Cursor, head: Token): CadenceNode | undefined {
    if (c.word("once")) return { span: head.span, every: null };
    if (!c.word("every")) {
      c.missing("`once` or `every`", { help: "e.g. `cadence every 3-4 months` or `cadence once`" });
      return undefined;
    }
    const min = c.int("a number, e.g. `every 3-4 months`");
    if (!min) return undefined;
    let max = min;
    if (c.punct("-")) {
      const hi = c.int("the upper number of the range");
      if (!hi) return undefined;
      max = hi;
    }
    const unit = c.peek();
    const units = ["days", "weeks", "months"] as const;
    const found = units.find((u) => unit?.kind === "word" && unit.text === u);
    if (!found) {
      c.missing("`days`, `weeks` or `months`");
      return undefined;
    }
    c.next();
    const span = { start: head.span.start, end: unit!.span.end };
    if (min.value < 1 || max.value < min.value) {
      this.diagnostics.push(
        diagnostic("property-invalid", { start: min.span.start, end: max.span.end }, "the cadence range is empty", {
          help: "write the smaller number first, e.g. `every 3-4 months`",
        }),
      );
    }
    return { span, every: { min: min.value, max: max.value, unit: found } };
  }

  private duplicate(head: Token, what: string): void {
    this.diagnostics.push(diagnostic("property-duplicate", head.span, `\`${what}\` is given more than once`, { help: "keep one" }));
  }

  private noChildren(node: Node): void {
    const first = node.children[0];
    if (!first) return;
    this.diagnostics.push(
      diagnostic("indent-invalid", { start: first.line.start, end: first.line.span.start }, "this line is indented under a line that takes nothing below it", {
        label: "too far",
        help: "indent it like the line above",
      }),
    );
  }

  /** scale = "scale" ID INT ".." INT [ "ladder" ] NL INDENT { INT TEXT } DEDENT */
  private scale(node: Node): void {
    const c = this.node(node.line);
    c.next();
    const id = c.ident("the scale's name after `scale`", { help: "e.g. `scale niveau 1..5`" });
    if (!id) return;
    const lo = c.int("the lowest point, e.g. `1..5`");
    if (!lo) return this.recoverDeclaration(id);
    if (!c.punct("..")) {
      c.missing("`..` between the lowest and highest point", { help: "e.g. `scale niveau 1..5`" });
      return this.recoverDeclaration(id);
    }
    const hi = c.int("the highest point, e.g. `1..5`");
    if (!hi) return this.recoverDeclaration(id);
    const ladder = c.word("ladder") !== undefined;
    c.end("the scale's range");
    const scale: ScaleNode = {
      id,
      span: node.line.span,
      min: lo.value,
      max: hi.value,
      boundsSpan: { start: lo.span.start, end: hi.span.end },
      ladder,
      labels: [],
    };
    for (const child of node.children) {
      this.noChildren(child);
      const lc = this.node(child.line);
      const first = lc.peek()!;
      if (first.kind !== "int") {
        if (first.kind === "word") this.unknown(child, [], "in a scale");
        else lc.missing("a point of the scale followed by its label, e.g. `1 \"helemaal niet\"`");
        continue;
      }
      const value = lc.int("a point")!;
      const text = lc.text("the label of this point");
      if (!text) continue;
      lc.end("the label");
      scale.labels.push({ value: value.value, valueSpan: value.span, text });
    }
    this.file_.scales.push(scale);
  }

  private recoverDeclaration(id: Ident): void {
    this.file_.recovered.add(id.name);
  }

  /** theme = "theme" ID TEXT NL INDENT [ "help" TEXT ] { item } DEDENT */
  private theme(node: Node): void {
    const c = this.node(node.line);
    c.next();
    const id = c.ident("the theme's name after `theme`", { help: 'e.g. `theme visie "Visie"`' });
    const title = id ? c.text("the theme's title") : undefined;
    if (title) c.end("the theme's title");
    const theme: ThemeNode = {
      id: id ?? { name: "", span: node.line.span },
      span: node.line.span,
      title: title ?? { nl: "", span: node.line.span },
      help: [],
      items: [],
      incomplete: false,
    };
    if (!id || !title) {
      if (id) this.recoverDeclaration(id);
      for (const child of node.children) this.recover(child);
      return;
    }
    for (const child of node.children) {
      const head = child.line.tokens[0]!;
      const word = head.kind === "word" ? head.text : "";
      if (word === "help") {
        this.noChildren(child);
        const hc = this.node(child.line);
        hc.next();
        const text = hc.text("the help text");
        if (text) {
          hc.end("the help text");
          theme.help.push(text);
        }
      } else if ((ITEM_KINDS as readonly string[]).includes(word)) {
        const item = this.item(child, word as ItemKind, theme.id.name);
        if (item) theme.items.push(item);
        else theme.incomplete = true;
      } else {
        theme.incomplete = true;
        this.unknown(child, THEME_KEYWORDS, "in a theme");
      }
    }
    this.file_.themes.push(theme);
  }

  /** item = KIND ID TEXT [ "on" ID [ "and" ID ] ] NL [ INDENT { itemprop } DEDENT ] */
  private item(node: Node, kind: ItemKind, theme: string): ItemNode | undefined {
    if (node.line.broken) {
      this.recover(node);
      return undefined;
    }
    const c = this.node(node.line);
    const head = c.next()!;
    const id = c.ident(`the item's name after \`${kind}\``, { help: `e.g. \`${kind} missie "Missie"${kind === "rate" ? " on niveau" : ""}\`` });
    if (!id) return undefined;
    const title = c.text("the item's question or statement");
    if (!title) {
      this.recoverDeclaration(id);
      return undefined;
    }
    const item: ItemNode = {
      kind,
      kindSpan: head.span,
      id,
      title,
      theme,
      span: node.line.span,
      scales: [],
      help: [],
      options: [],
    };
    if (c.word("on")) {
      const scale = c.ident("a scale name after `on`");
      if (scale) item.scales.push(scale);
      if (scale && c.word("and")) {
        const second = c.ident("a second scale name after `and`");
        if (second) item.scales.push(second);
      }
    }
    c.end("the item");
    for (const child of node.children) this.itemProp(item, child);
    return item;
  }

  /**
   * itemprop = "help" TEXT | "required" | "optional" | "discriminating" | "reverse" | "partly"
   *          | "short" | "option" ID TEXT | "show" "if" condition
   */
  private itemProp(item: ItemNode, node: Node): void {
    this.noChildren(node);
    const c = this.node(node.line);
    const head = c.next()!;
    const flag = (key: "discriminating" | "reverse" | "partly" | "short") => {
      if (item[key]) this.duplicate(head, key);
      item[key] = { span: head.span };
    };
    switch (head.kind === "word" ? head.text : "") {
      case "help": {
        const text = c.text("the help text");
        if (text) item.help.push(text);
        break;
      }
      case "required":
      case "optional":
        if (item.required) this.duplicate(head, "required/optional");
        item.required = { value: head.text === "required", span: head.span };
        break;
      case "discriminating":
      case "reverse":
      case "partly":
      case "short":
        flag(head.text as "discriminating" | "reverse" | "partly" | "short");
        break;
      case "option": {
        const id = c.ident("the option's name after `option`", { help: 'e.g. `option vaak "Vaak"`' });
        const text = id ? c.text("the option's label") : undefined;
        if (id && text) item.options.push({ id, text } satisfies OptionNode);
        break;
      }
      case "show": {
        if (!c.word("if")) {
          c.missing("`if` after `show`", { help: "e.g. `show if missie < 3`" });
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
        this.unknown(node, ITEM_KEYWORDS, "in an item");
        return;
    }
    c.end(`\`${head.text}\``);
  }

  /** condition = ID [ "." ("current" | "desired") ] OP VALUE | ID "contains" ID */
  private condition(c: Cursor): ConditionNode | undefined {
    const start = c.peek()?.span.start ?? c.line.span.end;
    const item = c.ident("the name of an earlier item");
    if (!item) return undefined;
    let side: ConditionNode["side"];
    if (c.punct(".")) {
      const t = c.peek();
      if (t && t.kind === "word" && (t.text === "current" || t.text === "desired")) {
        c.next();
        side = { name: t.text, span: t.span };
      } else {
        c.missing("`current` or `desired` after `.`");
        return undefined;
      }
    }
    const opToken = c.peek();
    const isOp =
      opToken &&
      ((opToken.kind === "punct" && (CONDITION_OPS as readonly string[]).includes(opToken.text)) ||
        (opToken.kind === "word" && opToken.text === "contains"));
    if (!isOp) {
      c.missing("a comparison: =, !=, >, >=, <, <= or contains");
      return undefined;
    }
    c.next();
    const v = c.peek();
    if (!v || v.kind === "punct") {
      c.missing("a value to compare with");
      return undefined;
    }
    c.next();
    return {
      span: { start, end: v.span.end },
      item,
      side,
      op: { text: opToken.text, span: opToken.span },
      value: { kind: v.kind, text: v.text, span: v.span },
    };
  }

  /** score = "score" AGGREGATOR { KEY VALUE } ; VALUE = INT | INT ".." INT | WORD | TEXT */
  private score(node: Node): void {
    this.noChildren(node);
    const c = this.node(node.line);
    c.next();
    const name = c.ident("the aggregator's name after `score`", { help: "e.g. `score gap per theme`" });
    if (!name) return;
    const score: ScoreNode = { name, span: node.line.span, params: [] };
    while (!c.done) {
      const key = c.ident("a parameter name");
      if (!key) break;
      const value = this.paramValue(c, key);
      if (!value) break;
      score.params.push({ key, value });
    }
    this.file_.scores.push(score);
  }

  private paramValue(c: Cursor, key: Ident): ParamValueNode | undefined {
    const t = c.peek();
    if (!t || t.kind === "punct") {
      c.missing(`a value for \`${key.name}\``);
      return undefined;
    }
    c.next();
    if (t.kind === "int") {
      if (c.punct("..")) {
        const hi = c.int("the upper end of the range");
        if (!hi) return undefined;
        return { kind: "range", lo: Number(t.text), hi: hi.value, span: { start: t.span.start, end: hi.span.end } };
      }
      return { kind: "int", value: Number(t.text), span: t.span };
    }
    return { kind: t.kind, text: t.text, span: t.span };
  }
}
