// Login sessions: a random cookie value whose SHA-256 is the session row's key, and a CSRF token
// derived from it, which the page reads from /api/auth/session and sends back in a header.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { timingSafeEqual } from "node:crypto";
import type { Queryable } from "../db/connect.ts";
import { deleteExpiredSessions, deleteSession, insertSession } from "./queries.ts";
import type { Log } from "../lib/log.ts";
import { forgetOldAttempts } from "./throttle.ts";
import { newToken, sha256 } from "../lib/tokens.ts";

export interface SessionConfig {
  /**
   * Secure cookies with the `__Host-` prefix. On by default whenever the public URL is https;
   * only a plain-http development setup runs without.
   */
  secure: boolean;
  /** How long a login lasts. */
  ttlMs: number;
}

export const defaultSessionTtlMs = 12 * 60 * 60 * 1000;

export const csrfHeader = "x-csrf-token";

export function sessionCookieName(config: Pick<SessionConfig, "secure">): string {
  return config.secure ? "__Host-peilstok-session" : "peilstok-session";
}

export function csrfTokenFor(sessionToken: string): string {
  return sha256(`csrf:${sessionToken}`);
}

export function csrfMatches(sessionToken: string, sent: string | undefined): boolean {
  if (!sent) return false;
  const want = Buffer.from(csrfTokenFor(sessionToken));
  const got = Buffer.from(sent);
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * Starts a session with a fresh id, ending the one the browser had, so a cookie planted before
 * login is never promoted to a logged-in session (session fixation). Expired sessions of anyone
 * are deleted on the way.
 */
export async function startSession(
  c: Context,
  sql: Queryable,
  accountId: string,
  config: SessionConfig,
): Promise<{ csrfToken: string; expiresAt: Date }> {
  const previous = sessionToken(c, config);
  if (previous) await deleteSession(sql, sha256(previous));
  await deleteExpiredSessions(sql);
  const token = newToken();
  const expiresAt = new Date(Date.now() + config.ttlMs);
  await insertSession(sql, { idHash: sha256(token), accountId, expiresAt });
  setCookie(c, sessionCookieName(config), token, {
    httpOnly: true,
    secure: config.secure,
    sameSite: "Strict",
    path: "/",
    expires: expiresAt,
  });
  return { csrfToken: csrfTokenFor(token), expiresAt };
}

export function sessionToken(c: Context, config: Pick<SessionConfig, "secure">): string | undefined {
  return getCookie(c, sessionCookieName(config));
}

export async function endSession(c: Context, sql: Queryable, config: SessionConfig): Promise<void> {
  const token = sessionToken(c, config);
  if (token) await deleteSession(sql, sha256(token));
  deleteCookie(c, sessionCookieName(config), { path: "/", secure: config.secure });
}

export const sessionSweepIntervalMs = 60 * 60 * 1000;

/**
 * Deletes expired sessions now and every `intervalMs`, so that accounts which never log in again
 * leave no session rows behind. The timer never keeps the process alive; every instance may run
 * one (deleting twice does no harm).
 */
export function startSessionSweeper(
  sql: Queryable,
  { intervalMs = sessionSweepIntervalMs, log }: { intervalMs?: number; log: Log },
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const sweep = () => {
    // Runs of failed logins nobody continued go the same way (server/accounts/throttle.ts).
    running ??= Promise.all([deleteExpiredSessions(sql), forgetOldAttempts(sql)])
      .then(
        () => {},
        (err: unknown) => log.error("sessions: deleting expired sessions failed", err),
      )
      .finally(() => (running = null));
  };
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  sweep();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
