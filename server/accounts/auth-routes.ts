import { createRoute, z } from "@hono/zod-openapi";
import { findAccountByEmail, markLogin, roles, setPassword } from "./queries.ts";
import type { Sql } from "../db/connect.ts";
import { AppError } from "../lib/errors.ts";
import { passwordSchema } from "./service.ts";
import { principalOf, type AuthEnv, type Principal } from "./guard.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { csrfTokenFor, endSession, sessionToken, startSession, type SessionConfig } from "./session.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody } from "../lib/openapi.ts";
import { audit } from "../audit/record.ts";

export const loginSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const passwordChangeSchema = z.object({
  current: z.string().min(1).max(1024),
  next: passwordSchema,
});

const userSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    teams: z.array(z.string()).openapi({ description: "A teamleader's teams; empty for other roles." }),
  })
  .openapi("User");

const timeZoneSchema = z.string().openapi({ description: "IANA time zone the pages show times in (TIME_ZONE), e.g. Europe/Amsterdam." });

const me = (p: Principal) => ({ email: p.email, name: p.name, role: p.role, teams: p.teams });
const tags = ["auth"];
const csrfRefused = errorResponse("A session cookie came without the x-csrf-token header.");

const loginRoute = createRoute({
  method: "post",
  path: "/login",
  tags,
  summary: "Log in with e-mail and password; sets the session cookie",
  request: { body: jsonBody(loginSchema) },
  responses: {
    200: json(
      z.object({ user: userSchema, csrfToken: z.string(), expiresAt: z.iso.datetime(), timeZone: timeZoneSchema }),
      "Logged in: the user, the CSRF token for state-changing requests and the time zone the pages show times in",
    ),
    401: errorResponse("Wrong e-mail address or password, or a wrong API token."),
    403: errorResponse("A session cookie came without the x-csrf-token header, or logging in with a password is switched off (`password-login-off`)."),
    429: errorResponse("Too many attempts from this address; see Retry-After."),
  },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/logout",
  tags,
  summary: "End the session",
  responses: {
    200: json(z.object({ ok: z.literal(true) }), "Logged out"),
    401: errorResponse("A wrong API token."),
    403: csrfRefused,
  },
});

const sessionRoute = createRoute({
  method: "get",
  path: "/session",
  tags,
  summary: "Who is logged in, and the CSRF token",
  security: adminSecurity,
  responses: {
    200: json(
      z.object({
        user: userSchema,
        csrfToken: z.string().nullable().openapi({ description: "Null for the API token, which needs none." }),
        timeZone: timeZoneSchema,
      }),
      "The user, the CSRF token and the time zone the pages show times in",
    ),
  },
});

const passwordRoute = createRoute({
  method: "post",
  path: "/password",
  tags,
  summary: "Change one's own password; ends the other sessions",
  security: adminSecurity,
  request: { body: jsonBody(passwordChangeSchema) },
  responses: {
    200: json(z.object({ csrfToken: z.string() }), "Changed: a new session, with its CSRF token"),
    400: errorResponse("Wrong current password, a new one that is too short, or the API token (which has none)."),
  },
});

/**
 * Login, logout and "who am I" for the admin pages. Mounted at /api/auth. Login and session also
 * say in which time zone the pages show times (TIME_ZONE).
 */
export function authRoutes(sql: Sql, session: SessionConfig, timeZone: string) {
  return apiRoutes<AuthEnv>()
    .openapi(loginRoute, async (c) => {
      const { email, password } = c.req.valid("json");
      const account = await findAccountByEmail(sql, email.toLowerCase());
      const ok = await verifyPassword(account?.password_hash ?? null, password);
      // A deactivated account gets the same answer, after the same hash check, as a wrong password.
      if (!account || !ok || account.deactivated_at !== null) {
        // What was typed is not kept: people type passwords into the e-mail field.
        await audit(c, sql, "auth.login-failed", {
          target: account ? { kind: "account", id: account.id, label: account.email } : undefined,
          details: { method: "password", knownAccount: account !== undefined, ...(account?.deactivated_at ? { deactivated: true } : {}) },
        });
        throw new AppError(401, "login-failed", "e-mail address or password is wrong");
      }
      const { csrfToken, expiresAt } = await startSession(c, sql, account.id, session);
      await markLogin(sql, account.id);
      await audit(c, sql, "auth.login", { actor: { kind: "account", id: account.id, email: account.email }, details: { method: "password" } });
      c.header("Cache-Control", "no-store");
      return c.json(
        {
          user: { email: account.email, name: account.name, role: account.role, teams: account.role === "teamleader" ? account.teams : [] },
          csrfToken,
          expiresAt: expiresAt.toISOString(),
          timeZone,
        },
        200,
      );
    })
    .openapi(logoutRoute, async (c) => {
      if (c.get("principal")?.kind === "session") await audit(c, sql, "auth.logout");
      await endSession(c, sql, session);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(sessionRoute, (c) => {
      const principal = principalOf(c);
      const token = sessionToken(c, session);
      c.header("Cache-Control", "no-store");
      return c.json({ user: me(principal), csrfToken: principal.kind === "session" && token ? csrfTokenFor(token) : null, timeZone }, 200);
    })
    .openapi(passwordRoute, async (c) => {
      const principal = principalOf(c);
      if (!principal.accountId) throw new AppError(400, "no-account", "the API token has no password");
      const account = await findAccountByEmail(sql, principal.email);
      const { current, next } = c.req.valid("json");
      if (!account || !(await verifyPassword(account.password_hash, current))) {
        throw new AppError(400, "password-wrong", "the current password is wrong", [{ field: "current", reason: "invalid" }]);
      }
      await setPassword(sql, account.id, await hashPassword(next));
      await audit(c, sql, "auth.password-change");
      // setPassword ended every session, this one included: start a new one.
      const { csrfToken } = await startSession(c, sql, account.id, session);
      return c.json({ csrfToken }, 200);
    });
}
