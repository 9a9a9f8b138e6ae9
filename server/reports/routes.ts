import { createRoute, z } from "@hono/zod-openapi";
import type { Sql } from "../db/connect.ts";
import { exportData, toCsv, toXlsx } from "./exports.ts";
import { ownReport, ownReportSchema } from "./own-report.ts";
import { compiledLoader, roundReport, roundReportSchema, seriesReport, seriesReportSchema } from "./round-report.ts";
import { formQuerySchema, linkErrors, tokenParamSchema } from "../respond/routes.ts";
import { adminSecurity, apiRoutes, errorResponse, file, json, notFoundAs } from "../lib/openapi.ts";
import { audit } from "../audit/record.ts";

const roundParamSchema = z.object({ id: z.uuid(notFoundAs("round")) });
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const privacy =
  "Numbers appear only for groups (the round, each team) and questions with at least the round's " +
  "minimum group size of responses, and never when subtracting one shown number from another " +
  "would give the answers of a smaller group; otherwise the group says how many more responses " +
  "are needed. A scan whose respondent is `team` (one consensus response) is exempt.";
const tags = ["reports"];

const reportRoute = createRoute({
  method: "get",
  path: "/admin/reports/rounds/{id}",
  tags,
  summary: "Round report: every score line of the scan computed per group, with the previous round of the series",
  description: privacy,
  security: adminSecurity,
  request: { params: roundParamSchema },
  responses: { 200: json(roundReportSchema, "Round report") },
});

const seriesReportRoute = createRoute({
  method: "get",
  path: "/admin/reports/rounds/{id}/series",
  tags,
  summary: "Each element's mean score over the rounds of the round's series",
  description: privacy,
  security: adminSecurity,
  request: { params: roundParamSchema },
  responses: { 200: json(seriesReportSchema, "Series") },
});

const csvRoute = createRoute({
  method: "get",
  path: "/admin/reports/rounds/{id}/export.csv",
  tags,
  summary: "CSV in long format (group × round × item: n, current, desired, gap) for the series up to this round",
  description: privacy,
  security: adminSecurity,
  request: { params: roundParamSchema },
  responses: { 200: file("text/csv", "CSV (UTF-8)") },
});

const xlsxRoute = createRoute({
  method: "get",
  path: "/admin/reports/rounds/{id}/export.xlsx",
  tags,
  summary: "The same data as XLSX, with a codebook sheet naming the scan version",
  description: privacy,
  security: adminSecurity,
  request: { params: roundParamSchema },
  responses: { 200: file(xlsxType, "XLSX workbook", z.string().openapi({ format: "binary" })) },
});

const ownReportRoute = createRoute({
  method: "get",
  path: "/respond/{token}/report",
  tags: ["respondent"],
  summary: "The respondent's own view after submitting: own answers and profile, and the group's once the others meet the minimum",
  request: { params: tokenParamSchema, query: formQuerySchema },
  responses: {
    200: json(ownReportSchema, "Own view"),
    ...linkErrors,
    404: errorResponse("Unknown link, or no response for it."),
    409: errorResponse("The response is not submitted yet."),
  },
});

/**
 * Reports. Mounted at /api: `/admin/reports/*` sits behind the admin guard like every
 * /api/admin route, `/respond/:token/report` is the respondent's own view.
 */
export function reportRoutes(sql: Sql) {
  const load = compiledLoader(sql);
  return apiRoutes()
    .openapi(reportRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      const report = await roundReport(sql, c.req.valid("param").id, load);
      await audit(c, sql, "report.view", { roundId: c.req.valid("param").id });
      return c.json(report, 200);
    })
    .openapi(seriesReportRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      const report = await seriesReport(sql, c.req.valid("param").id, load);
      await audit(c, sql, "report.series-view", { roundId: c.req.valid("param").id });
      return c.json(report, 200);
    })
    .openapi(csvRoute, async (c) => {
      const data = await exportData(sql, c.req.valid("param").id, load);
      await audit(c, sql, "report.export", { roundId: c.req.valid("param").id, details: { format: "csv" } });
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="${data.scan.id}-v${data.scan.version}.csv"`);
      c.header("Cache-Control", "no-store");
      return c.body(toCsv(data));
    })
    .openapi(xlsxRoute, async (c) => {
      const data = await exportData(sql, c.req.valid("param").id, load);
      await audit(c, sql, "report.export", { roundId: c.req.valid("param").id, details: { format: "xlsx" } });
      c.header("Content-Type", xlsxType);
      c.header("Content-Disposition", `attachment; filename="${data.scan.id}-v${data.scan.version}.xlsx"`);
      c.header("Cache-Control", "no-store");
      return c.body(new Uint8Array(await toXlsx(data)));
    })
    .openapi(ownReportRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      const { token } = c.req.valid("param");
      return c.json(await ownReport(sql, token, c.req.valid("query").response, load), 200);
    });
}
