// Single mistakes made on purpose in the shipped scans, as a second, generated corpus beside the
// hand-written one: a misspelt or capitalised keyword, a missing quote, Word's curly or single
// quotes, indentation off by one or a tab, a no-break space, an accent in a name, `op` for `on`,
// `show` without `if`. Deterministic (a fixed seed), so the figure is the same on every machine.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile, locate } from "../../dsl/index.ts";

interface Mutation {
  name: string;
  /** The line with the mistake, or null when this line has nothing to make it on. */
  apply(line: string, pick: (n: number) => number): string | null;
  /** The language reads it as meant: no error expected (at most a warning). */
  accepted?: boolean;
}

const firstString = (l: string): [number, number] | null => {
  const a = l.indexOf('"');
  const b = a < 0 ? -1 : l.indexOf('"', a + 1);
  // A text with an escaped quote in it is left alone: removing one of its quotes is no mistake.
  return a < 0 || b < 0 || l.includes('\\"') ? null : [a, b];
};

export const mutations: Mutation[] = [
  {
    name: "two letters of a keyword swapped",
    apply: (l, pick) => {
      const m = /^(\s*)([a-z-]{4,})(\b.*)$/.exec(l);
      if (!m) return null;
      const w = m[2]!;
      const i = 1 + pick(w.length - 2);
      return m[1] + w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) + m[3];
    },
  },
  { name: "a keyword with a capital", apply: (l) => ((m) => (m ? m[1] + m[2]!.toUpperCase() + m[3] : null))(/^(\s*)([a-z])([a-z-]+\b.*)$/.exec(l)) },
  { name: "no closing quote", apply: (l) => ((q) => (q ? l.slice(0, q[1]) + l.slice(q[1] + 1) : null))(firstString(l)) },
  { name: "no opening quote", apply: (l) => ((q) => (q ? l.slice(0, q[0]) + l.slice(q[0] + 1) : null))(firstString(l)) },
  {
    name: "Word's curly quotes",
    accepted: true,
    apply: (l) => ((q) => (q ? `${l.slice(0, q[0])}“${l.slice(q[0] + 1, q[1])}”${l.slice(q[1] + 1)}` : null))(firstString(l)),
  },
  {
    name: "single quotes",
    apply: (l) => ((q) => (q && !l.slice(q[0], q[1]).includes("'") ? `${l.slice(0, q[0])}'${l.slice(q[0] + 1, q[1])}'${l.slice(q[1] + 1)}` : null))(firstString(l)),
  },
  { name: "indented one space more", apply: (l) => (/^\s+\S/.test(l) ? ` ${l}` : null) },
  { name: "indented one space less", apply: (l) => (/^\s+\S/.test(l) ? l.slice(1) : null) },
  { name: "a tab for two spaces", apply: (l) => (/^ {2}\S/.test(l) ? `\t${l.slice(2)}` : null) },
  { name: "a no-break space", accepted: true, apply: (l) => ((i) => (i < 0 ? null : `${l.slice(0, i)}\u00a0${l.slice(i + 1)}`))(l.indexOf(" on ")) },
  {
    name: "an accent in a declared name",
    apply: (l) =>
      ((m) => (m ? m[1] + m[2]!.replace("e", "ë") + m[3] : null))(/^(\s*(?:rate|pair|step|choice|multi|yesno|text|theme|scale|option)\s+)([a-z0-9-]*e[a-z0-9-]*)(.*)$/.exec(l)),
  },
  // `on` as a keyword: after an item's text, or in a score line (not the English word inside a text).
  { name: "`op` for `on`", apply: (l) => (/" on [a-z]|^score \S+ on /.test(l) ? l.replace(/(" |^score \S+ )on /, "$1op ") : null) },
  { name: "`show` without `if`", apply: (l) => (l.includes("show if") ? l.replace("show if", "show") : null) },
];

export interface MutationTally {
  total: number;
  asExpected: number;
  perKind: Map<string, { total: number; asExpected: number }>;
  misses: string[];
}

/**
 * Makes `rounds` single mistakes in the shipped scans and counts those that give exactly one error,
 * on the mistake's line (or, for what the language accepts, no error).
 */
export function tallyMutations(rounds = 400, seed = 12345): MutationTally {
  let state = seed;
  const pick = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return (state >>> 8) % n; // the low bits of this generator repeat quickly
  };
  const dir = join(import.meta.dirname, "../../scans");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".scan"))
    .sort()
    .map((f) => ({ f, text: readFileSync(join(dir, f), "utf8") }));
  const tally: MutationTally = { total: 0, asExpected: 0, perKind: new Map(), misses: [] };
  for (let round = 0; round < rounds; round++) {
    const { f, text } = files[pick(files.length)]!;
    const lines = text.split("\n");
    const mutation = mutations[pick(mutations.length)]!;
    const candidates = lines.flatMap((l, i) => (l.trim() && !l.trim().startsWith("#") && mutation.apply(l, () => 0) !== null ? [i] : []));
    if (candidates.length === 0) continue;
    const at = candidates[pick(candidates.length)]!;
    const changed = [...lines];
    changed[at] = mutation.apply(lines[at]!, pick)!;
    const source = { name: f, text: changed.join("\n") };
    const errors = compile(source).diagnostics.filter((d) => d.severity === "error");
    const ok = mutation.accepted ? errors.length === 0 : errors.length === 1 && locate(source, errors[0]!).line === at + 1;
    const kind = tally.perKind.get(mutation.name) ?? { total: 0, asExpected: 0 };
    kind.total++;
    tally.total++;
    if (ok) {
      kind.asExpected++;
      tally.asExpected++;
    } else {
      tally.misses.push(`${f}:${at + 1} (${mutation.name}) ${JSON.stringify(changed[at])} → ${errors.map((d) => `${d.id}@${locate(source, d).line}`).join(", ")}`);
    }
    tally.perKind.set(mutation.name, kind);
  }
  return tally;
}
