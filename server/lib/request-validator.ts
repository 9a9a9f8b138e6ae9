import type { ValidationTargets } from "hono";
import { validator } from "hono/validator";
import type { z } from "zod";
import { AppError, notFound } from "./errors.ts";

/** Zod at the boundary: a failed check becomes a 400 listing each field and its reason. */
export function valid<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  return validator(target, (value): z.output<S> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new AppError(
      400,
      "invalid-body",
      `the request ${target === "json" ? "body" : target} is invalid`,
      parsed.error.issues.map((issue) => ({
        field: issue.path.join(".") || target,
        reason: issue.code === "invalid_type" ? "wrong-type" : "invalid",
        message: issue.message,
      })),
    );
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
