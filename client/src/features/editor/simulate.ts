// "Simulate": made-up answers for a compiled scan, counted into the same statistics the server
// computes in SQL, then run through the scan's own `score` lines — what a report would show.
import { findAggregator } from "../../../../dsl/aggregators/registry.ts";
import type { FieldStats, GroupStats } from "../../../../dsl/aggregators/stats.ts";
import { conditionHolds } from "../../../../dsl/conditions.ts";
import { NOT_APPLICABLE, type ItemModel, type ScoringModel } from "../../../../dsl/model.ts";

export interface SimulatedOutcome {
  name: string;
  params: Record<string, unknown>;
  result?: unknown;
  error?: string;
}

type Answers = Record<string, number | string | string[]>;

/** A small deterministic generator, so one scan simulates the same way every time. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const sampleTexts = [
  "Meer tijd voor overleg met collega's.",
  "Duidelijkere afspraken met de gemeente.",
  "Het werkt goed zoals het nu gaat.",
  "Scholing over het betrekken van het netwerk.",
];

function answerItem(item: ItemModel, data: Answers, next: () => number, leaning: number): void {
  const mark = item.fields.find((f) => f.notApplicable);
  // Now and then an item is marked "not applicable" instead of rated.
  if (mark && next() < 0.1) {
    data[mark.name] = [NOT_APPLICABLE];
    return;
  }
  for (const field of item.fields) {
    if (field.notApplicable) continue;
    if (field.type === "number") {
      const min = field.min ?? 1;
      const max = field.max ?? 5;
      // Each item leans somewhere on its scale; the desired side of a pair a little higher.
      const centre = min + (max - min) * Math.min(1, leaning + (field.side === "desired" ? 0.25 : 0));
      const v = Math.round(centre + (next() - 0.5) * (max - min) * 0.6);
      data[field.name] = Math.max(min, Math.min(max, v));
    } else if (field.type === "string") {
      if (field.values?.length) data[field.name] = field.values[Math.floor(next() * field.values.length)]!;
      else if (next() < 0.6) data[field.name] = sampleTexts[Math.floor(next() * sampleTexts.length)]!;
    } else {
      const picked = (field.values ?? []).filter(() => next() < 0.4);
      if (picked.length) data[field.name] = picked;
    }
  }
}

export function simulateAnswers(model: ScoringModel, respondents: number, seed = 42): Answers[] {
  const next = random(seed);
  const leanings = new Map(model.items.map((i) => [i.id, 0.2 + next() * 0.6]));
  return Array.from({ length: respondents }, () => {
    const data: Answers = {};
    for (const item of model.items) {
      if (item.showIf && !conditionHolds(item.showIf, data)) continue;
      answerItem(item, data, next, leanings.get(item.id)!);
    }
    return data;
  });
}

export function statsOf(model: ScoringModel, responses: Answers[], invited: number): GroupStats {
  const fields: FieldStats[] = [];
  const texts: GroupStats["texts"] = [];
  for (const item of model.items) {
    const mark = item.fields.find((f) => f.notApplicable);
    const marked = mark ? responses.filter((data) => data[mark.name] !== undefined).length : 0;
    for (const field of item.fields) {
      if (field.notApplicable) continue;
      const stats: FieldStats = { item: item.id, side: field.side, n: 0, sum: 0, counts: {}, ...(mark ? { notApplicable: marked } : {}) };
      const answers: string[] = [];
      for (const data of responses) {
        const value = data[field.name];
        if (value === undefined) continue;
        stats.n++;
        for (const v of Array.isArray(value) ? value : [value]) {
          if (typeof v === "number") stats.sum += v;
          else if (field.values === undefined) answers.push(v);
          const key = String(v);
          stats.counts[key] = (stats.counts[key] ?? 0) + 1;
        }
      }
      if (field.type === "string" && field.values === undefined) {
        texts.push({ item: item.id, answers });
        stats.counts = {};
      }
      fields.push(stats);
    }
  }
  return { responses: responses.length, invited, fields, texts };
}

export function simulateReport(model: ScoringModel, respondents = 24): SimulatedOutcome[] {
  const current = statsOf(model, simulateAnswers(model, respondents, 42), respondents + 6);
  // A previous round, so `trend` has something to compare with.
  const previous = statsOf(model, simulateAnswers(model, respondents, 7), respondents + 6);
  return model.aggregators.map((decl) => {
    const aggregator = findAggregator(decl.name);
    if (!aggregator) return { name: decl.name, params: decl.params, error: `unknown aggregator ${decl.name}` };
    const params = aggregator.schema.safeParse(decl.params);
    if (!params.success) return { name: decl.name, params: decl.params, error: params.error.message };
    return { name: decl.name, params: decl.params, result: aggregator.compute({ current, previous }, params.data, model) };
  });
}
