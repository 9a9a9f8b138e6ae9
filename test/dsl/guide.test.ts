// The author guides (docs/scan-taal.md in Dutch, docs/scan-language.md in English) and the
// checker agree: every complete example scan in them compiles, and every diagnostic id is
// explained in both.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue, compile } from "../../dsl/index.ts";

const guides = ["docs/scan-taal.md", "docs/scan-language.md"].map((file) => ({
  file,
  text: readFileSync(join(import.meta.dirname, "../..", file), "utf8"),
}));

/** Code blocks that are whole scans: a `scan` line and at least one theme. */
function exampleScans(text: string): string[] {
  return [...text.matchAll(/```\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .filter((block) => /^scan [a-z]/m.test(block) && /^theme /m.test(block));
}

describe.each(guides)("$file", ({ text }) => {
  it("has example scans, and each compiles without errors or warnings", () => {
    const examples = exampleScans(text);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      expect(compile({ name: "guide.scan", text: example }).diagnostics.map((d) => d.id)).toEqual([]);
    }
  });

  it("explains every diagnostic id", () => {
    const missing = Object.keys(catalogue).filter((id) => !text.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });
});
