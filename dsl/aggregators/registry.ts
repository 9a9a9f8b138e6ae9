// Every aggregator a `score` line may name. Adding one is a new file in this folder plus one line
// here; the scan checker validates `score` lines against these params and the server validates
// compiled params with each `schema` before calling `compute`.
import type { Aggregator } from "./types.ts";
import { gap } from "./gap.ts";
import { ladder } from "./ladder.ts";
import { open } from "./open.ts";
import { responseRate } from "./response-rate.ts";
import { spread } from "./spread.ts";
import { threshold } from "./threshold.ts";
import { trend } from "./trend.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has its own param/input/result types
export const aggregators: Record<string, Aggregator<any, any, any>> = {
  [gap.name]: gap,
  [threshold.name]: threshold,
  [ladder.name]: ladder,
  [trend.name]: trend,
  [spread.name]: spread,
  [open.name]: open,
  [responseRate.name]: responseRate,
};

export function findAggregator(name: string): Aggregator<any, any, any> | undefined {
  return Object.hasOwn(aggregators, name) ? aggregators[name] : undefined;
}
