import { Hono } from "hono";
import { z } from "zod";
import type { RespondService } from "./service.ts";
import { valid, validParam } from "../lib/request-validator.ts";

export const tokenParamSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/) });
export const formQuerySchema = z.object({ response: z.uuid().optional() });
export const responseInputSchema = z.object({
  responseId: z.uuid(),
  data: z.record(z.string(), z.unknown()),
});
export type ResponseInput = z.infer<typeof responseInputSchema>;

/** The respondent API (see ARCHITECTURE.md): one link token opens one form and one response. */
export function respondRoutes(service: RespondService) {
  return new Hono()
    .get(
      "/:token",
      validParam(tokenParamSchema, "link"),
      valid("query", formQuerySchema),
      async (c) => {
        const { token } = c.req.valid("param");
        const { response } = c.req.valid("query");
        c.header("Cache-Control", "no-store");
        return c.json(await service.form(token, response));
      },
    )
    .put(
      "/:token/draft",
      validParam(tokenParamSchema, "link"),
      valid("json", responseInputSchema),
      async (c) => c.json(await service.saveDraft(c.req.valid("param").token, c.req.valid("json"))),
    )
    .post(
      "/:token/submit",
      validParam(tokenParamSchema, "link"),
      valid("json", responseInputSchema),
      async (c) => c.json(await service.submit(c.req.valid("param").token, c.req.valid("json"))),
    );
}
