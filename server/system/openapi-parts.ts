// Building blocks of the OpenAPI document (server/system/openapi.ts) and of the per-area path files
// spread into it.
import { z } from "zod";

/**
 * A request body's schema from the zod schema its route validates with: OpenAPI 3.1 uses JSON
 * Schema 2020-12, which is what zod emits.
 */
export function schema(s: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
  return rest;
}

export const json = (s: unknown) => ({ "application/json": { schema: s } });

/** A response with the one error shape, `{ error: { code, message, issues? } }`. */
export const error = (description: string) => ({
  description,
  content: json({ $ref: "#/components/schemas/Error" }),
});

export const object = (description: string) => ({ description, content: json({ type: "object" }) });

/** Admin routes: a login session, or `Authorization: Bearer <ADMIN_TOKEN>`. */
export const adminSecurity = [{ session: [] }, { adminToken: [] }];
