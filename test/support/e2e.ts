// Hooks the browser tests share: one Chromium per test file, and per database backend the real
// app as its own process. Kept apart from app-server.ts and browser.ts, which benchmarks use
// outside vitest.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchChromium } from "./browser.ts";
import { openTestDb, type Backend, type TestDb } from "./db.ts";

/** Launches Chromium before the file's tests and closes it after; hands it to `use`. */
export function useChromium(use: (browser: Browser) => void): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    use(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });
}

/**
 * Inside a `describe` for one backend: starts the real app before the block's tests and stops it
 * after. On PostgreSQL it gets a fresh database; the embedded database lives in the server's own
 * data folder. `env` adds to the server's environment.
 */
export function useAppServer(backend: Backend, use: (server: AppServer) => void, env: Record<string, string> = {}): void {
  let db: TestDb | null = null;
  let server: AppServer | undefined;
  beforeAll(async () => {
    db = backend === "postgres" ? await openTestDb("postgres", { migrated: false }) : null;
    server = await startAppServer({ env: { ...(db?.serverEnv ?? {}), ...env } });
    use(server);
  });
  afterAll(async () => {
    await server?.dispose();
    await db?.close();
  });
}
