// Which items of two scan versions can be compared: changed wording stays comparable; a changed
// kind or scale, or an item that is gone or new, does not.
import type { ScoringModel } from "../../dsl/model.ts";

export type Comparison =
  | { item: string; comparable: true; change: "same" | "wording" }
  | { item: string; comparable: false; change: "scale" | "kind" | "removed" | "added"; reason: string };

const scaleShape = (model: ScoringModel, id: string | undefined) => {
  const scale = model.scales.find((s) => s.id === id);
  return scale ? `${scale.min}..${scale.max}:${scale.ladder}` : "none";
};

export function compareVersions(before: ScoringModel, after: ScoringModel): Comparison[] {
  const out: Comparison[] = [];
  for (const item of after.items) {
    const old = before.items.find((i) => i.id === item.id);
    if (!old) {
      out.push({ item: item.id, comparable: false, change: "added", reason: "nieuw in deze versie" });
    } else if (old.kind !== item.kind) {
      out.push({ item: item.id, comparable: false, change: "kind", reason: `soort vraag veranderd (${old.kind} → ${item.kind})` });
    } else if (scaleShape(before, old.scale) !== scaleShape(after, item.scale) || old.reverse !== item.reverse) {
      out.push({ item: item.id, comparable: false, change: "scale", reason: "andere schaal: scores zijn niet te vergelijken" });
    } else {
      out.push({ item: item.id, comparable: true, change: old.title.nl === item.title.nl ? "same" : "wording" });
    }
  }
  for (const old of before.items) {
    if (!after.items.some((i) => i.id === old.id)) {
      out.push({ item: old.id, comparable: false, change: "removed", reason: "niet meer in deze versie" });
    }
  }
  return out;
}
