import { Hono } from "hono";
import { z } from "zod";
import type { Sql } from "../db/connect.ts";
import { findVersion, listScans } from "../db/scans.ts";
import { notFound } from "../errors.ts";
import { validParam } from "../validate.ts";

export const scanVersionParamSchema = z.object({
  scanId: z.string().min(1),
  version: z.coerce.number().int().min(1),
});

export function scanRoutes(sql: Sql) {
  return new Hono()
    .get("/", async (c) => {
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
          })),
        })),
      });
    })
    .get("/:scanId/versions/:version", validParam(scanVersionParamSchema, "scan version"), async (c) => {
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
