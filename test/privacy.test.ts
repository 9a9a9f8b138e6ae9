import { describe, expect, it } from "vitest";
import { discloseParts, minimumGroupSize } from "../server/privacy/disclosure.ts";
import { answeredBy } from "../server/privacy/answered-by.ts";

const parts = (entries: [string | null, number][]) => new Map(entries);

describe("minimum group size", () => {
  it("exempts a team-consensus scan, whose one response is the team's", () => {
    expect(minimumGroupSize("team", 5, 5)).toBe(1);
    expect(minimumGroupSize("individual", 5, 5)).toBe(5);
  });

  it("takes the larger of the round's minimum and the floor, and never goes below 3", () => {
    expect(minimumGroupSize("individual", 1, 5)).toBe(5);
    expect(minimumGroupSize("individual", 8, 5)).toBe(8);
    expect(minimumGroupSize("individual", 1, 1)).toBe(3);
  });

  it("reads who answers from the model, falling back to the respondent word for versions compiled before answeredBy", () => {
    expect(answeredBy({ respondent: "team", answeredBy: "individual" })).toBe("individual");
    expect(answeredBy({ respondent: "docent", answeredBy: "team" })).toBe("team");
    expect(answeredBy({ respondent: "team" })).toBe("team");
    expect(answeredBy({ respondent: "consulent" })).toBe("individual");
  });

  it("hides a total below the minimum and every part of it, saying how many more are needed", () => {
    const d = discloseParts(3, parts([["A", 2], ["B", 1]]), 5);
    expect(d.total).toEqual({ status: "too-few", needed: 2 });
    expect(d.parts.get("A")).toEqual({ status: "too-few", needed: 3 });
  });

  it("hides team A when the total minus team A would reveal team B", () => {
    const d = discloseParts(7, parts([["A", 5], ["B", 2]]), 5);
    expect(d.total.status).toBe("shown");
    expect(d.parts.get("A")).toEqual({ status: "complement", needed: 3 });
    expect(d.parts.get("B")).toEqual({ status: "too-few", needed: 3 });
  });

  it("shows every team when the hidden rest is itself at least the minimum", () => {
    const d = discloseParts(16, parts([["A", 5], ["B", 6], ["C", 2], ["D", 3]]), 5);
    expect(d.parts.get("A")?.status).toBe("shown");
    expect(d.parts.get("B")?.status).toBe("shown");
    expect(d.parts.get("C")?.status).toBe("too-few");
  });

  it("never leaves a shown total and shown parts whose difference is between 1 and min − 1", () => {
    // Exhaustive over small partitions: whatever is shown, no subtraction reveals a small group.
    const min = 5;
    for (let a = 0; a <= 12; a++)
      for (let b = 0; b <= 12; b++)
        for (let c = 0; c <= 6; c++) {
          const total = a + b + c;
          const d = discloseParts(total, parts([["A", a], ["B", b], ["C", c]]), min);
          if (d.total.status !== "shown") {
            expect([...d.parts.values()].every((p) => p.status !== "shown")).toBe(true);
            continue;
          }
          const sizes = { A: a, B: b, C: c } as Record<string, number>;
          const shownSum = [...d.parts].filter(([, p]) => p.status === "shown").reduce((s, [k]) => s + sizes[k!]!, 0);
          const rest = total - shownSum;
          expect(rest === 0 || rest >= min).toBe(true);
          for (const [k, p] of d.parts) if (p.status === "shown") expect(sizes[k!]).toBeGreaterThanOrEqual(min);
        }
  });
});
