// What changed between two compiled versions of a scan, and whether rounds on the two versions
// can still be compared. Reports compare rounds by item id (see aggregators/trend.ts), so an item
// stays comparable while its id, kind, scale points and scoring direction stay the same.
import type { ItemModel, ScoringModel } from "./model.ts";

export type ItemChange =
  | { item: string; change: "added" }
  | { item: string; change: "removed" }
  /** Same answers, other words: still comparable, but worth a look. */
  | { item: string; change: "reworded"; from: string; to: string }
  /** The answers mean something else now: not comparable. */
  | { item: string; change: "redefined"; reason: string };

export type Comparability = "comparable" | "partly-comparable" | "not-comparable";

export interface VersionComparison {
  comparability: Comparability;
  changes: ItemChange[];
  /** Items present in both versions whose answers can be compared. */
  comparableItems: number;
  /** Changes to the scan itself (title, anonymity, score lines), in plain words. */
  scanChanges: string[];
}

function scalePoints(model: ScoringModel, item: ItemModel): string {
  const scale = model.scales.find((s) => s.id === item.scale);
  return scale ? `${scale.min}..${scale.max}` : "";
}

function answerShape(model: ScoringModel, item: ItemModel): string {
  return JSON.stringify({
    kind: item.kind,
    points: scalePoints(model, item),
    reverse: item.reverse,
    options: item.options?.map((o) => o.value) ?? null,
    fields: item.fields.map((f) => [f.name, f.type, f.values ?? null]),
  });
}

function redefinition(before: ScoringModel, a: ItemModel, after: ScoringModel, b: ItemModel): string | null {
  if (a.kind !== b.kind) return `kind ${a.kind} → ${b.kind}`;
  if (scalePoints(before, a) !== scalePoints(after, b)) return `scale ${scalePoints(before, a)} → ${scalePoints(after, b)}`;
  if (a.reverse !== b.reverse) return b.reverse ? "now scored in reverse" : "no longer scored in reverse";
  if (answerShape(before, a) !== answerShape(after, b)) return "other answer options";
  return null;
}

export function compareVersions(before: ScoringModel, after: ScoringModel): VersionComparison {
  const changes: ItemChange[] = [];
  const old = new Map(before.items.map((i) => [i.id, i]));
  const now = new Map(after.items.map((i) => [i.id, i]));
  let comparableItems = 0;
  for (const a of before.items) {
    const b = now.get(a.id);
    if (!b) {
      changes.push({ item: a.id, change: "removed" });
      continue;
    }
    const reason = redefinition(before, a, after, b);
    if (reason) {
      changes.push({ item: a.id, change: "redefined", reason });
      continue;
    }
    comparableItems++;
    if (a.title.nl !== b.title.nl) changes.push({ item: a.id, change: "reworded", from: a.title.nl, to: b.title.nl });
  }
  for (const b of after.items) if (!old.has(b.id)) changes.push({ item: b.id, change: "added" });

  const scanChanges: string[] = [];
  if (before.title.nl !== after.title.nl) scanChanges.push(`title “${before.title.nl}” → “${after.title.nl}”`);
  if (before.anonymous !== after.anonymous) scanChanges.push(after.anonymous ? "now anonymous" : "no longer anonymous");
  const scores = (m: ScoringModel) => m.aggregators.map((a) => JSON.stringify(a)).sort().join("\n");
  if (scores(before) !== scores(after)) scanChanges.push("score lines changed");

  const breaking = changes.some((c) => c.change === "removed" || c.change === "redefined");
  const comparability: Comparability =
    comparableItems === 0 ? "not-comparable" : breaking ? "partly-comparable" : "comparable";
  return { comparability, changes, comparableItems, scanChanges };
}
