import type { Context, ValidationTargets } from "hono";
import type { z } from "zod";
import { AppError } from "./errors.ts";

const invalid = (target: keyof ValidationTargets, error: z.ZodError) =>
  new AppError(
    400,
    "invalid-body",
    `the request ${target === "json" ? "body" : target} is invalid`,
    error.issues.map((issue) => ({
      field: issue.path.join(".") || target,
      reason: issue.code === "invalid_type" ? "wrong-type" : "invalid",
      message: issue.message,
    })),
  );

/**
 * What a route declared with `createRoute` answers when its request does not match: 400 listing
 * each field and its reason, except for path parameters: a malformed one means there is nothing
 * at that address, so 404 with the message its schema gives (`notFoundAs` in ./openapi.ts).
 */
export function requestHook(
  result: { target: keyof ValidationTargets } & ({ success: true } | { success: false; error: z.ZodError }),
  _c: Context,
): void {
  if (result.success) return;
  if (result.target === "param") {
    const message = result.error.issues[0]?.message ?? "";
    throw new AppError(404, "not-found", message.endsWith(" not found") ? message : "not found");
  }
  throw invalid(result.target, result.error);
}
