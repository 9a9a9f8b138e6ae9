import { compile, locate, type Diagnostic } from "../../dsl/index.ts";

export interface Found {
  id: string;
  line: number;
  column: number;
}

/** Compiles `text` and returns every diagnostic as { id, line, column }. */
export function diagnose(text: string): Found[] {
  const source = { name: "test.scan", text };
  return compile(source).diagnostics.map((d: Diagnostic) => ({ id: d.id, ...locate(source, d) }));
}

/** A small valid scan: tests splice lines into it. */
export const header = `scan test-scan
  title "Testscan"
  answered-by team-together

scale niveau 1..5
  1 "laag"
  5 "hoog"
`;
