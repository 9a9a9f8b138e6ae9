import { z } from "zod";
import type { Aggregator } from "./types.ts";
import type { AggregatorInput, WantsMoreStats } from "./stats.ts";
import { fieldMean, findField, itemTitle, mean, nl, percent, rawMean, round2, themeTitle } from "./stats.ts";

export const gapParamsSchema = z.object({
  per: z.enum(["theme", "item"]).default("theme"),
  discriminating: z.enum(["separate", "in-theme"]).default("separate"),
});
export type GapParams = z.infer<typeof gapParamsSchema>;

/** Of the respondents who answered both sides: how many want more than there is. */
export interface WantsMore {
  n: number;
  more: number;
  /** more / n, 0..1. */
  share: number;
}

export interface GapItem {
  item: string;
  theme: string;
  title: string;
  n: number;
  /** Means of what was answered, never reversed: they belong under the statement's own wording. */
  current: number | null;
  desired: number | null;
  /** desired − current as answered; positive means "wants more of what the statement says". */
  gap: number | null;
  wantsMore: WantsMore | null;
  discriminating: boolean;
  reverse: boolean;
  /** Whether the statement counts in its theme's figures (reversed when `reverse`). */
  inTheme: boolean;
}

export interface GapTheme {
  theme: string;
  title: string;
  /** Means over the statements that count in the theme, each weighing the same, `reverse` ones reversed. */
  current: number | null;
  desired: number | null;
  gap: number | null;
  /** Respondents whose desired situation, over the theme's statements, exceeds the current one. */
  wantsMore: WantsMore | null;
  /** The statements that count in the theme, largest gap first. */
  items: GapItem[];
}

export interface GapResult {
  kind: "gap";
  per: "theme" | "item";
  discriminating: "separate" | "in-theme";
  /** Every pair statement (in `per item`: ranked by gap). */
  items: GapItem[];
  /** Themes ranked by gap, largest first; themes without answers last. */
  themes: GapTheme[];
  /** Discriminating statements reported apart from their theme (empty with `in-theme`). */
  separate: GapItem[];
  explanation: string;
}

const byGapDesc = (a: { gap: number | null }, b: { gap: number | null }) =>
  (b.gap ?? -Infinity) - (a.gap ?? -Infinity);

function wantsMore(stats: WantsMoreStats[] | undefined, scope: "item" | "theme", id: string): WantsMore | null {
  const s = stats?.find((w) => w.scope === scope && w.id === id);
  return s && s.n > 0 ? { n: s.n, more: s.more, share: s.more / s.n } : null;
}

export const gap: Aggregator<GapParams, AggregatorInput, GapResult> = {
  name: "gap",
  doc: "Gemiddelde huidige en gewenste situatie per stelling en per thema, de kloof (gewenst − huidig) en hoeveel respondenten meer willen dan er is; thema's gerangschikt op kloof. Discriminerende stellingen staan apart, tenzij `discriminating in-theme`.",
  params: {
    per: { kind: "word", required: false, values: ["theme", "item"], doc: "rank themes (default) or single items by gap" },
    discriminating: {
      kind: "word",
      required: false,
      values: ["separate", "in-theme"],
      doc: "discriminating statements apart from their theme's gap (default), or counted in it (reversed when `reverse`)",
    },
  },
  schema: gapParamsSchema,
  compute(input, params, model) {
    const scored = new Map<string, { current: number | null; desired: number | null }>();
    const items: GapItem[] = model.items
      .filter((i) => i.kind === "pair")
      .map((i) => {
        const cur = findField(input.current, i.id, "current");
        const des = findField(input.current, i.id, "desired");
        scored.set(i.id, { current: fieldMean(cur, i, model), desired: fieldMean(des, i, model) });
        const current = rawMean(cur);
        const desired = rawMean(des);
        return {
          item: i.id,
          theme: i.theme,
          title: itemTitle(i),
          n: Math.max(cur?.n ?? 0, des?.n ?? 0),
          current: current === null ? null : round2(current),
          desired: desired === null ? null : round2(desired),
          gap: current === null || desired === null ? null : round2(desired - current),
          wantsMore: wantsMore(input.current.wantsMore, "item", i.id),
          discriminating: i.discriminating,
          reverse: i.reverse,
          inTheme: !i.discriminating || params.discriminating === "in-theme",
        };
      });

    // A theme's score is the mean of its statements' (scored) means, so every statement weighs the same.
    const themes: GapTheme[] = model.themes
      .filter((t) => !t.page)
      .map((t) => {
        const own = items.filter((i) => i.theme === t.id && i.inTheme);
        const cur = mean(own.flatMap((i) => { const v = scored.get(i.item)!.current; return v === null ? [] : [v]; }));
        const des = mean(own.flatMap((i) => { const v = scored.get(i.item)!.desired; return v === null ? [] : [v]; }));
        return {
          theme: t.id,
          title: themeTitle(model, t.id),
          current: cur === null ? null : round2(cur),
          desired: des === null ? null : round2(des),
          gap: cur === null || des === null ? null : round2(des - cur),
          wantsMore: wantsMore(input.current.wantsMore, "theme", t.id),
          items: [...own].sort(byGapDesc),
        };
      })
      .filter((t) => t.items.length > 0)
      .sort(byGapDesc);
    const separate = items.filter((i) => !i.inTheme);

    const explanation = explain(params, themes, items);
    return {
      kind: "gap",
      per: params.per,
      discriminating: params.discriminating,
      items: params.per === "item" ? [...items].sort(byGapDesc) : items,
      themes,
      separate,
      explanation,
    };
  },
};

function explain(params: GapParams, themes: GapTheme[], items: GapItem[]): string {
  const rule = "Kloof = gemiddelde gewenste situatie − gemiddelde huidige situatie";
  const discriminating = items.filter((i) => i.discriminating).length;
  const apart =
    discriminating === 0
      ? ""
      : params.discriminating === "separate"
        ? ` De ${discriminating} discriminerende ${discriminating === 1 ? "stelling staat" : "stellingen staan"} apart, met de antwoorden zoals gegeven; ze tellen niet mee in de kloof van hun thema.`
        : ` De ${discriminating} discriminerende ${discriminating === 1 ? "stelling telt" : "stellingen tellen"} mee in de kloof van hun thema${items.some((i) => i.discriminating && i.reverse) ? " (omgekeerd gescoord, zoals de scan zegt)" : ""}; getoond worden de antwoorden zoals gegeven.`;
  const more = (w: WantsMore | null) => (w ? `; ${percent(w.share)} wil meer dan er nu is` : "");
  if (params.per === "item") {
    const ranked = items.filter((i) => i.gap !== null && i.inTheme).sort(byGapDesc);
    const top = ranked[0];
    if (!top) return `Nog geen antwoorden op de stellingen. ${rule}.${apart}`;
    return `Grootste kloof bij de stelling "${top.title}": huidig ${nl(top.current!)}, gewenst ${nl(top.desired!)}, kloof ${nl(top.gap!)}${more(top.wantsMore)}. ${rule} per stelling; stellingen gerangschikt op kloof.${apart}`;
  }
  const ranked = themes.filter((t) => t.gap !== null);
  const top = ranked[0];
  if (!top) return `Nog geen antwoorden op de stellingen. ${rule}.${apart}`;
  const reversed = top.items.some((i) => i.reverse) ? " (omgekeerd geformuleerde stellingen omgekeerd meegeteld)" : "";
  return `Grootste kloof bij thema "${top.title}": huidig ${nl(top.current!)}, gewenst ${nl(top.desired!)}, kloof ${nl(top.gap!)}${more(top.wantsMore)}. ${rule}; een thema is het gemiddelde van zijn ${top.items.length === 1 ? "stelling" : "stellingen"}${reversed}, thema's gerangschikt op kloof.${apart}`;
}
