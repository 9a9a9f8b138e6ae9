import type { ItemNode } from "./ast.ts";
import { kinds } from "./kinds.ts";

/** Estimated minutes to fill in, from each kind's typical answering time; at least 1. */
export function estimateMinutes(items: readonly ItemNode[]): number {
  const seconds = items.reduce((sum, item) => sum + kinds[item.kind].seconds, 0);
  return Math.max(1, Math.ceil(seconds / 60));
}
