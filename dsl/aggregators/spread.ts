import { z } from "zod";
import type { Side } from "../model.ts";
import type { Aggregator } from "./types.ts";
import type { AggregatorInput } from "./stats.ts";
import { findField, itemTitle, nl, numericItems, round2, spreadOf } from "./stats.ts";

export const spreadParamsSchema = z.object({
  on: z.string().min(1).optional(),
});
export type SpreadParams = z.infer<typeof spreadParamsSchema>;

/** A standard deviation from this value up counts as a divided team on a 1–5 scale. */
export const DISAGREEMENT_SD = 1;

export interface SpreadItem {
  item: string;
  side: Side | null;
  title: string;
  n: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  /** Value → count. */
  counts: Record<string, number>;
  divided: boolean;
}

export interface SpreadResult {
  kind: "spread";
  items: SpreadItem[];
  /** Items where the group disagrees most, largest spread first. */
  divided: SpreadItem[];
  explanation: string;
}

export const spread: Aggregator<SpreadParams, AggregatorInput, SpreadResult> = {
  name: "spread",
  doc: "Spreiding van de antwoorden per stelling (verdeling, standaardafwijking) om te laten zien waar het team het oneens is.",
  params: {
    on: { kind: "scale", required: false, doc: "only items on this scale (default: all numeric items)" },
  },
  schema: spreadParamsSchema,
  compute(input, params, model) {
    const items: SpreadItem[] = numericItems(model, params.on).flatMap((i) => {
      const sides: (Side | null)[] = i.kind === "pair" ? ["current", "desired"] : [null];
      return sides.map((side) => {
        const counts = findField(input.current, i.id, side)?.counts ?? {};
        const s = spreadOf(counts);
        return {
          item: i.id,
          side,
          title: itemTitle(i),
          n: s?.n ?? 0,
          mean: s ? round2(s.mean) : null,
          sd: s ? round2(s.sd) : null,
          min: s?.min ?? null,
          max: s?.max ?? null,
          counts,
          divided: s !== null && s.n > 1 && s.sd >= DISAGREEMENT_SD,
        };
      });
    });
    const divided = items.filter((i) => i.divided).sort((a, b) => (b.sd ?? 0) - (a.sd ?? 0));
    const top = divided[0];
    const rule = `Regel: verdeeld als de standaardafwijking ≥ ${nl(DISAGREEMENT_SD)} is.`;
    const explanation = top
      ? `Verdeeld beeld bij ${divided.length} van ${items.length} vragen; het meest bij "${top.title}"${top.side ? ` (${top.side === "current" ? "huidig" : "gewenst"})` : ""}: antwoorden van ${top.min} tot ${top.max}, standaardafwijking ${nl(top.sd!)}. ${rule}`
      : `Het team antwoordt overal ongeveer gelijk. ${rule}`;
    return { kind: "spread", items, divided, explanation };
  },
};
