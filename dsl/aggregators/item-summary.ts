// Every question of a scan summarised from a group's statistics, whatever the scan's `score`
// lines: the distribution of a rating, step, choice, multiple choice or yes/no question, both
// sides of a pair with how many want more, and open answers. Values are shown as answered, never
// reversed. Pure, like the aggregators: the report, the export and the editor's simulation can
// all use it.
import type { ItemKind, ItemModel, ScoringModel } from "../model.ts";
import type { FieldStats, GroupStats, WantsMoreStats } from "./stats.ts";
import { findField, findScale, rawMean, round2 } from "./stats.ts";

/** One answer option or scale point: how many gave it, and their share. */
export interface Share {
  value: string;
  label: string;
  count: number;
  /** count / n, 0..1 (for multiple choice: of the respondents who answered the question). */
  share: number;
}

export interface NumericSummary {
  n: number;
  mean: number | null;
  distribution: Share[];
}

interface Common {
  item: string;
  theme: string;
  kind: ItemKind;
  title: string;
  discriminating: boolean;
  reverse: boolean;
  /** True when the group's answers to it are fewer than the minimum group size (nothing shown). */
  withheld: boolean;
}

export type ItemSummary = Common &
  (
    | { type: "scale"; answers: NumericSummary }
    | {
        type: "pair";
        current: NumericSummary;
        desired: NumericSummary;
        /** desired − current, both as answered. */
        gap: number | null;
        /** Respondents who answered both sides, and how many of them want more than there is. */
        wantsMore: { n: number; more: number; same: number; less: number; share: number } | null;
      }
    | { type: "options"; n: number; distribution: Share[] }
    | { type: "text"; n: number; answers: string[] }
  );

const yesNoLabels: Record<string, string> = { ja: "Ja", nee: "Nee", deels: "Deels" };

function numeric(field: FieldStats | undefined, item: ItemModel, model: ScoringModel): NumericSummary {
  const scale = findScale(model, item.scale);
  const n = field?.n ?? 0;
  const distribution: Share[] = [];
  if (scale) {
    for (let v = scale.min; v <= scale.max; v++) {
      const count = field?.counts[String(v)] ?? 0;
      const label = scale.labels.find((l) => l.value === v)?.text.nl;
      distribution.push({ value: String(v), label: label ? `${v}. ${label}` : String(v), count, share: n === 0 ? 0 : count / n });
    }
  }
  const mean = rawMean(field);
  return { n, mean: mean === null ? null : round2(mean), distribution };
}

function options(field: FieldStats | undefined, item: ItemModel): { n: number; distribution: Share[] } {
  const n = field?.n ?? 0;
  const values = item.options?.map((o) => ({ value: o.value, label: o.text.nl })) ??
    (item.fields[0]?.values ?? []).map((v) => ({ value: v, label: yesNoLabels[v] ?? v }));
  return {
    n,
    distribution: values.map(({ value, label }) => {
      const count = field?.counts[value] ?? 0;
      return { value, label, count, share: n === 0 ? 0 : count / n };
    }),
  };
}

function wantsMore(stats: WantsMoreStats[] | undefined, item: string) {
  const w = stats?.find((s) => s.scope === "item" && s.id === item);
  return w && w.n > 0 ? { n: w.n, more: w.more, same: w.same, less: w.less, share: w.more / w.n } : null;
}

/** Every item of the scan in scan order; `withheld` names the items the minimum group size hides. */
export function summariseItems(model: ScoringModel, stats: GroupStats, withheld: ReadonlySet<string> = new Set()): ItemSummary[] {
  return model.items.map((item): ItemSummary => {
    const common: Common = {
      item: item.id,
      theme: item.theme,
      kind: item.kind,
      title: item.title.nl,
      discriminating: item.discriminating,
      reverse: item.reverse,
      withheld: withheld.has(item.id),
    };
    switch (item.kind) {
      case "rate":
      case "step":
        return { ...common, type: "scale", answers: numeric(findField(stats, item.id, null), item, model) };
      case "pair": {
        const current = numeric(findField(stats, item.id, "current"), item, model);
        const desired = numeric(findField(stats, item.id, "desired"), item, model);
        return {
          ...common,
          type: "pair",
          current,
          desired,
          gap: current.mean === null || desired.mean === null ? null : round2(desired.mean - current.mean),
          wantsMore: wantsMore(stats.wantsMore, item.id),
        };
      }
      case "choice":
      case "multi":
      case "yesno":
        return { ...common, type: "options", ...options(findField(stats, item.id, null), item) };
      case "text": {
        const answers = (stats.texts.find((t) => t.item === item.id)?.answers ?? []).filter((a) => a.trim() !== "");
        return { ...common, type: "text", n: answers.length, answers };
      }
    }
  });
}
