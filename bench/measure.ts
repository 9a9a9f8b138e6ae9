/** Median of `runs` timings of `fn` in milliseconds, after `warmup` untimed calls. */
export function medianMs(fn: () => unknown, runs = 200, warmup = 50): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Fastest of `runs` timings after `warmup` calls: the CPU cost of `fn` with the least garbage
 * collection noise, for comparing sizes of the same work.
 */
export function minMs(fn: () => unknown, runs = 50, warmup = 10): number {
  for (let i = 0; i < warmup; i++) fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

export function verdict(ok: boolean): string {
  return ok ? "ok" : "MISSED";
}
