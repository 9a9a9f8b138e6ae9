import { createRoute, z } from "@hono/zod-openapi";
import type { Sql } from "../db/connect.ts";
import { requireRole, type AuthEnv } from "../accounts/guard.ts";
import { findVersion, findVersionSource, listScans } from "./queries.ts";
import { notFound } from "../lib/errors.ts";
import { answeredBy } from "../privacy/answered-by.ts";
import { publishedSchema, publishSource, versionEntrySchema, versionHistory } from "./editor.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody, notFoundAs } from "../lib/openapi.ts";
import { scoringModelSchema, surveyJsonSchema } from "./schemas.ts";
import { audit } from "../audit/record.ts";

export const scanVersionParamSchema = z.object({
  scanId: z.string().min(1, notFoundAs("scan version")),
  version: z.coerce.number(notFoundAs("scan version")).int(notFoundAs("scan version")).min(1, notFoundAs("scan version")),
});

export const scanIdParamSchema = z.object({ scanId: z.string().min(1, notFoundAs("scan")) });

export const scanPublishSchema = z.object({
  source: z.string().min(1).max(1_000_000).openapi({ description: "The scan file's text; its `scan` line names the scan." }),
});

const scanListSchema = z.object({
  scans: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      createdAt: z.iso.datetime(),
      versions: z.array(
        z.object({
          id: z.number().int(),
          version: z.number().int(),
          checksum: z.string(),
          createdAt: z.iso.datetime(),
          answeredBy: z.enum(["individual", "team"]).openapi({ description: "Who answers: one person, or a team together." }),
        }),
      ),
    }),
  ),
});

const scanVersionSchema = z.object({
  id: z.number().int(),
  scan: z.string(),
  version: z.number().int(),
  checksum: z.string(),
  createdAt: z.iso.datetime(),
  compiled: z.object({ survey: surveyJsonSchema, model: scoringModelSchema }),
});

const anyRole = requireRole("admin", "teamleader", "viewer");
const tags = ["scans"];

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Scans and their published versions",
  security: adminSecurity,
  middleware: anyRole,
  responses: { 200: json(scanListSchema, "Scans") },
});

const publishRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "Publish a scan text as a new immutable version (admin); only when it compiles without errors",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: { body: jsonBody(scanPublishSchema) },
  responses: {
    201: json(publishedSchema, "Published as a new version"),
    200: json(publishedSchema, "Unchanged: this exact text is already a version"),
    422: errorResponse("The scan has errors; each issue is `source:LINE:COL` with the diagnostic."),
  },
});

const versionsRoute = createRoute({
  method: "get",
  path: "/{scanId}/versions",
  tags,
  summary: "A scan's versions, each compared with the one before (changes, comparability)",
  security: adminSecurity,
  middleware: anyRole,
  request: { params: scanIdParamSchema },
  responses: { 200: json(z.object({ scan: z.string(), versions: z.array(versionEntrySchema) }), "Versions, oldest first") },
});

const sourceRoute = createRoute({
  method: "get",
  path: "/{scanId}/versions/{version}/source",
  tags,
  summary: "The scan text of one version, to open in the editor",
  security: adminSecurity,
  middleware: anyRole,
  request: { params: scanVersionParamSchema },
  responses: { 200: json(z.object({ scan: z.string(), version: z.number().int(), source: z.string() }), "Source") },
});

const versionRoute = createRoute({
  method: "get",
  path: "/{scanId}/versions/{version}",
  tags,
  summary: "One scan version with its compiled form and scoring model",
  security: adminSecurity,
  middleware: anyRole,
  request: { params: scanVersionParamSchema },
  responses: { 200: json(scanVersionSchema, "Scan version") },
});

export function scanRoutes(sql: Sql) {
  return apiRoutes<AuthEnv>()
    .openapi(listRoute, async (c) => {
      const scans = await listScans(sql);
      return c.json(
        {
          scans: scans.map((s) => ({
            id: s.id,
            title: s.title,
            createdAt: s.created_at.toISOString(),
            versions: s.versions.map((v) => ({
              id: v.id,
              version: v.version,
              checksum: v.checksum,
              createdAt: new Date(v.created_at).toISOString(),
              answeredBy: answeredBy({ respondent: v.respondent ?? "team", answeredBy: v.answered_by ?? undefined }),
            })),
          })),
        },
        200,
      );
    })
    .openapi(publishRoute, async (c) => {
      const published = await publishSource(sql, c.req.valid("json").source);
      if (published.status === "published") {
        await audit(c, sql, "scan.publish", { target: { kind: "scan", id: published.scan, label: `${published.scan} versie ${published.version}` } });
      }
      return published.status === "published" ? c.json(published, 201) : c.json(published, 200);
    })
    .openapi(versionsRoute, async (c) => {
      const { scanId } = c.req.valid("param");
      const versions = await versionHistory(sql, scanId);
      if (versions.length === 0) throw notFound(`scan ${scanId}`);
      return c.json({ scan: scanId, versions }, 200);
    })
    .openapi(sourceRoute, async (c) => {
      const { scanId, version } = c.req.valid("param");
      const source = await findVersionSource(sql, scanId, version);
      if (source === undefined) throw notFound(`scan ${scanId} version ${version}`);
      return c.json({ scan: scanId, version, source }, 200);
    })
    .openapi(versionRoute, async (c) => {
      const { scanId, version } = c.req.valid("param");
      const row = await findVersion(sql, scanId, version);
      if (!row) throw notFound(`scan ${scanId} version ${version}`);
      return c.json(
        {
          id: row.id,
          scan: row.scan_id,
          version: row.version,
          checksum: row.checksum,
          createdAt: row.created_at.toISOString(),
          compiled: row.compiled,
        },
        200,
      );
    });
}
