import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { findAccountByEmail, markLogin, roles, setPassword, type AccountRow } from "./queries.ts";
import type { Queryable, Sql } from "../db/connect.ts";
import { AppError } from "../lib/errors.ts";
import { clientAddress } from "../lib/client-address.ts";
import { passwordSchema } from "./service.ts";
import { principalOf, type AuthEnv, type Principal } from "./guard.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { csrfTokenFor, endSession, sessionToken, startSession, type SessionConfig } from "./session.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody } from "../lib/openapi.ts";
import { audit } from "../audit/record.ts";
import { attemptSucceeded, claimNotice, loginKeys, reserveAttempt, type LoginKeys, type LoginThrottleConfig } from "./throttle.ts";
import { checkSecondFactor } from "./two-factor.ts";
import type { LinkSealer } from "../invitations/link-seal.ts";
import { queuePrewritten } from "../invitations/mails-queries.ts";
import { formatCloseDate, render } from "../invitations/mail-templates.ts";

export const loginSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .optional()
    .openapi({ description: "With two-factor login: the code from the authenticator app, or a recovery code." }),
});

export const passwordChangeSchema = z.object({
  current: z.string().min(1).max(1024),
  next: passwordSchema,
});

export interface AuthSecurity {
  throttle: LoginThrottleConfig;
  publicUrl: string;
  /** Seals and opens two-factor secrets (the link key). */
  sealer: () => Promise<LinkSealer>;
}

const userSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    teams: z.array(z.string()).openapi({ description: "A teamleader's teams; empty for other roles." }),
    twoFactor: z.boolean().openapi({ description: "Whether logging in also takes a code (two-factor login)." }),
  })
  .openapi("User");

const timeZoneSchema = z.string().openapi({ description: "IANA time zone the pages show times in (TIME_ZONE), e.g. Europe/Amsterdam." });

const me = (p: Principal, twoFactor: boolean) => ({ email: p.email, name: p.name, role: p.role, teams: p.teams, twoFactor });
const tags = ["auth"];
const csrfRefused = errorResponse("A session cookie came without the x-csrf-token header.");
const throttledResponse = errorResponse(
  "Too many failed attempts for this account or from this address (`login-throttled`, server/accounts/throttle.ts), or too many requests from this address (`rate-limited`): wait as Retry-After says. Not checked meanwhile, not even the right password.",
);

const loginRoute = createRoute({
  method: "post",
  path: "/login",
  tags,
  summary: "Log in with e-mail and password (and a code, with two-factor login); sets the session cookie",
  request: { body: jsonBody(loginSchema) },
  responses: {
    200: json(
      z.object({ user: userSchema, csrfToken: z.string(), expiresAt: z.iso.datetime(), timeZone: timeZoneSchema }),
      "Logged in: the user, the CSRF token for state-changing requests and the time zone the pages show times in",
    ),
    401: errorResponse(
      "Wrong e-mail address or password (`login-failed`), or a wrong API token; after a right password on an account with two-factor login, no code (`two-factor-required`) or a wrong one (`two-factor-failed`).",
    ),
    403: errorResponse("A session cookie came without the x-csrf-token header, or logging in with a password is switched off (`password-login-off`)."),
    429: throttledResponse,
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
    429: throttledResponse,
  },
});

const loginFailed = () => new AppError(401, "login-failed", "e-mail address or password is wrong");

/** Refused unchecked: the account or the address must wait (server/accounts/throttle.ts). */
export function throttled(c: Context, retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  c.header("Retry-After", String(seconds));
  return new AppError(429, "login-throttled", `too many failed logins; try again in ${seconds} s`);
}

/** Tells the account holder, once per run of failures, that someone keeps trying their account. */
async function lockoutNotice(sql: Queryable, account: AccountRow, failures: number, publicUrl: string, timeZone: string): Promise<void> {
  const now = new Date();
  const mail = render(
    {
      subject: "Veel mislukte inlogpogingen op je Peilstok-account",
      body: [
        "Beste {naam},",
        `Op ${formatCloseDate(now, timeZone)} is ${failures} keer achter elkaar geprobeerd in te loggen op je Peilstok-account (${account.email}) met een verkeerd wachtwoord of een verkeerde code. Peilstok laat daarom steeds langer wachten (tot 15 minuten) voordat een nieuwe poging wordt bekeken, ook een poging met het goede wachtwoord.`,
        "Was jij dit zelf? Wacht dan even en probeer het opnieuw.",
        "Was jij het niet? Dan probeert iemand je wachtwoord te raden. Kies een sterk wachtwoord dat je nergens anders gebruikt, en zet tweestapsverificatie aan (na het inloggen, onder Beveiliging):",
        "{link}",
        "Je krijgt deze melding één keer per reeks mislukte pogingen.",
        "Met vriendelijke groet,\nPeilstok",
      ].join("\n\n"),
    },
    { naam: account.name || account.email, scan: "", ronde: "", sluitdatum: "", link: `${publicUrl}/admin/security` },
  );
  await queuePrewritten(sql, {
    dedupeKey: `account-notice:lockout:${account.id}:${now.toISOString()}`,
    kind: "account-notice",
    to: account.email,
    ...mail,
    now,
  });
}

/**
 * Login, logout and "who am I" for the admin pages. Mounted at /api/auth. Login and session also
 * say in which time zone the pages show times (TIME_ZONE). Logins are throttled per account and
 * per address in the database (server/accounts/throttle.ts).
 */
export function authRoutes(sql: Sql, session: SessionConfig, timeZone: string, security: AuthSecurity) {
  const { throttle } = security;
  const keysFor = (c: Context, email: string): LoginKeys => loginKeys(email, clientAddress(c));

  /** A failed attempt: counted already; the account holder hears of a long run. */
  async function failed(keys: LoginKeys, account: AccountRow | undefined, failures: number, error: AppError): Promise<never> {
    if (account && account.deactivated_at === null && (await claimNotice(sql, keys, throttle))) {
      await lockoutNotice(sql, account, failures, security.publicUrl, timeZone);
    }
    throw error;
  }

  return apiRoutes<AuthEnv>()
    .openapi(loginRoute, async (c) => {
      const { email, password, code } = c.req.valid("json");
      const keys = keysFor(c, email);
      const reserved = await reserveAttempt(sql, keys, throttle);
      if (!reserved.allowed) throw throttled(c, reserved.retryAfterMs);
      const account = await findAccountByEmail(sql, email.toLowerCase());
      const ok = await verifyPassword(account?.password_hash ?? null, password);
      // A deactivated account gets the same answer, after the same hash check, as a wrong password.
      if (!account || !ok || account.deactivated_at !== null) {
        // What was typed is not kept: people type passwords into the e-mail field.
        await audit(c, sql, "auth.login-failed", {
          target: account ? { kind: "account", id: account.id, label: account.email } : undefined,
          details: { method: "password", knownAccount: account !== undefined, ...(account?.deactivated_at ? { deactivated: true } : {}) },
        });
        return failed(keys, account, reserved.accountFailures, loginFailed());
      }
      if (account.two_factor) {
        if (!code) {
          throw new AppError(401, "two-factor-required", "enter the code from your authenticator app, or a recovery code", [
            { field: "code", reason: "required" },
          ]);
        }
        if (!(await checkSecondFactor(sql, await security.sealer(), account.id, code))) {
          await audit(c, sql, "auth.login-failed", {
            target: { kind: "account", id: account.id, label: account.email },
            details: { method: "password", knownAccount: true, twoFactor: true },
          });
          return failed(
            keys,
            account,
            reserved.accountFailures,
            new AppError(401, "two-factor-failed", "the code is not right, or was used already", [{ field: "code", reason: "invalid" }]),
          );
        }
      }
      await attemptSucceeded(sql, keys, throttle);
      const { csrfToken, expiresAt } = await startSession(c, sql, account.id, session);
      await markLogin(sql, account.id);
      await audit(c, sql, "auth.login", { actor: { kind: "account", id: account.id, email: account.email }, details: { method: "password" } });
      c.header("Cache-Control", "no-store");
      return c.json(
        {
          user: {
            email: account.email,
            name: account.name,
            role: account.role,
            teams: account.role === "teamleader" ? account.teams : [],
            twoFactor: account.two_factor,
          },
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
    .openapi(sessionRoute, async (c) => {
      const principal = principalOf(c);
      const token = sessionToken(c, session);
      const account = principal.accountId ? await findAccountByEmail(sql, principal.email) : undefined;
      c.header("Cache-Control", "no-store");
      return c.json(
        {
          user: me(principal, account?.two_factor ?? false),
          csrfToken: principal.kind === "session" && token ? csrfTokenFor(token) : null,
          timeZone,
        },
        200,
      );
    })
    .openapi(passwordRoute, async (c) => {
      const principal = principalOf(c);
      if (!principal.accountId) throw new AppError(400, "no-account", "the API token has no password");
      // Guessing the current password with a stolen session is throttled like logging in.
      const keys = keysFor(c, principal.email);
      const reserved = await reserveAttempt(sql, keys, throttle);
      if (!reserved.allowed) throw throttled(c, reserved.retryAfterMs);
      const account = await findAccountByEmail(sql, principal.email);
      const { current, next } = c.req.valid("json");
      if (!account || !(await verifyPassword(account.password_hash, current))) {
        return failed(
          keys,
          account,
          reserved.accountFailures,
          new AppError(400, "password-wrong", "the current password is wrong", [{ field: "current", reason: "invalid" }]),
        );
      }
      await attemptSucceeded(sql, keys, throttle);
      await setPassword(sql, account.id, await hashPassword(next));
      await audit(c, sql, "auth.password-change");
      // setPassword ended every session, this one included: start a new one.
      const { csrfToken } = await startSession(c, sql, account.id, session);
      return c.json({ csrfToken }, 200);
    });
}
