// Declaring routes: every API route is a `createRoute` (request and response schemas) registered
// with `.openapi(route, handler)` on a feature's `apiRoutes()`. The OpenAPI document
// (server/system/docs-routes.ts) and the response check in tests (./response-check.ts) are both
// built from those declarations. See "How to add a route" in ARCHITECTURE.md.
import { OpenAPIHono, z, type RouteConfig } from "@hono/zod-openapi";
import type { Env } from "hono";
import { errorSchema } from "./errors.ts";
import { requestHook } from "./request-validator.ts";

/** A feature's routes. Invalid requests answer through the one request hook (400, or 404 for path parameters). */
export function apiRoutes<E extends Env = Env>() {
  return new OpenAPIHono<E>({ defaultHook: requestHook });
}

/** A JSON response. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A response with the one error shape, `{ error: { code, message, issues? } }`. */
export const errorResponse = (description: string) => json(errorSchema, description);

/** A response that is not JSON (a file, a page), documented by its content type. */
export const file = (contentType: string, description: string, schema: z.ZodType = z.string()) => ({
  description,
  content: { [contentType]: { schema } },
});

/** A JSON request body that must be present. */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { "application/json": { schema } },
});

/**
 * The error of a path parameter's schema: a malformed one answers 404 "`what` not found", the same
 * as a well-formed one that names nothing, e.g. `z.uuid(notFoundAs("round"))`.
 */
export const notFoundAs = (what: string) => ({ error: `${what} not found` });

/** Admin routes: a login session, or `Authorization: Bearer <ADMIN_TOKEN>`. */
export const adminSecurity: Record<string, string[]>[] = [{ session: [] }, { adminToken: [] }];

export const securitySchemes = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: "__Host-peilstok-session",
    description:
      "Set by POST /api/auth/login (`peilstok-session` on plain http). State-changing requests " +
      "also send the CSRF token from the login answer in the `x-csrf-token` header.",
  },
  adminToken: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN, for scripts; acts as an admin." },
} as const;

const bodyMethods = new Set(["post", "put", "patch", "delete"]);

/**
 * Answers that no route handler writes but the shared machinery gives, so a route need not repeat
 * them: strict input (400 `invalid-text` for the query string on every route; 415 for a body that
 * is not JSON) and the body limit (413) on every method that takes a body, the request hook (400,
 * 404 for path parameters), the admin guard and CSRF check (401, 403), the error handler (500).
 */
function impliedResponses(route: RouteConfig): Record<number, string> {
  const implied: Record<number, string> = {};
  const { request } = route;
  implied[400] = "Invalid request: text that is not text (`invalid-text`), or fields that do not match; each issue names the field.";
  if (request?.params) implied[404] = "Nothing at this address (also for a malformed path parameter).";
  if (bodyMethods.has(route.method)) {
    implied[413] = "The body is larger than BODY_LIMIT_KB.";
    implied[415] = "The body is not JSON sent as `application/json` in UTF-8.";
  }
  if (route.security?.length) {
    implied[401] = "Not logged in, or a wrong API token.";
    implied[403] = "The role does not allow this, or a state-changing request lacks the x-csrf-token header.";
  }
  implied[500] = "Unexpected error; logged with the request id.";
  return implied;
}

/**
 * Adds the implied answers to every route declared on `app` (once all features are mounted), so
 * the document and the response check see the same, complete list. Returns the routes.
 */
export function completeDeclarations(app: OpenAPIHono<any, any, any>): RouteConfig[] {
  const routes: RouteConfig[] = [];
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== "route") continue;
    const route = definition.route;
    const responses: RouteConfig["responses"] = { ...route.responses };
    for (const [status, description] of Object.entries(impliedResponses(route))) {
      responses[status] ??= errorResponse(description);
    }
    definition.route = { ...route, responses };
    routes.push(definition.route);
  }
  return routes;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * A schema for a type declared elsewhere (the compiled model in dsl/, which stays free of zod):
 * `schemaFor<ItemComparison>()(z.discriminatedUnion(...))` fails to compile when the two drift apart.
 */
export function schemaFor<T>() {
  return <S extends z.ZodType>(schema: S & (Same<z.output<S>, T> extends true ? unknown : "the schema's type differs from T")): S =>
    schema;
}

const isPlainObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A JSON object whose type TypeScript checks and the document describes only in words: stored
 * compiler output (whose older versions lack newer fields) and SurveyJS form JSON.
 */
export const objectOf = <T>(description: string) => z.custom<T>(isPlainObject).openapi({ type: "object", description });

/**
 * A request body schema for the document only, for a route whose handler reads the body itself
 * (one that takes several content types): the zod schema is what the handler validates with.
 */
export function documentedOnly(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return rest;
}
