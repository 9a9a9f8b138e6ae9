import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../dsl/index.ts";
import { describeTally, tallyCorpus } from "../test/dsl/corpus-tally.ts";
import { tallyMutations } from "../test/dsl/mutations.ts";
import type { BenchSection } from "./run.ts";
import { fmt, medianMs, minMs, verdict } from "./measure.ts";

const dir = join(import.meta.dirname, "../scans");

/** A valid scan of `n` items over themes of ten, with a show-if on every tenth item. */
function generated(n: number): string {
  const lines = ['scan generated\n  title "Gegenereerd"\n  answered-by each-person\n\nscale mate 1..5\n  1 "laag"\n  5 "hoog"\n'];
  for (let i = 0; i < n; i++) {
    if (i % 10 === 0) lines.push(`theme t${i / 10} "Thema ${i / 10}"`);
    lines.push(`  pair s${i} "Stelling ${i} over het onderwijs" on mate`);
    if (i % 10 === 9) lines.push(`    show if s${i - 1}.current >= 3`);
  }
  return lines.join("\n") + "\nscore gap per theme\n";
}

export const dslBench: BenchSection = {
  name: "dsl",
  async run() {
    const files = readdirSync(dir).filter((f) => f.endsWith(".scan"));
    const sources = files.map((f) => ({ name: f, text: readFileSync(join(dir, f), "utf8") }));
    const bachelor = sources.find((s) => s.name === "bachelorscan.scan")!;
    const compiled = compile(bachelor).result!;
    const json = JSON.stringify(compiled);

    const bachelorMs = medianMs(() => compile(bachelor));
    // Baseline: merely parsing the compiled JSON back, the least any loader of this form must do.
    const baselineMs = medianMs(() => JSON.parse(json));
    const allMs = medianMs(() => sources.forEach((s) => compile(s)), 100, 20);
    const g100 = { name: "g100", text: generated(100) };
    const g1000 = { name: "g1000", text: generated(1000) };
    // Warm both sizes first so neither pays for the JIT; then take the fastest run of each, so a
    // garbage collection that happens to land in the larger run does not read as extra work.
    medianMs(() => (compile(g100), compile(g1000)), 10, 10);
    const t100 = minMs(() => compile(g100), 200, 20);
    const t1000 = minMs(() => compile(g1000), 40, 5);

    console.table([
      { measure: "bachelorscan text → JSON (median)", time: fmt(bachelorMs), goal: "< 5 ms", result: verdict(bachelorMs < 5) },
      { measure: "baseline: JSON.parse of its output", time: fmt(baselineMs), goal: "", result: `ratio ${(bachelorMs / baselineMs).toFixed(1)}×` },
      { measure: `all ${sources.length} shipped scans`, time: fmt(allMs), goal: "< 50 ms", result: verdict(allMs < 50) },
      { measure: "generated scan, 100 items (fastest run)", time: fmt(t100), goal: "", result: "" },
      { measure: "generated scan, 1,000 items (fastest run)", time: fmt(t1000), goal: "linear (≈10×)", result: `${(t1000 / t100).toFixed(1)}× ${verdict(t1000 / t100 < 15)}` },
    ]);

    // Not a speed: how the checker does on the single-mistake corpus (test/dsl/corpus).
    const tally = tallyCorpus();
    console.log(`single-mistake corpus: ${describeTally(tally)}`);
    for (const miss of tally.misses) console.log(`  not as expected: ${miss.file}: ${JSON.stringify(miss.got)}`);
    const made = tallyMutations();
    console.log(`single mistakes made in the shipped scans: ${made.asExpected} of ${made.total} give one error on the mistake's line (or none where read as meant)`);
    for (const miss of made.misses) console.log(`  not as expected: ${miss}`);
  },
};
