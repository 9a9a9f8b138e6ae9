import { createRoute, z } from "@hono/zod-openapi";
import { principalOf, requireRole, type AuthEnv } from "../accounts/guard.ts";
import { emailSchema } from "../accounts/service.ts";
import { audit } from "../audit/record.ts";
import type { Sql } from "../db/connect.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody } from "../lib/openapi.ts";
import { sha256 } from "../lib/tokens.ts";
import { readSettings } from "../settings/service.ts";
import { draftPolicy } from "./service.ts";
import { erasureSchema, eraseSubject, subjectExport, subjectExportSchema } from "./subject.ts";

export const subjectQuerySchema = z.object({ email: emailSchema });
export const subjectEraseSchema = z
  .strictObject({
    email: emailSchema,
    confirm: emailSchema.openapi({ description: "The same address again: erasing cannot be undone." }),
  })
  .refine((r) => r.email === r.confirm, { path: ["confirm"], message: "must repeat the e-mail address" });

export const privacyFactsSchema = z
  .object({
    retentionMonths: z.number().int().openapi({ description: "Months after a round closes until names, e-mail addresses, mails and drafts are deleted." }),
    auditRetentionMonths: z.number().int().openapi({ description: "Months the audit log keeps an entry." }),
    minGroupSize: z.number().int().openapi({ description: "The privacy floor: results only for groups at least this large." }),
    drafts: z.object({
      afterCloseDays: z.number().int().openapi({ description: "A draft is deleted this many days after its round closed…" }),
      idleDays: z.number().int().openapi({ description: "…or after this many days without a change." }),
    }),
  })
  .openapi("PrivacyFacts");
export type PrivacyFacts = z.infer<typeof privacyFactsSchema>;

const factsRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["privacy"],
  summary: "What the privacy page (/privacy) tells everyone: how long personal data and the audit log are kept, the minimum group size, when drafts expire",
  responses: { 200: json(privacyFactsSchema, "The organisation's periods") },
});

/** The public facts for the privacy page (/privacy). Mounted at /api/privacy. */
export function privacyInfoRoutes(sql: Sql) {
  return apiRoutes().openapi(factsRoute, async (c) => {
    const { settings } = await readSettings(sql);
    c.header("Cache-Control", "no-cache");
    return c.json(
      {
        retentionMonths: settings.retentionMonths,
        auditRetentionMonths: settings.auditRetentionMonths,
        minGroupSize: settings.minGroupSize,
        drafts: { ...draftPolicy },
      },
      200,
    );
  });
}

const admin = requireRole("admin");

const exportRoute = createRoute({
  method: "get",
  path: "/subject",
  tags: ["privacy"],
  summary: "Everything the app holds about one e-mail address, as a Dutch JSON download (an AVG access request; admin)",
  security: adminSecurity,
  middleware: admin,
  request: { query: subjectQuerySchema },
  responses: { 200: json(subjectExportSchema, "The export, sent as an attachment (avg-inzage-<date>.json)") },
});

const eraseRoute = createRoute({
  method: "post",
  path: "/subject/erase",
  tags: ["privacy"],
  summary: "Erase everything about one e-mail address (an AVG erasure request; admin): rounds, linked answers, mails, account, requests",
  security: adminSecurity,
  middleware: admin,
  request: { body: jsonBody(subjectEraseSchema) },
  responses: {
    200: json(erasureSchema, "What was erased, and in Dutch what stays"),
    409: errorResponse("The address is the last active admin."),
  },
});

/**
 * AVG requests about one e-mail address, admins only: what the app holds (a JSON download) and
 * erasing it. Mounted at /api/admin/privacy. The audit log keeps only a hash of the address.
 */
export function subjectRoutes(sql: Sql) {
  const person = (email: string) => ({ kind: "person" as const, id: sha256(email) });
  return apiRoutes<AuthEnv>()
    .openapi(exportRoute, async (c) => {
      const { email } = c.req.valid("query");
      const data = await subjectExport(sql, email, principalOf(c).email);
      await audit(c, sql, "privacy.export", {
        target: person(email),
        details: { participations: data.deelnames.length, mails: data.emails.length, account: data.account !== null },
      });
      c.header("Cache-Control", "no-store");
      c.header("Content-Disposition", `attachment; filename="avg-inzage-${new Date().toISOString().slice(0, 10)}.json"`);
      return c.json(data, 200);
    })
    .openapi(eraseRoute, async (c) => {
      const { email } = c.req.valid("json");
      const erased = await eraseSubject(sql, email);
      await audit(c, sql, "privacy.erase", { target: person(email), details: { ...erased, kept: erased.kept.length } });
      return c.json(erased, 200);
    });
}
