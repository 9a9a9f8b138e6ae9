import { defineConfig } from "vitest/config";
import { budget } from "./test/support/timing.ts";

// The test suite (`npm test`). Shared per run (test/support/global-setup.ts): one PostgreSQL
// cluster in which each test file makes its own databases, and, made on first use, the built
// client and template databases. Timeouts are budgets, not expectations: generous, so a busy
// machine makes the suite slower, never red (TEST_TIME_SCALE scales them further).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // Fails a test whose requests got answers their routes do not declare (server/lib/response-check.ts).
    setupFiles: ["test/support/response-check.ts"],
    // A test's time budget is a hang detector, not a speed check (benchmarks do that).
    testTimeout: budget(300_000),
    hookTimeout: budget(300_000),
    teardownTimeout: budget(60_000),
    // expect.poll's own default budget is one second: far too tight on a busy machine.
    expect: { poll: { timeout: budget(60_000), interval: 50 } },
    // Test files are independent (own databases, ports, folders): two at a time on two cores.
    fileParallelism: true,
    // Three files at a time on a 2-core machine: most of a browser or server test is waiting on
    // another process, so a third worker fills the idle core (quiet: 425 s with 2, 337 s with 3).
    maxWorkers: 3,
  },
});
