import { z } from "zod";
import type { Aggregator } from "./types.ts";
import type { AggregatorInput } from "./stats.ts";
import { fieldMean, findField, itemTitle, listNl, nl, numericItems, rawMean, round2 } from "./stats.ts";

export const thresholdParamsSchema = z.object({
  on: z.string().min(1),
  "at-least": z.number().int(),
});
export type ThresholdParams = z.infer<typeof thresholdParamsSchema>;

export interface ThresholdItem {
  item: string;
  title: string;
  n: number;
  /** Mean of what was answered (for a pair item: the current side); null when nobody answered. */
  score: number | null;
  /** The score that is compared with the minimum: for a `reverse` item from the other end of the scale. */
  scored: number | null;
  reverse: boolean;
  below: boolean;
  /** How many marked it "not applicable" (`not-applicable` on its scale) instead of scoring it. */
  notApplicableCount: number;
  /** Nobody scored it and at least one marked it not applicable: it has no priority now. */
  notApplicable: boolean;
}

export interface ThresholdResult {
  kind: "threshold";
  scale: string;
  atLeast: number;
  items: ThresholdItem[];
  /** Item ids scoring below the minimum. */
  below: string[];
  /** Item ids without any answer. */
  unanswered: string[];
  /** Item ids marked "not applicable / no priority now" and not scored: left out of the verdict. */
  notApplicable: string[];
  /** True when every item that applies has a score at or above the minimum (and at least one does). */
  allReached: boolean;
  explanation: string;
}

export const threshold: Aggregator<ThresholdParams, AggregatorInput, ThresholdResult> = {
  name: "threshold",
  doc: "Markeert elementen die onder een minimumniveau scoren (bijvoorbeeld 3) en zegt of alle elementen het minimum halen.",
  params: {
    on: { kind: "scale", required: true, doc: "the scale whose items are checked" },
    "at-least": { kind: "int", required: true, within: "on", doc: "the minimum acceptable score, e.g. 3" },
  },
  schema: thresholdParamsSchema,
  compute(input, params, model) {
    const atLeast = params["at-least"];
    const items: ThresholdItem[] = numericItems(model, params.on).map((i) => {
      const field = findField(input.current, i.id, i.kind === "pair" ? "current" : null);
      const score = rawMean(field);
      const scored = fieldMean(field, i, model);
      const notApplicableCount = field?.notApplicable ?? 0;
      return {
        item: i.id,
        title: itemTitle(i),
        n: field?.n ?? 0,
        score: score === null ? null : round2(score),
        scored: scored === null ? null : round2(scored),
        reverse: i.reverse,
        below: scored !== null && scored < atLeast,
        notApplicableCount,
        notApplicable: score === null && notApplicableCount > 0,
      };
    });
    const below = items.filter((i) => i.below);
    const skipped = items.filter((i) => i.notApplicable);
    const unanswered = items.filter((i) => i.score === null && !i.notApplicable);
    // The book's teams scored only the elements with priority: the others are not "below".
    const applying = items.length - skipped.length;
    const allReached = applying > 0 && below.length === 0 && unanswered.length === 0;

    const word = applying === 1 ? "element" : "elementen";
    const parts: string[] = [];
    if (below.length > 0) {
      parts.push(
        `${below.length} van ${applying} ${word} scoren onder niveau ${atLeast}: ${listNl(
          below.map((i) => `${i.title} (${nl(i.score!)}${i.reverse ? `, omgekeerd gescoord: telt als ${nl(i.scored!)}` : ""})`),
        )}.`,
      );
    }
    if (unanswered.length > 0) {
      parts.push(`Nog geen score voor ${listNl(unanswered.map((i) => i.title))}.`);
    }
    if (skipped.length > 0) {
      parts.push(`Niet van toepassing of nu geen prioriteit: ${listNl(skipped.map((i) => i.title))}; ${skipped.length === 1 ? "dat telt" : "die tellen"} niet mee.`);
    }
    parts.push(
      allReached
        ? `Alle ${applying} ${word}${skipped.length ? " die van toepassing zijn" : ""} scoren op of boven niveau ${atLeast}.`
        : applying === 0
          ? "Geen enkel element is nu van toepassing."
          : `Nog niet alle ${word} halen niveau ${atLeast}.`,
    );
    parts.push(`Regel: een element haalt het minimum als zijn score ≥ ${atLeast} is.`);
    return {
      kind: "threshold",
      scale: params.on,
      atLeast,
      items,
      below: below.map((i) => i.item),
      unanswered: unanswered.map((i) => i.item),
      notApplicable: skipped.map((i) => i.item),
      allReached,
      explanation: parts.join(" "),
    };
  },
};
