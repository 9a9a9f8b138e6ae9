import type { ItemNode } from "./ast.ts";
import type { ScoringModel } from "./model.ts";
import { kinds } from "./kinds.ts";

/** Estimated minutes to fill in, from each kind's typical answering time; at least 1. */
export function estimateMinutes(items: readonly ItemNode[]): number {
  const seconds = items.reduce((sum, item) => sum + kinds[item.kind].seconds, 0);
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * Seconds to answer each theme's items, by theme id (a theme is one page of the form): what the
 * respondent's progress line counts down from.
 */
export function themeSeconds(model: Pick<ScoringModel, "themes" | "items">): Record<string, number> {
  const kindOf = new Map(model.items.map((item) => [item.id, item.kind]));
  return Object.fromEntries(
    model.themes.map((theme) => [
      theme.id,
      theme.items.reduce((sum, id) => sum + (kinds[kindOf.get(id) ?? "rate"]?.seconds ?? 0), 0),
    ]),
  );
}
