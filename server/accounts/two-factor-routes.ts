import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Sql } from "../db/connect.ts";
import { audit } from "../audit/record.ts";
import { AppError } from "../lib/errors.ts";
import { clientAddress } from "../lib/client-address.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody } from "../lib/openapi.ts";
import { throttled, type AuthSecurity } from "./auth-routes.ts";
import { principalOf, type AuthEnv } from "./guard.ts";
import { verifyPassword } from "./passwords.ts";
import { findAccountByEmail } from "./queries.ts";
import { attemptSucceeded, loginKeys, reserveAttempt } from "./throttle.ts";
import { checkSecondFactor, confirmEnrolment, disableTwoFactor, renewRecoveryCodes, startEnrolment, twoFactorStatus } from "./two-factor.ts";

export const codeSchema = z.object({ code: z.string().trim().min(1).max(32) });
export const disableSchema = z.object({ password: z.string().min(1).max(1024), code: z.string().trim().min(1).max(32) });

const statusSchema = z
  .object({ enabled: z.boolean(), enabledAt: z.iso.datetime().nullable(), recoveryCodesLeft: z.number().int() })
  .openapi("TwoFactorStatus");
const codesSchema = z.object({
  recoveryCodes: z.array(z.string()).openapi({ description: "Ten one-time recovery codes, shown only now (stored as SHA-256)." }),
});
const tags = ["auth"];
const noAccount = errorResponse("The API token has no login to protect (`no-account`), or the code or password is wrong (`code-wrong`, `password-wrong`).");

const statusRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Whether one's own two-factor login is on, and how many recovery codes are left",
  security: adminSecurity,
  responses: { 200: json(statusSchema, "The status"), 400: noAccount },
});

const setupRoute = createRoute({
  method: "post",
  path: "/setup",
  tags,
  summary: "Start setting up two-factor login: a new secret, its otpauth URI and QR code (SVG), shown once",
  security: adminSecurity,
  responses: {
    200: json(z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }), "The new secret; switched on only by /enable"),
    400: noAccount,
  },
});

const enableRoute = createRoute({
  method: "post",
  path: "/enable",
  tags,
  summary: "Switch two-factor login on with a code from the new secret; returns ten recovery codes, shown once",
  security: adminSecurity,
  request: { body: jsonBody(codeSchema) },
  responses: { 200: json(codesSchema, "On"), 400: noAccount, 409: errorResponse("No setup was started (`no-setup`).") },
});

const renewRoute = createRoute({
  method: "post",
  path: "/recovery-codes",
  tags,
  summary: "New recovery codes (the old ones stop working), with a current code",
  security: adminSecurity,
  request: { body: jsonBody(codeSchema) },
  responses: { 200: json(codesSchema, "The new codes"), 400: noAccount },
});

const disableRoute = createRoute({
  method: "post",
  path: "/disable",
  tags,
  summary: "Switch two-factor login off, with the password and a code (or a recovery code)",
  security: adminSecurity,
  request: { body: jsonBody(disableSchema) },
  responses: {
    200: json(statusSchema, "Off"),
    400: noAccount,
    429: errorResponse("Too many failed attempts (`login-throttled`): wait as Retry-After says."),
  },
});

/** The logged-in person's own two-factor login. Mounted at /api/auth/two-factor. */
export function twoFactorRoutes(sql: Sql, security: AuthSecurity) {
  const own = (c: Context) => {
    const principal = principalOf(c);
    if (!principal.accountId) throw new AppError(400, "no-account", "the API token has no login to protect");
    return { id: principal.accountId, email: principal.email };
  };
  const codeWrong = () => new AppError(400, "code-wrong", "the code is not right, or was used already", [{ field: "code", reason: "invalid" }]);
  return apiRoutes<AuthEnv>()
    .openapi(statusRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await twoFactorStatus(sql, own(c).id), 200);
    })
    .openapi(setupRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await startEnrolment(sql, await security.sealer(), own(c)), 200);
    })
    .openapi(enableRoute, async (c) => {
      const codes = await confirmEnrolment(sql, await security.sealer(), own(c).id, c.req.valid("json").code);
      await audit(c, sql, "auth.two-factor-on");
      c.header("Cache-Control", "no-store");
      return c.json({ recoveryCodes: codes }, 200);
    })
    .openapi(renewRoute, async (c) => {
      const account = own(c);
      if (!(await checkSecondFactor(sql, await security.sealer(), account.id, c.req.valid("json").code))) throw codeWrong();
      c.header("Cache-Control", "no-store");
      const recoveryCodes = await renewRecoveryCodes(sql, account.id);
      await audit(c, sql, "auth.recovery-codes");
      return c.json({ recoveryCodes }, 200);
    })
    .openapi(disableRoute, async (c) => {
      const account = own(c);
      // Password and code: throttled like a login, so a stolen session cannot guess them.
      const keys = loginKeys(account.email, clientAddress(c));
      const reserved = await reserveAttempt(sql, keys, security.throttle);
      if (!reserved.allowed) throw throttled(c, reserved.retryAfterMs);
      const { password, code } = c.req.valid("json");
      const row = await findAccountByEmail(sql, account.email);
      if (!row || !(await verifyPassword(row.password_hash, password))) {
        throw new AppError(400, "password-wrong", "the password is wrong", [{ field: "password", reason: "invalid" }]);
      }
      if (!(await checkSecondFactor(sql, await security.sealer(), account.id, code))) throw codeWrong();
      await attemptSucceeded(sql, keys, security.throttle);
      await disableTwoFactor(sql, account.id);
      await audit(c, sql, "auth.two-factor-off");
      return c.json(await twoFactorStatus(sql, account.id), 200);
    });
}
