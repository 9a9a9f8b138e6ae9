// The single-mistake corpus: each file in test/dsl/corpus is a small scan with one mistake of the
// kinds authors make (indentation, a missing quote, a misspelt keyword, text pasted from Word, a
// Dutch word in a condition), and its first line says what the checker must report: exactly one
// error, on that line. A file whose mistake the language accepts (curly quotes, a byte-order mark)
// expects no error; a pasted no-break space expects one warning and no error.
import { describe, expect, it } from "vitest";
import { corpusFiles, corpusText, expectation, found, tallyCorpus } from "./corpus-tally.ts";
import { tallyMutations } from "./mutations.ts";

const files = corpusFiles();

describe("the single-mistake corpus", () => {
  it("holds at least 40 files", () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)("%s gives exactly the one diagnostic it expects", (file) => {
    const want = expectation(corpusText(file));
    const got = found(file);
    if (want.severity === "none") expect(got).toEqual([]);
    else expect(got).toEqual([{ id: want.id, severity: want.severity, line: want.line }]);
  });

  it("tallies every file as one error on the right line, or no error where the language reads it as meant", () => {
    const tally = tallyCorpus();
    expect(tally.misses).toEqual([]);
    expect(tally.files).toBe(files.length);
    expect(tally.oneErrorRightLine).toBe(tally.errorFiles);
    expect(tally.acceptedWithoutError).toBe(tally.acceptedFiles);
    expect(tally.errorFiles).toBeGreaterThanOrEqual(40);
  });
});

describe("single mistakes made in the shipped scans (test/dsl/mutations.ts)", () => {
  it("give one error on the mistake's line, or none where the language reads them as meant, in at least 95 of 100", () => {
    const tally = tallyMutations();
    expect(tally.total).toBeGreaterThan(300);
    // Every kind of mistake was made.
    expect(tally.perKind.size).toBe(13);
    expect(tally.asExpected / tally.total, tally.misses.join("\n")).toBeGreaterThanOrEqual(0.95);
  });
});
