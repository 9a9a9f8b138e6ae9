// The statistics every aggregator reads. The server computes them in SQL (GROUP BY over
// `answers`) and the editor can build them in the browser to simulate a report; aggregators
// never see single responses, only these counts.
import type { ItemModel, ScaleModel, ScoringModel, Side } from "../model.ts";

/** One answer field of one item in one group: how often each value was given. */
export interface FieldStats {
  item: string;
  side: Side | null;
  /** Number of answers (responses that answered this field). */
  n: number;
  /** Sum of the numeric values; 0 for text and choice fields. */
  sum: number;
  /** Value → count. Numeric values are keyed by their decimal string ("3"), choices by option value. */
  counts: Record<string, number>;
  /**
   * How many marked the item "not applicable" instead of answering this field (only for items on
   * a scale with `not-applicable`); they count in neither `n` nor `sum`.
   */
  notApplicable?: number;
}

export interface OpenAnswers {
  item: string;
  answers: string[];
}

/**
 * For a pair item, or a theme's pair items together: how many respondents want more than there
 * is (desired > current), the same, or less. A theme compares the summed desired − current of its
 * statements that count in it (a `reverse` statement the other way round, discriminating ones
 * only when the gap score says so; see `countsInTheme`).
 */
export interface WantsMoreStats {
  scope: "item" | "theme";
  /** The item's or the theme's id. */
  id: string;
  /** Respondents who answered both sides (of at least one of the theme's statements). */
  n: number;
  more: number;
  same: number;
  less: number;
}

/** The statistics of one round for one group (the whole round, or one team). */
export interface GroupStats {
  /** Submitted responses in the group. */
  responses: number;
  /** Invited respondents, or null for an open link without an invitation list. */
  invited: number | null;
  fields: FieldStats[];
  /** Free-text answers; the server fills these only for open questions. */
  texts: OpenAnswers[];
  /** Desired versus current per respondent; absent where nobody computed it (older callers). */
  wantsMore?: WantsMoreStats[];
}

/** What `compute` receives: this round, and the previous round of the same series if any. */
export interface AggregatorInput {
  current: GroupStats;
  previous: GroupStats | null;
}

export function emptyGroupStats(): GroupStats {
  return { responses: 0, invited: null, fields: [], texts: [] };
}

export function findField(stats: GroupStats, item: string, side: Side | null): FieldStats | undefined {
  return stats.fields.find((f) => f.item === item && f.side === side);
}

export function findScale(model: ScoringModel, id: string | undefined): ScaleModel | undefined {
  return id === undefined ? undefined : model.scales.find((s) => s.id === id);
}

/** The mean of what was answered, never reversed: what a screen shows under the item's wording. */
export function rawMean(field: FieldStats | undefined): number | null {
  if (!field || field.n === 0) return null;
  return field.sum / field.n;
}

/**
 * Whether a pair item counts in its theme's gap: every statement does, except discriminating ones,
 * which are reported apart unless the scan's gap score says `discriminating in-theme`. The SQL
 * behind the "wants more" tallies keeps the same rule (migration 121, `pair_items_of`).
 */
export function countsInTheme(item: ItemModel, model: ScoringModel): boolean {
  if (!item.discriminating) return true;
  return model.aggregators.some((a) => a.name === "gap" && a.params["discriminating"] === "in-theme");
}

/**
 * The "wants more" statistics of answer sets (one respondent's own answers, or simulated ones),
 * computed as the server computes them in SQL.
 */
export function wantsMoreOf(model: ScoringModel, responses: readonly Record<string, unknown>[]): WantsMoreStats[] {
  const pairs = model.items.filter((i) => i.kind === "pair");
  const tally = new Map<string, WantsMoreStats>();
  const add = (scope: "item" | "theme", id: string, diff: number) => {
    const key = `${scope}:${id}`;
    let entry = tally.get(key);
    if (!entry) tally.set(key, (entry = { scope, id, n: 0, more: 0, same: 0, less: 0 }));
    entry.n++;
    if (diff > 0) entry.more++;
    else if (diff < 0) entry.less++;
    else entry.same++;
  };
  for (const data of responses) {
    const themeSums = new Map<string, number>();
    for (const item of pairs) {
      const current = data[item.fields.find((f) => f.side === "current")?.name ?? ""];
      const desired = data[item.fields.find((f) => f.side === "desired")?.name ?? ""];
      if (typeof current !== "number" || typeof desired !== "number") continue;
      const diff = desired - current;
      add("item", item.id, diff);
      if (countsInTheme(item, model)) themeSums.set(item.theme, (themeSums.get(item.theme) ?? 0) + (item.reverse ? -diff : diff));
    }
    for (const [theme, sum] of themeSums) add("theme", theme, sum);
  }
  return [...tally.values()];
}

/**
 * The mean of a numeric field, reverse-scored when the item says so (a reversed item's 1 counts as
 * the scale's maximum), so that a higher mean always means "more".
 */
export function fieldMean(field: FieldStats | undefined, item: ItemModel, model: ScoringModel): number | null {
  if (!field || field.n === 0) return null;
  const mean = field.sum / field.n;
  if (!item.reverse) return mean;
  const scale = findScale(model, item.scale);
  return scale ? scale.min + scale.max - mean : mean;
}

/** Population standard deviation from a value → count distribution of numbers. */
export function spreadOf(counts: Record<string, number>): { n: number; mean: number; sd: number; min: number; max: number } | null {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const [key, count] of Object.entries(counts)) {
    const v = Number(key);
    if (!Number.isFinite(v) || count <= 0) continue;
    n += count;
    sum += v * count;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (n === 0) return null;
  const mean = sum / n;
  let ss = 0;
  for (const [key, count] of Object.entries(counts)) {
    const v = Number(key);
    if (!Number.isFinite(v) || count <= 0) continue;
    ss += count * (v - mean) ** 2;
  }
  return { n, mean, sd: Math.sqrt(ss / n), min, max };
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A number as Dutch readers write it: one decimal, decimal comma, no trailing ",0". */
export function nl(x: number, digits = 1): string {
  const fixed = x.toFixed(digits);
  const trimmed = fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
  return trimmed.replace(".", ",");
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function itemTitle(item: ItemModel): string {
  return item.title.nl;
}

export function themeTitle(model: ScoringModel, id: string): string {
  return model.themes.find((t) => t.id === id)?.title.nl ?? id;
}

/** The numeric items a `on SCALE` parameter selects: all numeric items when no scale is given. */
export function numericItems(model: ScoringModel, scale?: string): ItemModel[] {
  return model.items.filter(
    (i) => (i.kind === "rate" || i.kind === "step" || i.kind === "pair") && (scale === undefined || i.scale === scale),
  );
}

/** "a, b en c" */
export function listNl(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} en ${parts[parts.length - 1]}`;
}
