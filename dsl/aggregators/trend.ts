import { z } from "zod";
import type { Side } from "../model.ts";
import type { Aggregator } from "./types.ts";
import type { AggregatorInput } from "./stats.ts";
import { fieldMean, findField, itemTitle, listNl, mean, nl, numericItems, rawMean, round2, themeTitle } from "./stats.ts";

export const trendParamsSchema = z.object({
  on: z.string().min(1).optional(),
});
export type TrendParams = z.infer<typeof trendParamsSchema>;

export type Direction = "up" | "down" | "same" | "new" | "none";

export interface TrendItem {
  item: string;
  side: Side | null;
  theme: string;
  title: string;
  /** Means of what was answered (never reversed). */
  previous: number | null;
  current: number | null;
  delta: number | null;
  /** The book's orange: the score differs from the previous round. */
  changed: boolean;
  direction: Direction;
  /** Marked "not applicable" in this round and not scored: no change to show. */
  notApplicable: boolean;
}

export interface TrendTheme {
  theme: string;
  title: string;
  /** Means over the theme's items, `reverse` ones reversed. */
  previous: number | null;
  current: number | null;
  delta: number | null;
  changed: boolean;
}

export interface TrendResult {
  kind: "trend";
  hasPrevious: boolean;
  items: TrendItem[];
  themes: TrendTheme[];
  /** Ids of the items whose score changed (for pair items: either side). */
  changed: string[];
  explanation: string;
}

function direction(previous: number | null, current: number | null): Direction {
  if (current === null) return "none";
  if (previous === null) return "new";
  if (current > previous) return "up";
  if (current < previous) return "down";
  return "same";
}

export const trend: Aggregator<TrendParams, AggregatorInput, TrendResult> = {
  name: "trend",
  doc: "Verandering per element en per thema sinds de vorige ronde van dezelfde reeks; veranderde scores worden gemarkeerd (in het boek oranje).",
  params: {
    on: { kind: "scale", required: false, doc: "only items on this scale (default: all numeric items)" },
  },
  schema: trendParamsSchema,
  compute(input, params, model) {
    const prev = input.previous;
    const scored = new Map<string, { current: number | null; previous: number | null }>();
    const items: TrendItem[] = numericItems(model, params.on).flatMap((i) => {
      const sides: (Side | null)[] = i.kind === "pair" ? ["current", "desired"] : [null];
      return sides.map((side) => {
        const field = findField(input.current, i.id, side);
        const cur = rawMean(field);
        const old = prev ? rawMean(findField(prev, i.id, side)) : null;
        const current = cur === null ? null : round2(cur);
        const previous = old === null ? null : round2(old);
        const delta = current === null || previous === null ? null : round2(current - previous);
        scored.set(`${i.id}\u0000${side ?? ""}`, {
          current: fieldMean(findField(input.current, i.id, side), i, model),
          previous: prev ? fieldMean(findField(prev, i.id, side), i, model) : null,
        });
        return {
          item: i.id,
          side,
          theme: i.theme,
          title: itemTitle(i),
          previous,
          current,
          delta,
          changed: delta !== null && delta !== 0,
          direction: direction(previous, current),
          notApplicable: current === null && (field?.notApplicable ?? 0) > 0,
        };
      });
    });

    // Themes follow the current side of pair items, like the gap's "huidige situatie". With a
    // previous round, both means are over the items scored in both rounds, so an element marked
    // "not applicable" in one of them does not move its theme.
    const headline = items.filter((i) => i.side !== "desired");
    const themes: TrendTheme[] = model.themes.flatMap((t) => {
      if (t.page) return [];
      const own = headline.filter((i) => i.theme === t.id).map((i) => scored.get(`${i.item}\u0000${i.side ?? ""}`)!);
      if (own.length === 0) return [];
      const both = own.filter((i) => i.current !== null && i.previous !== null);
      const pool = prev && both.length > 0 ? both : own;
      const c = mean(pool.flatMap((i) => (i.current === null ? [] : [round2(i.current)])));
      const p = mean(pool.flatMap((i) => (i.previous === null ? [] : [round2(i.previous)])));
      const delta = c === null || p === null ? null : round2(c - p);
      return [{ theme: t.id, title: themeTitle(model, t.id), current: c === null ? null : round2(c), previous: p === null ? null : round2(p), delta, changed: delta !== null && delta !== 0 }];
    });

    const changed = [...new Set(items.filter((i) => i.changed).map((i) => i.item))];
    const total = new Set(items.map((i) => i.item)).size;
    let explanation: string;
    if (!prev) {
      explanation = "Er is geen vorige ronde in deze reeks; veranderingen zijn pas bij de volgende ronde te zien.";
    } else if (changed.length === 0) {
      explanation = `Geen van de ${total} elementen is veranderd sinds de vorige ronde.`;
    } else {
      const shown = headline.filter((i) => i.changed);
      const describe = (shown.length > 0 ? shown : items.filter((i) => i.changed)).map(
        (i) => `${i.title} ${nl(i.previous!)} → ${nl(i.current!)}`,
      );
      explanation = `${changed.length} van ${total} elementen ${changed.length === 1 ? "is" : "zijn"} veranderd sinds de vorige ronde: ${listNl(describe)}. Regel: een element is veranderd als zijn score verschilt van die in de vorige ronde.`;
    }
    const skipped = [...new Set(items.filter((i) => i.notApplicable).map((i) => i.title))];
    if (prev && skipped.length > 0) {
      explanation += ` Nu niet van toepassing of geen prioriteit, dus niet vergeleken: ${listNl(skipped)}.`;
    }
    return { kind: "trend", hasPrevious: prev !== null, items, themes, changed, explanation };
  },
};
