import { Hono } from "hono";
import { z } from "zod";
import type { Sql } from "../db/connect.ts";
import { requireRole, type AuthEnv } from "../accounts/guard.ts";
import { findVersion, findVersionSource, listScans } from "./queries.ts";
import { notFound } from "../lib/errors.ts";
import { answeredBy } from "../privacy/answered-by.ts";
import { publishSource, versionHistory } from "./editor.ts";
import { valid, validParam } from "../lib/request-validator.ts";

export const scanVersionParamSchema = z.object({
  scanId: z.string().min(1),
  version: z.coerce.number().int().min(1),
});

export const scanIdParamSchema = z.object({ scanId: z.string().min(1) });

export const scanPublishSchema = z.object({
  /** The scan file's text; its `scan` line names the scan. */
  source: z.string().min(1).max(1_000_000),
});

export function scanRoutes(sql: Sql) {
  const anyRole = requireRole("admin", "teamleader", "viewer");
  return new Hono<AuthEnv>()
    .get("/", anyRole, async (c) => {
      const scans = await listScans(sql);
      return c.json({
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
      });
    })
    .post("/", requireRole("admin"), valid("json", scanPublishSchema), async (c) => {
      const published = await publishSource(sql, c.req.valid("json").source);
      return c.json(published, published.status === "published" ? 201 : 200);
    })
    .get("/:scanId/versions", anyRole, validParam(scanIdParamSchema, "scan"), async (c) => {
      const { scanId } = c.req.valid("param");
      const versions = await versionHistory(sql, scanId);
      if (versions.length === 0) throw notFound(`scan ${scanId}`);
      return c.json({ scan: scanId, versions });
    })
    .get("/:scanId/versions/:version/source", anyRole, validParam(scanVersionParamSchema, "scan version"), async (c) => {
      const { scanId, version } = c.req.valid("param");
      const source = await findVersionSource(sql, scanId, version);
      if (source === undefined) throw notFound(`scan ${scanId} version ${version}`);
      return c.json({ scan: scanId, version, source });
    })
    .get("/:scanId/versions/:version", anyRole, validParam(scanVersionParamSchema, "scan version"), async (c) => {
      const { scanId, version } = c.req.valid("param");
      const row = await findVersion(sql, scanId, version);
      if (!row) throw notFound(`scan ${scanId} version ${version}`);
      return c.json({
        id: row.id,
        scan: row.scan_id,
        version: row.version,
        checksum: row.checksum,
        createdAt: row.created_at.toISOString(),
        compiled: row.compiled,
      });
    });
}
