import type { Context, ValidationTargets } from "hono";
import { validator } from "hono/validator";
import type { z } from "zod";
import { AppError, notFound } from "./errors.ts";

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
 * at that address, so 404 with the message its schema gives (see `pathParam` in ./openapi.ts).
 */
export function requestHook(
  result: { target: keyof ValidationTargets } & ({ success: true } | { success: false; error: z.ZodError }),
  _c: Context,
): void {
  if (result.success) return;
  if (result.target === "param") {
    throw new AppError(404, "not-found", result.error.issues[0]?.message ?? "not found");
  }
  throw invalid(result.target, result.error);
}

/** Zod at the boundary for a plain Hono route: a failed check becomes a 400 listing each field and its reason. */
export function valid<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  return validator(target, (value): z.output<S> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw invalid(target, parsed.error);
  });
}

/** Like `valid`, but a malformed path parameter means there is nothing at that address. */
export function validParam<S extends z.ZodType>(schema: S, what: string) {
  return validator("param", (value): z.output<S> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw notFound(what);
  });
}
