// Answers the app gave in a test that its routes do not declare (server/lib/response-check.ts):
// the in-process app reports them through `onResponseMismatch` (test/support/app.ts), a spawned
// server through CHECK_RESPONSES=on and its log. test/support/response-check.ts fails the test.

const mismatches: string[] = [];

export function recordMismatch(problem: string): void {
  mismatches.push(problem);
}

/** Spawned servers check answers only under vitest (not in `npm run bench`). */
export const checkResponsesEnv = { CHECK_RESPONSES: process.env.VITEST ? "on" : "off" };

/** The marker a spawned server writes before each mismatch (server/main.ts). */
const marker = "response mismatch:";

/** Records the mismatches a spawned server reports in its output. */
export function watchServerOutput(chunk: string): void {
  for (const line of chunk.split("\n")) if (line.includes(marker)) recordMismatch(line.trim());
}

export function takeMismatches(): string[] {
  return mismatches.splice(0);
}
