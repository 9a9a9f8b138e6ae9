import { Hono } from "hono";
import { z } from "zod";
import { findAccountByEmail, markLogin, setPassword } from "./queries.ts";
import type { Sql } from "../db/connect.ts";
import { AppError } from "../lib/errors.ts";
import { passwordSchema } from "./service.ts";
import { principalOf, type AuthEnv, type Principal } from "./guard.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { csrfTokenFor, endSession, sessionToken, startSession, type SessionConfig } from "./session.ts";
import { valid } from "../lib/request-validator.ts";

export const loginSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const passwordChangeSchema = z.object({
  current: z.string().min(1).max(1024),
  next: passwordSchema,
});

const me = (p: Principal) => ({ email: p.email, name: p.name, role: p.role, teams: p.teams });

/**
 * Login, logout and "who am I" for the admin pages. Mounted at /api/auth. Login and session also
 * say in which time zone the pages show times (TIME_ZONE).
 */
export function authRoutes(sql: Sql, session: SessionConfig, timeZone: string) {
  return new Hono<AuthEnv>()
    .post("/login", valid("json", loginSchema), async (c) => {
      const { email, password } = c.req.valid("json");
      const account = await findAccountByEmail(sql, email.toLowerCase());
      const ok = await verifyPassword(account?.password_hash ?? null, password);
      // A deactivated account gets the same answer, after the same hash check, as a wrong password.
      if (!account || !ok || account.deactivated_at !== null) {
        throw new AppError(401, "login-failed", "e-mail address or password is wrong");
      }
      const { csrfToken, expiresAt } = await startSession(c, sql, account.id, session);
      await markLogin(sql, account.id);
      c.header("Cache-Control", "no-store");
      return c.json({
        user: { email: account.email, name: account.name, role: account.role, teams: account.role === "teamleader" ? account.teams : [] },
        csrfToken,
        expiresAt: expiresAt.toISOString(),
        timeZone,
      });
    })
    .post("/logout", async (c) => {
      await endSession(c, sql, session);
      return c.json({ ok: true });
    })
    .get("/session", (c) => {
      const principal = principalOf(c);
      const token = sessionToken(c, session);
      c.header("Cache-Control", "no-store");
      return c.json({ user: me(principal), csrfToken: principal.kind === "session" && token ? csrfTokenFor(token) : null, timeZone });
    })
    .post("/password", valid("json", passwordChangeSchema), async (c) => {
      const principal = principalOf(c);
      if (!principal.accountId) throw new AppError(400, "no-account", "the API token has no password");
      const account = await findAccountByEmail(sql, principal.email);
      const { current, next } = c.req.valid("json");
      if (!account || !(await verifyPassword(account.password_hash, current))) {
        throw new AppError(400, "password-wrong", "the current password is wrong", [{ field: "current", reason: "invalid" }]);
      }
      await setPassword(sql, account.id, await hashPassword(next));
      // setPassword ended every session, this one included: start a new one.
      const { csrfToken } = await startSession(c, sql, account.id, session);
      return c.json({ csrfToken });
    });
}
