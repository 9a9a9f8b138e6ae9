// Login sessions: a random cookie value whose SHA-256 is the session row's key, and a CSRF token
// derived from it, which the page reads from /api/auth/session and sends back in a header.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { timingSafeEqual } from "node:crypto";
import type { Queryable } from "../db/connect.ts";
import { deleteSession, insertSession } from "../db/accounts.ts";
import { newToken, sha256 } from "../tokens.ts";

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
 * login is never promoted to a logged-in session (session fixation).
 */
export async function startSession(
  c: Context,
  sql: Queryable,
  accountId: string,
  config: SessionConfig,
): Promise<{ csrfToken: string; expiresAt: Date }> {
  const previous = sessionToken(c, config);
  if (previous) await deleteSession(sql, sha256(previous));
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
