import { Hono } from "hono";
import { z } from "zod";
import type { Sql } from "../db/connect.ts";
import { exportData, toCsv, toXlsx } from "./exports.ts";
import { ownReport } from "./own-report.ts";
import { compiledLoader, roundReport, seriesReport } from "./round-report.ts";
import { valid, validParam } from "../lib/request-validator.ts";
import { formQuerySchema, tokenParamSchema } from "../respond/routes.ts";

const roundParamSchema = z.object({ id: z.uuid() });

/**
 * Reports. Mounted at /api: `/admin/reports/*` sits behind the admin token like every
 * /api/admin route, `/respond/:token/report` is the respondent's own view.
 */
export function reportRoutes(sql: Sql) {
  const load = compiledLoader(sql);
  return new Hono()
    .get("/admin/reports/rounds/:id", validParam(roundParamSchema, "round"), async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await roundReport(sql, c.req.valid("param").id, load));
    })
    .get("/admin/reports/rounds/:id/series", validParam(roundParamSchema, "round"), async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await seriesReport(sql, c.req.valid("param").id, load));
    })
    .get("/admin/reports/rounds/:id/export.csv", validParam(roundParamSchema, "round"), async (c) => {
      const data = await exportData(sql, c.req.valid("param").id, load);
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="${data.scan.id}-v${data.scan.version}.csv"`);
      c.header("Cache-Control", "no-store");
      return c.body(toCsv(data));
    })
    .get("/admin/reports/rounds/:id/export.xlsx", validParam(roundParamSchema, "round"), async (c) => {
      const data = await exportData(sql, c.req.valid("param").id, load);
      c.header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      c.header("Content-Disposition", `attachment; filename="${data.scan.id}-v${data.scan.version}.xlsx"`);
      c.header("Cache-Control", "no-store");
      return c.body(new Uint8Array(await toXlsx(data)));
    })
    .get(
      "/respond/:token/report",
      validParam(tokenParamSchema, "link"),
      valid("query", formQuerySchema),
      async (c) => {
        c.header("Cache-Control", "no-store");
        const { token } = c.req.valid("param");
        return c.json(await ownReport(sql, token, c.req.valid("query").response, load));
      },
    );
}
