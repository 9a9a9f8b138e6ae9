// Runs inside every app instance: every interval (and soon after mails are queued) it claims due
// work. Instances need no coordination: claiming uses FOR UPDATE SKIP LOCKED (server/invitations/mails-queries.ts).
import type { Log } from "../lib/log.ts";

export interface Tickable {
  tick(): Promise<unknown>;
  onQueued: () => void;
}

export interface Scheduler {
  /** Runs one pass now (or waits for the running one and runs again); for shutdown and tests. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startScheduler(work: Tickable, { intervalMs, log }: { intervalMs: number; log: Log }): Scheduler {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await work.tick();
        } catch (err) {
          log.error("mail scheduler: pass failed", err);
        }
      } while (again && !stopped);
    })().finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void pass(), intervalMs);
  timer.unref();
  work.onQueued = () => {
    if (!stopped) setImmediate(() => void pass());
  };
  setImmediate(() => void pass());
  return {
    runNow: pass,
    async stop() {
      stopped = true;
      clearInterval(timer);
      work.onQueued = () => {};
      await running;
    },
  };
}
