// Setup file (vite.config.ts): fails the test during which the app answered something its routes
// do not declare, or the file when that happened in a hook (see ./response-mismatches.ts).
import { afterAll, afterEach } from "vitest";
import { takeMismatches } from "./response-mismatches.ts";

function failOnMismatches() {
  const found = takeMismatches();
  if (found.length === 0) return;
  throw new Error(`the app answered what its routes do not declare:\n${found.map((m) => `  - ${m}`).join("\n")}`);
}

afterEach(failOnMismatches);
afterAll(failOnMismatches);
