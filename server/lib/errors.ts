import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { issueReasons, type Issue } from "../respond/answer-validator.ts";
import { describeError, redact, type Log } from "./log.ts";
import { isBelowFloorViolation } from "../privacy/floor.ts";

/** An error the client is meant to see: becomes `{ error: { code, message, issues? } }`. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: readonly (Pick<Issue, "field" | "reason"> & { message?: string })[],
  ) {
    super(message);
    this.name = "AppError";
  }
  /** Seconds for a Retry-After header (429 and 503). */
  retryAfter?: number;
}

export const notFound = (what: string) => new AppError(404, "not-found", `${what} not found`);

/** The one error shape of every 4xx and 5xx answer. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: "Stable kebab-case code, e.g. `not-found`, `invalid-body`, `round-closed`." }),
      message: z.string(),
      issues: z
        .array(
          z.object({
            field: z.string().openapi({ description: "SurveyJS data key, body field, or `source:LINE:COL` of a scan text" }),
            reason: z.enum(issueReasons),
            message: z.string().optional(),
          }),
        )
        .optional(),
    }),
  })
  .openapi("Error");

export type ErrorBody = z.infer<typeof errorSchema>;

function fromHttpException(err: HTTPException): AppError {
  if (err.status === 400 && /malformed json/i.test(err.message)) {
    return new AppError(400, "malformed-json", "the request body is not valid JSON");
  }
  if (err.status === 401) return new AppError(401, "unauthorized", "a valid admin token is required");
  // A body in a content type the route does not take (see the route's declared request body).
  if (err.status === 415) return new AppError(415, "unsupported-media-type", "the request body has a content type this route does not take");
  return new AppError(err.status as ContentfulStatusCode, "http-error", err.message || "request failed");
}

/** A database constraint that guards a rule the API also checks (a race with a settings change). */
function fromConstraint(err: Error): AppError | null {
  if (isBelowFloorViolation(err)) {
    return new AppError(409, "below-privacy-floor", "the privacy floor was raised meanwhile; try again with a larger minimum group size");
  }
  return null;
}

export function errorHandler(log: Log) {
  return (err: Error, c: Context) => {
    const known =
      err instanceof AppError ? err : err instanceof HTTPException ? fromHttpException(err) : fromConstraint(err);
    if (known) {
      const body: ErrorBody = { error: { code: known.code, message: known.message } };
      if (known.issues) body.error.issues = [...known.issues];
      if (known.retryAfter !== undefined) c.header("Retry-After", String(known.retryAfter));
      return c.json(body, known.status);
    }
    const requestId = c.get("requestId") as string | undefined;
    // Never the body, and the path without its link token (server/lib/log.ts).
    log.error(`request ${requestId ?? "?"} ${c.req.method} ${redact(c.req.path)} failed\n${describeError(err)}`);
    const body: ErrorBody = { error: { code: "internal", message: "internal server error" } };
    return c.json(body, 500);
  };
}
