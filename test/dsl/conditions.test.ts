// Conditions with and, or, not and parentheses: how they are checked, what they compile to, and
// that SurveyJS's own evaluation of the compiled expression agrees with ours (dsl/conditions.ts),
// which the server's validation and the editor use.
import fc from "fast-check";
import { ConditionRunner, Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { conditionHolds, visibleFields, visibleIf } from "../../dsl/conditions.ts";
import { compile, type Condition, type ScoringModel } from "../../dsl/index.ts";
import { diagnose, header } from "../support/dsl.ts";

const items = `theme t "T"
  rate r "R" on niveau
  pair p "P" on niveau
  choice c "C"
    option a "A"
    option b "B"
    option d "D"
  multi m "M"
    optional
    option a "A"
    option b "B"
    option d "D"
  yesno y "Y"
    partly
`;
const withCondition = (condition: string) => `${header}\n${items}  text doel "Doel"\n    show if ${condition}\n`;

function compiled(condition: string) {
  const out = compile({ name: "t", text: withCondition(condition) });
  expect(out.diagnostics).toEqual([]);
  return out.result!;
}

const showIf = (condition: string) => compiled(condition).model.items.find((i) => i.id === "doel")!.showIf!;

describe("conditions with and, or, not and parentheses", () => {
  it("compiles `and`, `or` and `not` to a condition tree", () => {
    expect(showIf("r < 3 and p.desired >= 4")).toEqual({
      all: [
        { field: "r", op: "<", value: 3 },
        { field: "p__desired", op: ">=", value: 4 },
      ],
    });
    expect(showIf("c = a or y = nee or m contains d")).toEqual({
      any: [
        { field: "c", op: "=", value: "a" },
        { field: "y", op: "=", value: "nee" },
        { field: "m", op: "contains", value: "d" },
      ],
    });
    expect(showIf("not (r < 3 or c = b) and y != ja")).toEqual({
      all: [{ not: { any: [{ field: "r", op: "<", value: 3 }, { field: "c", op: "=", value: "b" }] } }, { field: "y", op: "!=", value: "ja" }],
    });
  });

  it("keeps a single comparison in the shape stored versions have", () => {
    expect(showIf("r <= 2")).toEqual({ field: "r", op: "<=", value: 2 });
  });

  it("asks for parentheses where `and` and `or` are mixed", () => {
    expect(diagnose(withCondition("r < 3 and y = ja or c = a"))).toEqual([{ id: "condition-invalid", line: 24, column: 30 }]);
    expect(diagnose(withCondition("(r < 3 and y = ja) or c = a"))).toEqual([]);
  });

  it("reports a missing closing parenthesis and a missing comparison", () => {
    expect(diagnose(withCondition("(r < 3 and y = ja"))).toEqual([{ id: "token-expected", line: 24, column: 30 }]);
    expect(diagnose(withCondition("r < 3 and"))).toEqual([{ id: "token-expected", line: 24, column: 22 }]);
  });

  it("checks every comparison as before: earlier items, known values, the right comparison", () => {
    expect(diagnose(withCondition("r < 3 and c = x"))).toEqual([{ id: "condition-invalid", line: 24, column: 27 }]);
    expect(diagnose(withCondition("not m > 2"))).toEqual([{ id: "condition-invalid", line: 24, column: 19 }]);
    expect(diagnose(withCondition("r < 3 or p < 2"))).toEqual([{ id: "condition-invalid", line: 24, column: 22 }]);
    expect(diagnose(withCondition("r < 3 or onbekend = ja"))).toEqual([{ id: "item-undefined", line: 24, column: 22 }]);
    expect(diagnose(withCondition("y = ja and doel = ja"))).toEqual([{ id: "condition-self", line: 24, column: 24 }]);
  });

  it("reports nesting deeper than anyone writes once, where it gets too deep", () => {
    expect(diagnose(withCondition(`${"not (".repeat(8)}r < 3${")".repeat(8)}`))).toEqual([]);
    const deep = `${"(".repeat(40)}r < 3${")".repeat(40)}`;
    expect(diagnose(withCondition(deep))).toEqual([{ id: "condition-invalid", line: 24, column: 29 }]);
  });

  it("evaluates the old single-comparison shape and the new tree alike", () => {
    const old: Condition = { field: "r", op: "<", value: 3 };
    expect(conditionHolds(old, { r: 2 })).toBe(true);
    expect(conditionHolds({ all: [old, { not: { field: "y", op: "=", value: "ja" } }] }, { r: 2, y: "nee" })).toBe(true);
    expect(conditionHolds({ any: [old] }, {})).toBe(false);
  });

  it("counts a comparison with an unanswered item as false, also for !=, and `not` turns that around", () => {
    expect(conditionHolds({ field: "y", op: "!=", value: "ja" }, {})).toBe(false);
    expect(conditionHolds({ not: { field: "y", op: "=", value: "ja" } }, {})).toBe(true);
    expect(new ConditionRunner(visibleIf({ field: "y", op: "!=", value: "ja" })).runValues({})).toBe(false);
  });
});

// The property: for any condition over the five answer kinds and any answers, SurveyJS (running
// the compiled `visibleIf`) and dsl/conditions.ts agree.
const leaf = fc.oneof(
  fc.tuple(fc.constantFrom("r", "p.current", "p.desired"), fc.constantFrom("=", "!=", ">", ">=", "<", "<="), fc.integer({ min: 1, max: 5 })).map(([f, op, v]) => `${f} ${op} ${v}`),
  fc.tuple(fc.constantFrom("=", "!="), fc.constantFrom("a", "b", "d")).map(([op, v]) => `c ${op} ${v}`),
  fc.constantFrom("a", "b", "d").map((v) => `m contains ${v}`),
  fc.tuple(fc.constantFrom("=", "!="), fc.constantFrom("ja", "nee", "deels")).map(([op, v]) => `y ${op} ${v}`),
);
const condition: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    tie("node").map((x) => `not (${x})`),
    fc.tuple(fc.constantFrom("and", "or"), fc.array(tie("node"), { minLength: 2, maxLength: 3 })).map(([j, parts]) => parts.map((p) => `(${p})`).join(` ${j} `)),
  ),
})).node as fc.Arbitrary<string>;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const answers = fc
  .record({
    r: maybe(fc.integer({ min: 1, max: 5 })),
    p__current: maybe(fc.integer({ min: 1, max: 5 })),
    p__desired: maybe(fc.integer({ min: 1, max: 5 })),
    c: maybe(fc.constantFrom("a", "b", "d")),
    m: maybe(fc.subarray(["a", "b", "d"])),
    y: maybe(fc.constantFrom("ja", "nee", "deels")),
  })
  .map((data) => Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)));

describe("SurveyJS and dsl/conditions.ts agree", () => {
  it("on every generated condition and set of answers", () => {
    fc.assert(
      fc.property(condition, answers, (text, data) => {
        const out = compile({ name: "t", text: withCondition(text) });
        if (out.result === null) throw new Error(`does not compile: ${text}\n${JSON.stringify(out.diagnostics.map((d) => d.id))}`);
        const model = out.result.model;
        const cond = model.items.find((i) => i.id === "doel")!.showIf!;
        const expression = visibleIf(cond);
        expect(new ConditionRunner(expression).runValues(data), `${text} → ${expression} on ${JSON.stringify(data)}`).toBe(conditionHolds(cond, data));
      }),
      { numRuns: 400 },
    );
  });

  it("in a running SurveyJS form: the questions it shows are the fields the server counts", () => {
    fc.assert(
      fc.property(condition, answers, (text, data) => {
        const { survey, model } = compiled(text);
        const form = new Model(survey);
        form.data = data;
        const shown = new Set(visibleFields(model as ScoringModel, data).map((f) => f.name));
        expect(form.getQuestionByName("doel")!.isVisible, text).toBe(shown.has("doel"));
      }),
      { numRuns: 60 },
    );
  });
});

describe("a hidden item in a chain", () => {
  it("counts for nothing in a later condition, in SurveyJS as in visibleFields", () => {
    const text = `${header}\ntheme t "T"\n  yesno a "A"\n  rate b "B" on niveau\n    show if a = ja\n  text c "C"\n    show if b >= 3\n`;
    const { survey, model } = compile({ name: "t", text }).result!;
    const form = new Model(survey);
    form.setValue("a", "ja");
    form.setValue("b", 4);
    expect(form.getQuestionByName("c")!.isVisible).toBe(true);
    form.setValue("a", "nee");
    // b is hidden, so its answer is gone and c hides too.
    expect(form.getQuestionByName("b")!.isVisible).toBe(false);
    expect(form.getQuestionByName("c")!.isVisible).toBe(false);
    expect(visibleFields(model, { a: "nee", b: 4, c: "x" }).map((f) => f.name)).toEqual(["a"]);
  });
});
