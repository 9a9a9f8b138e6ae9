// Time budgets for waits in tests. Waits are on conditions; a budget only says when to give up,
// so budgets are generous: a busy or slow machine makes the suite slower, never red.
// TEST_TIME_SCALE=3 multiplies every budget (the vitest timeouts too) for a much slower machine.
export const timeScale = Math.max(1, Number(process.env.TEST_TIME_SCALE) || 1);

/** `ms` scaled by TEST_TIME_SCALE. */
export function budget(ms: number): number {
  return Math.round(ms * timeScale);
}

/**
 * Times a setup step when PEILSTOK_TEST_TRACE=1 (to stderr, with the process id), to see where a
 * run spends its time: `PEILSTOK_TEST_TRACE=1 npx vitest run test/foo.test.ts`.
 */
export async function traced<T>(label: string, step: () => Promise<T>): Promise<T> {
  if (process.env.PEILSTOK_TEST_TRACE !== "1") return step();
  const start = performance.now();
  try {
    return await step();
  } finally {
    process.stderr.write(`[trace ${process.pid}] ${label}: ${Math.round(performance.now() - start)} ms\n`);
  }
}
