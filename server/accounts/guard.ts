// Who is calling, and may they? `authenticate` finds the caller (a session cookie, or the optional
// ADMIN_TOKEN for scripts); `requireRole` and the scope helpers decide. Every /api/admin route
// goes through `adminGuard` (any role, read-only for viewers) and then its own `requireRole`.
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { timingSafeEqual } from "node:crypto";
import type { Queryable, Sql } from "../db/connect.ts";
import { findSessionAccount, type Role } from "./queries.ts";
import { findRoundGroup } from "../rounds/queries.ts";
import { AppError, notFound } from "../lib/errors.ts";
import { sha256 } from "../lib/tokens.ts";
import { csrfHeader, csrfMatches, sessionToken, type SessionConfig } from "./session.ts";

export type { Role } from "./queries.ts";

export interface Principal {
  /** "session": a person logged in; "token": a script using ADMIN_TOKEN (acts as admin). */
  kind: "session" | "token";
  accountId: string | null;
  email: string;
  name: string;
  role: Role;
  /** The teams (round group names) a teamleader answers for; empty for other roles. */
  teams: string[];
}

export interface AuthEnv {
  Variables: { principal: Principal | null };
}

export interface AuthOptions {
  sql: Sql;
  session: SessionConfig;
  /** Optional API token for scripts; a request with `Authorization: Bearer <it>` acts as admin. */
  adminToken?: string | undefined;
}

const roundId = z.uuid();
const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function sameSecret(a: string, b: string): boolean {
  // Compare digests so the lengths always match.
  return timingSafeEqual(Buffer.from(sha256(a)), Buffer.from(sha256(b)));
}

export const unauthorized = () => new AppError(401, "unauthorized", "log in to use this page");
export const forbidden = () => new AppError(403, "forbidden", "your role does not allow this");

/** Sets `principal` (or null) for the request; rejects cookie requests that change state without the CSRF token. */
export function authenticate(options: AuthOptions): MiddlewareHandler<AuthEnv> {
  return createMiddleware<AuthEnv>(async (c, next) => {
    c.set("principal", null);
    const authorization = c.req.header("authorization");
    if (authorization) {
      const [scheme, value] = authorization.split(" ", 2);
      if (scheme?.toLowerCase() !== "bearer" || !value || !options.adminToken || !sameSecret(value, options.adminToken)) {
        throw new AppError(401, "unauthorized", "the API token is not valid");
      }
      c.set("principal", { kind: "token", accountId: null, email: "api-token", name: "API token", role: "admin", teams: [] });
      return next();
    }
    const token = sessionToken(c, options.session);
    if (!token) return next();
    const account = await findSessionAccount(options.sql, sha256(token));
    if (!account) return next();
    // The cookie goes along with any request the browser makes; the header only with ours.
    if (unsafeMethods.has(c.req.method) && !csrfMatches(token, c.req.header(csrfHeader))) {
      throw new AppError(403, "csrf-invalid", `a state-changing request needs the ${csrfHeader} header`);
    }
    c.set("principal", {
      kind: "session",
      accountId: account.id,
      email: account.email,
      name: account.name,
      role: account.role,
      teams: account.role === "teamleader" ? account.teams : [],
    });
    return next();
  });
}

/** The logged-in caller; 401 when there is none. */
export function principalOf(c: Context): Principal {
  const principal = (c as Context<AuthEnv>).get("principal");
  if (!principal) throw unauthorized();
  return principal;
}

/** Lets the request through only for the given roles: 401 for nobody, 403 for another role. */
export function requireRole(...allowed: Role[]): MiddlewareHandler<AuthEnv> {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const principal = principalOf(c);
    if (!allowed.includes(principal.role)) throw forbidden();
    await next();
  });
}

/** The safety net on /api/admin/*: someone must be logged in, and viewers only read. */
export const adminGuard: MiddlewareHandler<AuthEnv> = createMiddleware<AuthEnv>(async (c, next) => {
  const principal = principalOf(c);
  if (principal.role === "viewer" && unsafeMethods.has(c.req.method)) throw forbidden();
  await next();
});

/** The round groups the caller may see: null means all of them. */
export function teamScope(principal: Principal): string[] | null {
  switch (principal.role) {
    case "admin":
    case "viewer":
      return null;
    case "teamleader":
      return principal.teams;
  }
}

export function canSeeGroup(principal: Principal, group: string): boolean {
  const scope = teamScope(principal);
  return scope === null || scope.includes(group);
}

/**
 * For routes under a round (`/:id`): answers 404, as for a round that does not exist, when the
 * caller may not see it, so a teamleader learns nothing about other teams' rounds.
 */
export function requireRoundAccess(sql: Queryable, param = "id"): MiddlewareHandler<AuthEnv> {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const principal = principalOf(c);
    const id = c.req.param(param);
    if (teamScope(principal) !== null) {
      // The same test as the routes' path parameters: a malformed id names no round.
      const group = id && roundId.safeParse(id).success ? await findRoundGroup(sql, id) : undefined;
      if (group === undefined || !canSeeGroup(principal, group)) throw notFound("round");
    }
    await next();
  });
}
