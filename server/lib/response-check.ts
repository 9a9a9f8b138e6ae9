// The document cannot lie: with `onResponseMismatch` set (tests, CHECK_RESPONSES=on), every /api
// answer is compared with what its route declares for that status (./openapi.ts). A status the
// route does not declare, a content type it does not name, or a JSON body that does not match the
// schema exactly (no missing, wrong or undeclared fields) is reported and answered 500 instead.
import type { RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { z } from "zod";
import { errorSchema } from "./errors.ts";

type Responses = RouteConfig["responses"];

/** Hono's path for a declared route: `/a/{id}` → `/a/:id`. */
const honoPath = (path: string) => path.replace(/\{([^}]+)\}/g, ":$1");

/** An /api request no route declares (the catch-all): it may only answer an error. */
const undeclaredRoute = Object.fromEntries(
  [400, 401, 403, 404, 405, 413, 415, 429, 500].map((status) => [status, { description: "error", content: { "application/json": { schema: errorSchema } } }]),
) as Responses;

const isZod = (schema: unknown): schema is z.ZodType =>
  typeof schema === "object" && schema !== null && typeof (schema as z.ZodType).safeParse === "function";

const mediaType = (contentType: string) => contentType.split(";")[0]!.trim().toLowerCase();

/** Where `sent` has something `kept` (what the schema let through) does not: an undeclared field. */
function firstDifference(sent: unknown, kept: unknown, path = ""): string | null {
  if (Object.is(sent, kept)) return null;
  if (typeof sent !== "object" || sent === null || typeof kept !== "object" || kept === null) {
    return `${path || "(body)"}: sent ${JSON.stringify(sent)}, the schema gives ${JSON.stringify(kept)}`;
  }
  if (Array.isArray(sent) !== Array.isArray(kept)) return `${path || "(body)"}: array and object`;
  for (const key of Object.keys(sent)) {
    if (!(key in kept)) return `${path ? `${path}.` : ""}${key}: not declared`;
    const diff = firstDifference((sent as Record<string, unknown>)[key], (kept as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (diff) return diff;
  }
  return null;
}

/** The body as text, decompressed (the form goes out gzipped); null for an encoding not read here. */
async function bodyText(res: Response): Promise<string | null> {
  if (!res.body) return "";
  const encoding = res.headers.get("content-encoding");
  if (!encoding || encoding === "identity") return res.clone().text();
  if (encoding !== "gzip" && encoding !== "deflate") return null;
  return new Response(res.clone().body!.pipeThrough(new DecompressionStream(encoding))).text();
}

/** What is wrong with `res` as an answer declared by `responses`, or null. */
export async function responseProblem(res: Response, responses: Responses): Promise<string | null> {
  const declared = responses[res.status] ?? responses[`${String(res.status)[0]}XX`];
  if (!declared) return `status ${res.status} is not declared (declared: ${Object.keys(responses).join(", ")})`;
  const content = ("content" in declared ? declared.content : undefined) ?? {};
  const body = await bodyText(res);
  if (body === null) return null;
  if (Object.keys(content).length === 0) {
    return body === "" ? null : `a body where the declaration has none`;
  }
  const type = mediaType(res.headers.get("content-type") ?? "");
  const key = Object.keys(content).find((k) => mediaType(k) === type);
  if (!key) return `content type "${type}" is not declared (declared: ${Object.keys(content).join(", ")})`;
  const schema = (content[key] as { schema?: unknown } | undefined)?.schema;
  if (type !== "application/json" || !isZod(schema)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return "the body is not JSON";
  }
  const result = schema.safeParse(parsed);
  if (!result.success) return z.prettifyError(result.error);
  return firstDifference(parsed, result.data);
}

/**
 * Checks every /api answer against the routes declared on the app (read when the first request
 * comes, after every feature is mounted). A mismatch is reported and answered 500, so the test
 * that caused it fails even where it does not look at the answer.
 */
export function responseCheck(declared: () => RouteConfig[], onMismatch: (problem: string) => void): MiddlewareHandler {
  let routes: Map<string, Responses> | null = null;
  return async (c, next) => {
    await next();
    if (!c.req.path.startsWith("/api/")) return;
    routes ??= new Map(declared().map((r) => [`${r.method.toUpperCase()} ${honoPath(r.path)}`, r.responses]));
    const method = c.req.method === "HEAD" ? "GET" : c.req.method;
    const matched = matchedRoutes(c);
    const match = matched.find((r) => r.method === method && routes!.has(`${method} ${r.path}`));
    // A plain Hono route (`app.get(...)`) answered: nothing declares what it may say.
    const plain = match ? undefined : matched.find((r) => r.method === method);
    const problem = plain
      ? `route ${plain.path} is not declared with createRoute (ARCHITECTURE.md, "How to add a route")`
      : await responseProblem(c.res, match ? routes.get(`${method} ${match.path}`)! : undeclaredRoute);
    if (!problem) return;
    const message = `${c.req.method} ${c.req.path} answered ${c.res.status}${match ? ` (route ${match.path})` : " (no declared route)"}: ${problem}`;
    onMismatch(message);
    c.res = undefined;
    c.res = c.json({ error: { code: "response-mismatch", message } }, 500);
  };
}
