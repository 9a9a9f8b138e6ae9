import { z } from "zod";
import type { Aggregator } from "./types.ts";
import type { AggregatorInput } from "./stats.ts";
import { fieldMean, findField, itemTitle, mean, nl, round2, themeTitle } from "./stats.ts";

export const gapParamsSchema = z.object({
  per: z.enum(["theme", "item"]).default("theme"),
});
export type GapParams = z.infer<typeof gapParamsSchema>;

export interface GapItem {
  item: string;
  theme: string;
  title: string;
  n: number;
  current: number | null;
  desired: number | null;
  /** desired − current; positive means "wants more than there is". */
  gap: number | null;
}

export interface GapTheme {
  theme: string;
  title: string;
  current: number | null;
  desired: number | null;
  gap: number | null;
  /** The theme's statements, largest gap first. */
  items: GapItem[];
}

export interface GapResult {
  kind: "gap";
  per: "theme" | "item";
  items: GapItem[];
  /** Themes ranked by gap, largest first; themes without answers last. */
  themes: GapTheme[];
  explanation: string;
}

const byGapDesc = (a: { gap: number | null }, b: { gap: number | null }) =>
  (b.gap ?? -Infinity) - (a.gap ?? -Infinity);

export const gap: Aggregator<GapParams, AggregatorInput, GapResult> = {
  name: "gap",
  doc: "Gemiddelde huidige en gewenste situatie per stelling en per thema, en de kloof (gewenst − huidig); thema's gerangschikt op kloof.",
  params: {
    per: { kind: "word", required: false, values: ["theme", "item"], doc: "rank themes (default) or single items by gap" },
  },
  schema: gapParamsSchema,
  compute(input, params, model) {
    const items: GapItem[] = model.items
      .filter((i) => i.kind === "pair")
      .map((i) => {
        const cur = findField(input.current, i.id, "current");
        const des = findField(input.current, i.id, "desired");
        const current = fieldMean(cur, i, model);
        const desired = fieldMean(des, i, model);
        return {
          item: i.id,
          theme: i.theme,
          title: itemTitle(i),
          n: Math.max(cur?.n ?? 0, des?.n ?? 0),
          current: current === null ? null : round2(current),
          desired: desired === null ? null : round2(desired),
          gap: current === null || desired === null ? null : round2(desired - current),
        };
      });

    // A theme's score is the mean of its statements' means, so every statement weighs the same.
    const themes: GapTheme[] = model.themes
      .map((t) => {
        const own = items.filter((i) => i.theme === t.id);
        const cur = mean(own.flatMap((i) => (i.current === null ? [] : [i.current])));
        const des = mean(own.flatMap((i) => (i.desired === null ? [] : [i.desired])));
        return {
          theme: t.id,
          title: themeTitle(model, t.id),
          current: cur === null ? null : round2(cur),
          desired: des === null ? null : round2(des),
          gap: cur === null || des === null ? null : round2(des - cur),
          items: [...own].sort(byGapDesc),
        };
      })
      .filter((t) => t.items.length > 0)
      .sort(byGapDesc);

    const explanation = explain(params.per, themes, items);
    return { kind: "gap", per: params.per, items: params.per === "item" ? [...items].sort(byGapDesc) : items, themes, explanation };
  },
};

function explain(per: "theme" | "item", themes: GapTheme[], items: GapItem[]): string {
  const rule = "Kloof = gemiddelde gewenste situatie − gemiddelde huidige situatie";
  if (per === "item") {
    const ranked = items.filter((i) => i.gap !== null).sort(byGapDesc);
    const top = ranked[0];
    if (!top) return `Nog geen antwoorden op de stellingen. ${rule}.`;
    return `Grootste kloof bij de stelling "${top.title}": huidig ${nl(top.current!)}, gewenst ${nl(top.desired!)}, kloof ${nl(top.gap!)}. ${rule} per stelling; stellingen gerangschikt op kloof.`;
  }
  const ranked = themes.filter((t) => t.gap !== null);
  const top = ranked[0];
  if (!top) return `Nog geen antwoorden op de stellingen. ${rule}.`;
  return `Grootste kloof bij thema "${top.title}": huidig ${nl(top.current!)}, gewenst ${nl(top.desired!)}, kloof ${nl(top.gap!)}. ${rule}; een thema is het gemiddelde van zijn ${top.items.length === 1 ? "stelling" : "stellingen"}, thema's gerangschikt op kloof.`;
}
