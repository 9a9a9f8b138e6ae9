// The server's check of a submission against its scan version (server/respond/answer-validator.ts):
// every reason for every kind of field, unknown items, hidden and "not applicable" items, and the
// stored arrays. The API tests (respond-api.test.ts) check the same through the submit route.
import { describe, expect, it } from "vitest";
import { NOT_APPLICABLE } from "../dsl/index.ts";
import { buildValidator, type Validated } from "../server/respond/answer-validator.ts";
import { miniAnswers, miniScan } from "./fixtures/mini-scan.ts";
import { compileScanFile, validAnswers } from "./support/app.ts";

const validator = buildValidator(miniScan.model);
const issuesOf = (result: Validated) => (result.ok ? [] : result.issues.map((i) => [i.field, i.reason]));

describe("the answer validator", () => {
  it("accepts a complete answer set and builds the stored arrays from it", () => {
    const result = validator.submission(miniAnswers);
    expect(issuesOf(result)).toEqual([]);
    if (!result.ok) return;
    expect(result.data).toEqual(miniAnswers);
    expect(result.arrays).toEqual({
      numItems: ["missie", "samen", "samen", "fase"],
      numSides: [null, "current", "desired", null],
      numValues: [4, 2, 4, 2],
      textItems: ["rol", "kanalen", "kanalen", "beleid"],
      textSides: [null, null, null, null],
      textValues: ["docent", "mail", "balie", "deels"],
    });
  });

  const cases: [string, Record<string, unknown>, [string, string][]][] = [
    ["a number above the scale", { missie: 6 }, [["missie", "off-scale"]]],
    ["a number below the scale", { samen__desired: 0 }, [["samen__desired", "off-scale"]]],
    ["a number far beyond any scale", { fase: 2 ** 60 }, [["fase", "off-scale"]]],
    ["a fraction", { fase: 2.5 }, [["fase", "wrong-type"]]],
    ["a number as text", { missie: "4" }, [["missie", "wrong-type"]]],
    ["a boolean for a number", { missie: true }, [["missie", "wrong-type"]]],
    ["null for a required number", { missie: null }, [["missie", "wrong-type"], ["missie", "required"]]],
    ["a choice that is not an option", { rol: "directeur" }, [["rol", "not-allowed"]]],
    ["a choice given as a list", { rol: ["docent"] }, [["rol", "wrong-type"]]],
    ["a choice given as a number", { beleid: 1 }, [["beleid", "wrong-type"]]],
    ["an option of a multi that does not exist", { kanalen: ["mail", "fax"] }, [["kanalen", "not-allowed"]]],
    ["a multi with a number in it", { kanalen: ["mail", 3] }, [["kanalen", "wrong-type"]]],
    ["a multi given as one text", { kanalen: "mail" }, [["kanalen", "wrong-type"]]],
    ["a multi listing an option twice", { kanalen: ["mail", "mail"] }, [["kanalen", "invalid"]]],
    ["an open answer that is too long", { missie: 2, "missie-toelichting": "x".repeat(2001) }, [["missie-toelichting", "too-long"]]],
    ["an open answer that is not text", { missie: 2, "missie-toelichting": 5 }, [["missie-toelichting", "wrong-type"]]],
    ["a missing required answer", { beleid: undefined }, [["beleid", "required"]]],
    ["a blank required text", { missie: 2, "missie-toelichting": "  " }, [["missie-toelichting", "required"]]],
    ["unknown items, after the known ones", { bestaatniet: 3, missie: 9, ookniet: "x" }, [["missie", "off-scale"], ["bestaatniet", "unknown-item"], ["ookniet", "unknown-item"]]],
    ["an item named like a property of every object", { constructor: 1 }, [["constructor", "unknown-item"]]],
  ];
  it.each(cases)("rejects %s, naming the field and the reason", (_name, change, expected) => {
    const data: Record<string, unknown> = { ...miniAnswers, ...change };
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete data[k];
    expect(issuesOf(validator.submission(data))).toEqual(expected);
  });

  it("checks a value a condition hides, but neither requires nor stores it", () => {
    expect(issuesOf(validator.submission({ ...miniAnswers, "missie-toelichting": 5 }))).toEqual([["missie-toelichting", "wrong-type"]]);
    const hidden = validator.submission({ ...miniAnswers, "missie-toelichting": "weg" });
    expect(hidden.ok && hidden.data).toEqual(miniAnswers);
    expect(issuesOf(validator.submission({ ...miniAnswers, missie: 2 }))).toEqual([["missie-toelichting", "required"]]);
  });

  it("takes a draft without its required answers, but not with invalid ones", () => {
    expect(issuesOf(validator.draft({ missie: 3 }))).toEqual([]);
    expect(issuesOf(validator.draft({ missie: undefined, "missie-toelichting": "" }))).toEqual([]);
    const partial = validator.draft({ missie: 2, "missie-toelichting": " ", kanalen: [] });
    expect(partial.ok && partial.data).toEqual({ missie: 2 });
    expect(issuesOf(validator.draft({ missie: 7, kanalen: ["fax"] }))).toEqual([["missie", "off-scale"], ["kanalen", "not-allowed"]]);
  });

  it("says what a value must be", () => {
    const result = validator.submission({ ...miniAnswers, missie: 0, rol: "x", kanalen: ["x"], "missie-toelichting": "x".repeat(2001) });
    expect(result.ok ? [] : result.issues.map((i) => i.message)).toEqual([
      "must be a whole number from 1 to 5",
      "is longer than 2000 characters",
      "must be one of: docent, student",
      "must be a list of: mail, telefoon, balie",
    ]);
  });

  it("rejects answers that are not an object", () => {
    for (const data of [null, [], "x", 3]) {
      expect(issuesOf(validator.submission(data))).toEqual([["data", "wrong-type"]]);
    }
  });

  it("takes the shipped scans' complete answers, the bachelorscan's 45 pairs among them", async () => {
    for (const file of ["scans/paraplu-quickscan.scan", "scans/bachelorscan.scan"]) {
      const { model } = (await compileScanFile(file)).compiled;
      const data = validAnswers(model);
      const result = buildValidator(model).submission(data);
      expect(issuesOf(result)).toEqual([]);
      if (result.ok) expect(result.arrays.numValues.length + result.arrays.textValues.length).toBeGreaterThanOrEqual(Object.keys(data).length);
    }
  });

  it("stores a 'not applicable' mark instead of the rating it hides", async () => {
    const { model } = (await compileScanFile("scans/paraplu-quickscan.scan")).compiled;
    const result = buildValidator(model).submission({ ...validAnswers(model), missie: 9, missie__nvt: [NOT_APPLICABLE] });
    // The hidden rating is still checked: a value off the scale is refused, not silently dropped.
    expect(issuesOf(result)).toEqual([["missie", "off-scale"]]);
  });
});
