import { createRoute, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { roles } from "../accounts/queries.ts";
import { markLogin } from "../accounts/queries.ts";
import { requireRole, type AuthEnv } from "../accounts/guard.ts";
import { startSession, type SessionConfig } from "../accounts/session.ts";
import { audit } from "../audit/record.ts";
import type { Sql } from "../db/connect.ts";
import { AppError, notFound } from "../lib/errors.ts";
import type { Log } from "../lib/log.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody, notFoundAs } from "../lib/openapi.ts";
import { newToken, sha256 } from "../lib/tokens.ts";
import type { OidcClient } from "./client.ts";
import { insertFlow, listRequests, takeFlow, takeRequest } from "./queries.ts";
import { readSettings } from "../settings/service.ts";
import { approveRequest, resolveLogin, type RefusalReason } from "./service.ts";

const flowCookie = "peilstok-oidc";
const flowTtlMs = 10 * 60 * 1000;

export const oidcLoginQuerySchema = z.object({
  /** An admin page to return to after logging in. */
  return: z.string().regex(/^\/admin(\/[A-Za-z0-9_\-/]*)?$/).optional(),
});

export const oidcApprovalSchema = z
  .strictObject({
    role: z.enum(roles),
    teams: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  })
  .refine((a) => a.role !== "teamleader" || a.teams.length > 0, { path: ["teams"], message: "a teamleader needs at least one team" })
  .refine((a) => a.role === "teamleader" || a.teams.length === 0, { path: ["teams"], message: "only a teamleader has teams" });

/** The page (client/src/features/admin) that explains, in Dutch, why someone is not let in. */
const noAccess = (reason: "wacht" | "mislukt" | "gedeactiveerd" | "ingetrokken" | "geen-email" | "email-bezet") =>
  `/admin/geen-toegang?reden=${reason}`;

const refusalPage: Record<RefusalReason, Parameters<typeof noAccess>[0]> = {
  deactivated: "gedeactiveerd",
  "role-withdrawn": "ingetrokken",
  "no-email": "geen-email",
  "email-in-use": "email-bezet",
};

export const loginMethodsSchema = z
  .object({
    password: z.boolean().openapi({ description: "Whether e-mail and password work (an admin can switch it off while OpenID Connect is configured)." }),
    oidc: z.boolean().openapi({ description: 'Whether "Inloggen met je organisatieaccount" is offered.' }),
  })
  .openapi("LoginMethods");
export type LoginMethods = z.infer<typeof loginMethodsSchema>;

const tags = ["auth"];
const redirect = (description: string) => ({ description });
const notConfigured = errorResponse("Logging in with an organisation account is not configured (OIDC_ISSUER).");

const methodsRoute = createRoute({
  method: "get",
  path: "/methods",
  tags,
  summary: "How people can log in, for the login page",
  responses: { 200: json(loginMethodsSchema, "The open ways of logging in") },
});

const loginRoute = createRoute({
  method: "get",
  path: "/oidc/login",
  tags,
  summary: "Start logging in with the organisation account: redirects to the identity provider (authorization code flow with PKCE, state and nonce)",
  request: { query: oidcLoginQuerySchema },
  responses: { 302: redirect("To the identity provider; a short-lived cookie ties the way back to this browser"), 404: notConfigured },
});

const callbackRoute = createRoute({
  method: "get",
  path: "/oidc/callback",
  tags,
  summary: "Where the identity provider sends the browser back: logs in and redirects to the admin pages",
  responses: {
    302: redirect("To the admin page asked for, or to /admin/geen-toegang?reden=… (wacht, mislukt, gedeactiveerd, ingetrokken, geen-email, email-bezet)"),
    404: notConfigured,
  },
});

/**
 * How people log in (`/methods`, for the login page) and the OpenID Connect login
 * (`/oidc/login` → the provider → `/oidc/callback`). Mounted at /api/auth.
 */
export function oidcAuthRoutes(
  sql: Sql,
  { client, session, log, methods }: { client: OidcClient | null; session: SessionConfig; log: Log; methods: () => Promise<LoginMethods> },
) {
  const configured = (): OidcClient => {
    if (!client) throw new AppError(404, "oidc-not-configured", "logging in with an organisation account is not configured");
    return client;
  };

  async function refuse(c: Context, page: Parameters<typeof noAccess>[0], reason: string) {
    log.warn(`oidc: a login did not complete: ${reason}`);
    await audit(c, sql, "auth.login-failed", { details: { method: "oidc", reason } });
    return c.redirect(noAccess(page), 302);
  }

  return apiRoutes<AuthEnv>()
    .openapi(methodsRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await methods(), 200);
    })
    .openapi(loginRoute, async (c) => {
      const oidc = configured();
      const { url, secrets } = await oidc.start();
      const token = newToken();
      await insertFlow(sql, {
        idHash: sha256(token),
        state: secrets.state,
        nonce: secrets.nonce,
        code_verifier: secrets.codeVerifier,
        return_to: c.req.valid("query").return ?? "/admin",
        expiresAt: new Date(Date.now() + flowTtlMs),
      });
      // Lax, not Strict: the provider sends the browser back with a cross-site navigation.
      setCookie(c, flowCookie, token, {
        httpOnly: true,
        secure: session.secure,
        sameSite: "Lax",
        path: "/api/auth/oidc",
        maxAge: flowTtlMs / 1000,
      });
      c.header("Cache-Control", "no-store");
      return c.redirect(url.href, 302);
    })
    .openapi(callbackRoute, async (c) => {
      const oidc = configured();
      c.header("Cache-Control", "no-store");
      const token = getCookie(c, flowCookie);
      deleteCookie(c, flowCookie, { path: "/api/auth/oidc", secure: session.secure });
      const flow = token ? await takeFlow(sql, sha256(token)) : undefined;
      if (!flow) return refuse(c, "mislukt", "no login of this browser is on its way (or it took longer than 10 minutes)");
      const providerError = c.req.query("error");
      if (providerError) return refuse(c, "mislukt", `the provider answered ${providerError.slice(0, 100)}`);
      let identity;
      try {
        const callback = new URL(oidc.redirectUri);
        callback.search = new URL(c.req.url).search;
        identity = await oidc.finish(callback, { state: flow.state, nonce: flow.nonce, codeVerifier: flow.code_verifier });
      } catch (err) {
        const reason = err instanceof Error ? `${err.name}: ${err.message}` : "unknown error";
        return refuse(c, "mislukt", reason.slice(0, 300));
      }
      const outcome = await resolveLogin(sql, identity, oidc.env);
      if (outcome.kind === "login") {
        await startSession(c, sql, outcome.accountId, session);
        await markLogin(sql, outcome.accountId);
        await audit(c, sql, "auth.login", { actor: { kind: "account", id: outcome.accountId, email: outcome.email }, details: { method: "oidc" } });
        return c.redirect(flow.return_to, 302);
      }
      await audit(c, sql, "auth.login-refused", {
        target: outcome.email ? { kind: "oidc-request", id: identity.subject, label: outcome.email } : undefined,
        details: { method: "oidc", reason: outcome.kind === "pending" ? "awaiting-role" : outcome.reason },
      });
      return c.redirect(outcome.kind === "pending" ? noAccess("wacht") : noAccess(refusalPage[outcome.reason]), 302);
    });
}

const requestParam = z.object({ id: z.uuid(notFoundAs("sign-in request")) });
const admin = requireRole("admin");

export const oidcRequestSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    firstSeenAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
  })
  .openapi("OidcRequest");
export type OidcRequestView = z.infer<typeof oidcRequestSchema>;

const requestsRoute = createRoute({
  method: "get",
  path: "/requests",
  tags: ["accounts"],
  summary: "People who logged in with their organisation account and wait for a role (admin)",
  security: adminSecurity,
  middleware: admin,
  responses: { 200: json(z.object({ requests: z.array(oidcRequestSchema) }), "Waiting, the most recent first") },
});

const approveRoute = createRoute({
  method: "post",
  path: "/requests/{id}/approve",
  tags: ["accounts"],
  summary: "Give a waiting person a role (admin): creates their account, or links the account with their e-mail address",
  security: adminSecurity,
  middleware: admin,
  request: { params: requestParam, body: jsonBody(oidcApprovalSchema) },
  responses: {
    200: json(z.object({ accountId: z.uuid(), email: z.string(), linked: z.boolean() }), "Their account; `linked` when it existed already"),
    409: errorResponse("The address belongs to an account linked to another identity, or no active admin would remain."),
  },
});

const rejectRoute = createRoute({
  method: "delete",
  path: "/requests/{id}",
  tags: ["accounts"],
  summary: "Turn a waiting person away (admin); logging in again asks again",
  security: adminSecurity,
  middleware: admin,
  request: { params: requestParam },
  responses: { 200: json(z.object({ removed: z.literal(true) }), "Removed") },
});

/** People waiting for a role after logging in with their organisation account. Admins only; mounted at /api/admin/oidc. */
export function oidcAdminRoutes(sql: Sql) {
  return apiRoutes<AuthEnv>()
    .openapi(requestsRoute, async (c) => {
      const rows = await listRequests(sql);
      c.header("Cache-Control", "no-store");
      return c.json(
        {
          requests: rows.map((r) => ({
            id: r.id,
            email: r.email,
            name: r.name,
            firstSeenAt: r.first_seen_at.toISOString(),
            lastSeenAt: r.last_seen_at.toISOString(),
          })),
        },
        200,
      );
    })
    .openapi(approveRoute, async (c) => {
      const approval = c.req.valid("json");
      const done = await approveRequest(sql, c.req.valid("param").id, approval);
      await audit(c, sql, "account.approve", {
        target: { kind: "account", id: done.accountId, label: done.email },
        details: { role: approval.role, teams: approval.teams, linkedExisting: done.linked },
      });
      return c.json(done, 200);
    })
    .openapi(rejectRoute, async (c) => {
      const request = await takeRequest(sql, c.req.valid("param").id);
      if (!request) throw notFound("sign-in request");
      await audit(c, sql, "account.reject", { target: { kind: "oidc-request", id: request.id, label: request.email } });
      return c.json({ removed: true as const }, 200);
    });
}

/**
 * Which ways of logging in are open. The password login can be switched off (settings) only
 * while OpenID Connect is configured: removing OIDC_ISSUER is the way back in.
 */
export function loginMethods(sql: Sql, oidcConfigured: boolean): () => Promise<LoginMethods> {
  return async () => {
    const { settings } = await readSettings(sql);
    return { password: settings.passwordLogin || !oidcConfigured, oidc: oidcConfigured };
  };
}

/** In front of the password login: 403 while it is switched off. */
export function passwordLoginGate(methods: () => Promise<LoginMethods>): MiddlewareHandler {
  return async (_c, next) => {
    if (!(await methods()).password) {
      throw new AppError(403, "password-login-off", "logging in with a password is switched off: log in with your organisation account");
    }
    await next();
  };
}
