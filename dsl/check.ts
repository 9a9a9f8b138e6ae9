import type { Ident, ItemNode, ScaleNode, ScanFile, ThemeNode } from "./ast.ts";
import type { RawDiagnostic } from "./diagnostics.ts";
import type { Suggestion } from "./messages/types.ts";
import { lineStarts, positionAt, type Source, type Span } from "./source.ts";
import { closest } from "./suggest.ts";
import { rules } from "./rules/index.ts";

/** What every checker rule can see: the parsed file and the declarations by name. */
export interface CheckContext {
  file: ScanFile;
  /** First declaration of each name; later ones are duplicates. */
  scales: Map<string, ScaleNode>;
  themes: Map<string, ThemeNode>;
  items: Map<string, ItemNode>;
  /** Items in file order. */
  allItems: ItemNode[];
  report(diagnostic: RawDiagnostic): void;
  /** 1-based line of a span, for hints such as "did you mean `mate` (line 9)?". */
  line(span: Span): number;
  /** A did-you-mean hint for a reference to `ref` among `candidates`, naming where it was declared. */
  suggest(ref: Ident, candidates: Map<string, { id: Ident }>): Suggestion | undefined;
  /** True when `name` was declared on a line the parser could not read (already reported). */
  recovered(name: string): boolean;
}

export type Rule = (ctx: CheckContext) => void;

function firstByName<T extends { id: Ident }>(nodes: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const node of nodes) if (node.id.name && !map.has(node.id.name)) map.set(node.id.name, node);
  return map;
}

/** Runs every checker rule over a parsed file and returns all problems found. */
export function check(file: ScanFile, source: Source): RawDiagnostic[] {
  const diagnostics: RawDiagnostic[] = [];
  const allItems = file.themes.flatMap((t) => t.items);
  let starts: number[] | undefined;
  const line = (span: Span) => positionAt((starts ??= lineStarts(source.text)), span.start).line;
  const ctx: CheckContext = {
    file,
    scales: firstByName(file.scales),
    themes: firstByName(file.themes),
    items: firstByName(allItems),
    allItems,
    report: (d) => diagnostics.push(d),
    line,
    suggest(ref, candidates) {
      const guess = closest(ref.name, candidates.keys());
      if (!guess) return undefined;
      return { name: guess, line: line(candidates.get(guess)!.id.span) };
    },
    recovered: (name) => file.recovered.has(name),
  };
  for (const rule of rules) rule(ctx);
  return diagnostics;
}
