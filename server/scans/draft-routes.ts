import { createRoute, z } from "@hono/zod-openapi";
import type { Sql } from "../db/connect.ts";
import { principalOf, requireRole, type AuthEnv } from "../accounts/guard.ts";
import { audit } from "../audit/record.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody, notFoundAs, schemaFor } from "../lib/openapi.ts";
import { createDraft, draftById, draftList, publishDraft, removeDraft, saveDraft, type Draft, type DraftSummary } from "./drafts.ts";
import { publishedSchema } from "./editor.ts";

export const draftParamSchema = z.object({ draftId: z.uuid(notFoundAs("draft")) });

export const draftBodySchema = z.object({
  source: z.string().max(1_000_000).openapi({ description: "The scan file's text, as far as it is written; it may have errors." }),
});

const draftSummaryFields = {
  id: z.uuid(),
  scan: z.string().nullable().openapi({ description: "The scan the text names (`scan <name>`), if it names one." }),
  title: z.string(),
  errors: z.number().int(),
  warnings: z.number().int(),
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};
const draftSummarySchema = schemaFor<DraftSummary>()(z.object(draftSummaryFields).openapi("ScanDraftSummary"));
const draftSchema = schemaFor<Draft>()(z.object({ ...draftSummaryFields, source: z.string() }).openapi("ScanDraft"));

const tags = ["scans"];
const readers = requireRole("admin", "teamleader", "viewer");
const writers = requireRole("admin", "teamleader");
const unknown = errorResponse("No such draft, or a draft another teamleader started.");

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Scan drafts with their scan name, title and number of errors (a teamleader: the ones they started)",
  security: adminSecurity,
  middleware: readers,
  responses: { 200: json(z.object({ drafts: z.array(draftSummarySchema) }), "Drafts, newest change first") },
});

const createDraftRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "Save a new draft of a scan file (admin, teamleader)",
  security: adminSecurity,
  middleware: writers,
  request: { body: jsonBody(draftBodySchema) },
  responses: { 201: json(draftSchema, "The draft") },
});

const getRoute = createRoute({
  method: "get",
  path: "/{draftId}",
  tags,
  summary: "One draft with its text",
  security: adminSecurity,
  middleware: readers,
  request: { params: draftParamSchema },
  responses: { 200: json(draftSchema, "The draft"), 404: unknown },
});

const saveRoute = createRoute({
  method: "put",
  path: "/{draftId}",
  tags,
  summary: "Replace a draft's text (admin, the teamleader who started it)",
  security: adminSecurity,
  middleware: writers,
  request: { params: draftParamSchema, body: jsonBody(draftBodySchema) },
  responses: { 200: json(draftSchema, "The draft"), 404: unknown },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/{draftId}",
  tags,
  summary: "Delete a draft (admin, the teamleader who started it)",
  security: adminSecurity,
  middleware: writers,
  request: { params: draftParamSchema },
  responses: { 200: json(z.object({ deleted: z.literal(true) }), "Deleted"), 404: unknown },
});

const publishRoute = createRoute({
  method: "post",
  path: "/{draftId}/publish",
  tags,
  summary: "Publish a draft as a new immutable scan version and delete the draft (admin)",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: { params: draftParamSchema },
  responses: {
    201: json(publishedSchema, "Published as a new version"),
    200: json(publishedSchema, "Unchanged: this exact text is already a version"),
    404: unknown,
    422: errorResponse("The draft has errors; each issue is `source:LINE:COL` with the diagnostic. Nothing was published and the draft stays."),
  },
});

/** Drafts of scans (`/api/admin/scan-drafts`): teamleaders and admins write, admins publish. */
export function draftRoutes(sql: Sql) {
  return apiRoutes<AuthEnv>()
    .openapi(listRoute, async (c) => c.json({ drafts: await draftList(sql, principalOf(c)) }, 200))
    .openapi(createDraftRoute, async (c) => c.json(await createDraft(sql, principalOf(c), c.req.valid("json").source), 201))
    .openapi(getRoute, async (c) => c.json(await draftById(sql, principalOf(c), c.req.valid("param").draftId), 200))
    .openapi(saveRoute, async (c) =>
      c.json(await saveDraft(sql, principalOf(c), c.req.valid("param").draftId, c.req.valid("json").source), 200),
    )
    .openapi(deleteRoute, async (c) => {
      await removeDraft(sql, principalOf(c), c.req.valid("param").draftId);
      return c.json({ deleted: true as const }, 200);
    })
    .openapi(publishRoute, async (c) => {
      const published = await publishDraft(sql, principalOf(c), c.req.valid("param").draftId);
      if (published.status === "published") {
        await audit(c, sql, "scan.publish", { target: { kind: "scan", id: published.scan, label: `${published.scan} versie ${published.version}` } });
      }
      return published.status === "published" ? c.json(published, 201) : c.json(published, 200);
    });
}
