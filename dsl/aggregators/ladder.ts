import { z } from "zod";
import type { Aggregator } from "./types.ts";
import type { AggregatorInput } from "./stats.ts";
import { findField, findScale, nl, numericItems, percent } from "./stats.ts";

export const ladderParamsSchema = z.object({
  on: z.string().min(1),
  target: z.tuple([z.number().int(), z.number().int()]),
});
export type LadderParams = z.infer<typeof ladderParamsSchema>;

export interface LadderStep {
  value: number;
  label: string;
  count: number;
  share: number;
  atTarget: boolean;
}

export interface LadderResult {
  kind: "ladder";
  scale: string;
  target: [number, number];
  /** Answers over all items on the scale (the Traptrede has one). */
  n: number;
  steps: LadderStep[];
  atTarget: number;
  /** Share of answers on a target step, 0..1; null without answers. */
  shareAtTarget: number | null;
  explanation: string;
}

export const ladder: Aggregator<LadderParams, AggregatorInput, LadderResult> = {
  name: "ladder",
  doc: "Verdeling over de treden van een ladder en het aandeel op de doeltreden (bijvoorbeeld 4–5).",
  params: {
    on: { kind: "scale", required: true, doc: "the ladder scale" },
    target: { kind: "range", required: true, within: "on", doc: "the target steps, e.g. 4..5" },
  },
  schema: ladderParamsSchema,
  compute(input, params, model) {
    const [lo, hi] = params.target;
    const scale = findScale(model, params.on);
    const counts = new Map<number, number>();
    for (const item of numericItems(model, params.on)) {
      const field = findField(input.current, item.id, item.kind === "pair" ? "current" : null);
      for (const [key, count] of Object.entries(field?.counts ?? {})) {
        const v = Number(key);
        counts.set(v, (counts.get(v) ?? 0) + count);
      }
    }
    const min = scale?.min ?? Math.min(...counts.keys());
    const max = scale?.max ?? Math.max(...counts.keys());
    const n = [...counts.values()].reduce((a, b) => a + b, 0);
    const steps: LadderStep[] = [];
    for (let v = min; v <= max; v++) {
      const count = counts.get(v) ?? 0;
      steps.push({
        value: v,
        label: scale?.labels.find((l) => l.value === v)?.text.nl ?? String(v),
        count,
        share: n === 0 ? 0 : count / n,
        atTarget: v >= lo && v <= hi,
      });
    }
    const atTarget = steps.filter((s) => s.atTarget).reduce((a, s) => a + s.count, 0);
    const shareAtTarget = n === 0 ? null : atTarget / n;
    const range = lo === hi ? `trede ${lo}` : `trede ${lo}–${hi}`;
    const explanation =
      n === 0
        ? `Nog geen antwoorden. Doel: iedereen op ${range}.`
        : `${atTarget} van ${n} ${n === 1 ? "antwoord staat" : "antwoorden staan"} op ${range} (${percent(shareAtTarget!)}). Doel: iedereen op ${range}; ${
            n - atTarget === 0 ? "het doel is gehaald" : `nog ${n - atTarget} eronder (gemiddelde trede ${nl(steps.reduce((a, s) => a + s.value * s.count, 0) / n)})`
          }.`;
    return { kind: "ladder", scale: params.on, target: [lo, hi], n, steps, atTarget, shareAtTarget, explanation };
  },
};
