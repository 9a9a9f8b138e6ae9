// Whether rounds on two compiled versions of a scan can be compared, item by item, and what
// changed. Reports compare rounds by item id (see aggregators/trend.ts), so an item stays
// comparable while its kind, scale (points and ladder), scoring direction and answer options stay
// the same; other wording still compares. This is the one rule behind the editor's version list,
// the report, the series page and the follow-up of actions.
import type { ItemModel, ScaleModel, ScoringModel } from "./model.ts";

/** Why an item does not compare with the version before. */
export type Break = "kind" | "scale" | "reverse" | "options" | "removed" | "added";

/** One item of either version; `reason` is Dutch and shown as is. */
export type ItemComparison =
  | { item: string; comparable: true; change: "same" | "wording" }
  | { item: string; comparable: false; change: Break; reason: string };

export type ItemChange =
  | { item: string; change: "added" }
  | { item: string; change: "removed" }
  /** Same answers, other words: still comparable, but worth a look. */
  | { item: string; change: "reworded"; from: string; to: string }
  /** The answers mean something else now: not comparable. */
  | { item: string; change: "redefined"; reason: string };

export type Comparability = "comparable" | "partly-comparable" | "not-comparable";

/** The editor's summary of a new version: `compareItems` counted and worded per change. */
export interface VersionComparison {
  comparability: Comparability;
  changes: ItemChange[];
  /** Items present in both versions whose answers can be compared. */
  comparableItems: number;
  /** Changes to the scan itself (title, anonymity, score lines), in plain Dutch. */
  scanChanges: string[];
}

const scaleOf = (model: ScoringModel, item: ItemModel): ScaleModel | undefined =>
  model.scales.find((s) => s.id === item.scale);

const points = (scale: ScaleModel | undefined) => (scale ? `${scale.min}–${scale.max}` : "geen schaal");

// Answers are stored by option value, so the order of the options does not matter. A "not
// applicable" mark is no score: adding or removing it leaves the scores comparable.
const answerValues = (item: ItemModel) =>
  JSON.stringify({
    options: item.options?.map((o) => o.value).sort() ?? null,
    fields: item.fields.filter((f) => !f.notApplicable).map((f) => [f.name, f.type, f.values ? [...f.values].sort() : null]),
  });

function difference(
  before: ScoringModel,
  a: ItemModel,
  after: ScoringModel,
  b: ItemModel,
): { change: Exclude<Break, "removed" | "added">; reason: string } | null {
  if (a.kind !== b.kind) return { change: "kind", reason: `soort vraag veranderd van ${a.kind} naar ${b.kind}` };
  const [from, to] = [scaleOf(before, a), scaleOf(after, b)];
  if (points(from) !== points(to)) return { change: "scale", reason: `schaal veranderd van ${points(from)} naar ${points(to)}` };
  // A ladder names every step, so the same number is a differently worded answer.
  if ((from?.ladder ?? false) !== (to?.ladder ?? false)) {
    return { change: "scale", reason: to?.ladder ? "schaal is nu een ladder met een tekst per stap" : "schaal is geen ladder meer" };
  }
  if (a.reverse !== b.reverse) return { change: "reverse", reason: b.reverse ? "telt nu omgekeerd" : "telt niet meer omgekeerd" };
  if (answerValues(a) !== answerValues(b)) return { change: "options", reason: "andere antwoordmogelijkheden" };
  return null;
}

/** Every item of `after` in its order, then the items `after` no longer has. */
export function compareItems(before: ScoringModel, after: ScoringModel): ItemComparison[] {
  const old = new Map(before.items.map((i) => [i.id, i]));
  const now = new Set(after.items.map((i) => i.id));
  const out: ItemComparison[] = [];
  for (const b of after.items) {
    const a = old.get(b.id);
    if (!a) {
      out.push({ item: b.id, comparable: false, change: "added", reason: "nieuw in deze versie" });
      continue;
    }
    const broken = difference(before, a, after, b);
    out.push(
      broken
        ? { item: b.id, comparable: false, ...broken }
        : { item: b.id, comparable: true, change: a.title.nl === b.title.nl ? "same" : "wording" },
    );
  }
  for (const a of before.items) {
    if (!now.has(a.id)) out.push({ item: a.id, comparable: false, change: "removed", reason: "niet meer in deze versie" });
  }
  return out;
}

export function compareVersions(before: ScoringModel, after: ScoringModel): VersionComparison {
  const titles = new Map(before.items.map((i) => [i.id, i.title.nl]));
  const changes: ItemChange[] = [];
  let comparableItems = 0;
  for (const c of compareItems(before, after)) {
    if (c.comparable) {
      comparableItems++;
      if (c.change === "wording") {
        const to = after.items.find((i) => i.id === c.item)!.title.nl;
        changes.push({ item: c.item, change: "reworded", from: titles.get(c.item)!, to });
      }
    } else if (c.change === "added" || c.change === "removed") {
      changes.push({ item: c.item, change: c.change });
    } else {
      changes.push({ item: c.item, change: "redefined", reason: c.reason });
    }
  }

  const scanChanges: string[] = [];
  if (before.title.nl !== after.title.nl) scanChanges.push(`titel “${before.title.nl}” → “${after.title.nl}”`);
  if (before.anonymous !== after.anonymous) scanChanges.push(after.anonymous ? "nu anoniem" : "niet meer anoniem");
  const scores = (m: ScoringModel) => m.aggregators.map((a) => JSON.stringify(a)).sort().join("\n");
  if (scores(before) !== scores(after)) scanChanges.push("score-regels veranderd");

  const breaking = changes.some((c) => c.change === "removed" || c.change === "redefined");
  const comparability: Comparability =
    comparableItems === 0 ? "not-comparable" : breaking ? "partly-comparable" : "comparable";
  return { comparability, changes, comparableItems, scanChanges };
}
