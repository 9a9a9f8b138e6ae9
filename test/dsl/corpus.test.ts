// The single-mistake corpus: each file in test/dsl/corpus is a small scan with one mistake of the
// kinds authors make (indentation, a missing quote, a misspelt keyword, text pasted from Word, a
// Dutch word in a condition), and its first line says what the checker must report: exactly one
// error, on that line. A file whose mistake the language accepts (curly quotes, a byte-order mark)
// expects no error; a pasted no-break space expects one warning and no error.
import { describe, expect, it } from "vitest";
import { corpusFiles, corpusText, expectation, found, tallyCorpus } from "./corpus-tally.ts";

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
