import { createRoute, z } from "@hono/zod-openapi";
import type { Sql } from "../db/connect.ts";
import { Readable } from "node:stream";
import type { Context } from "hono";
import { principalOf } from "../accounts/guard.ts";
import { answersCsv, codebookCsv, exportData, toCsv, toXlsx } from "./exports.ts";
import { shareCreatedSchema, shareCreateSchema, sharedResultSchema, shareListSchema, SharedResults } from "./shared-results.ts";
import { ownReport, ownReportSchema } from "./own-report.ts";
import { compiledLoader, roundReport, roundReportSchema, seriesReport, seriesReportSchema } from "./round-report.ts";
import { formQuerySchema, linkErrors, tokenParamSchema } from "../respond/routes.ts";
import { adminSecurity, apiRoutes, errorResponse, file, json, jsonBody, notFoundAs } from "../lib/openapi.ts";
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

const csvNote =
  " CSV in the Dutch convention: `;` between cells, decimal comma, UTF-8 with a byte-order mark; text a spreadsheet would run " +
  "as a formula is defused with a leading '.";

const csvRoute = createRoute({
  method: "get",
  path: "/admin/reports/rounds/{id}/export.csv",
  tags,
  summary: "Aggregated CSV (group × round × item, or answer option): n, means as answered, gap, share wanting more, distributions; the series up to this round",
  description: `${privacy} A team whose numbers are withheld is absent.${csvNote}`,
  security: adminSecurity,
  request: { params: roundParamSchema },
  responses: { 200: file("text/csv", "CSV (UTF-8)") },
});

const answersRoute = createRoute({
  method: "get",
  path: "/admin/reports/rounds/{id}/answers.csv",
  tags,
  summary: "Response-level CSV, streamed: one row per answer (per chosen option), with a pseudonymous respondent key, team, round and scan version",
  description:
    `${privacy} Rows appear only for rounds whose whole group is shown; a withheld team's responses carry no team, a withheld ` +
    "question's answers are left out. Names (column `name`) only for admins and only in rounds that are not anonymous." +
    csvNote,
  security: adminSecurity,
  request: { params: roundParamSchema },
  responses: { 200: file("text/csv", "CSV (UTF-8)") },
});

const codebookRoute = createRoute({
  method: "get",
  path: "/admin/reports/rounds/{id}/codebook.csv",
  tags,
  summary: "Codebook CSV: the scan and its version, the rounds, the scan's notes, every column, every item's wording, kind, scale labels and reverse/discriminating flags",
  description: csvNote.trim(),
  security: adminSecurity,
  request: { params: roundParamSchema },
  responses: { 200: file("text/csv", "CSV (UTF-8)") },
});

const xlsxRoute = createRoute({
  method: "get",
  path: "/admin/reports/rounds/{id}/export.xlsx",
  tags,
  summary: "The same as XLSX, streamed: sheets Gegevens (aggregated), Antwoorden (response level, continued on Antwoorden 2 … past a sheet's row limit) and Codeboek",
  description: privacy,
  security: adminSecurity,
  request: { params: roundParamSchema },
  responses: { 200: file(xlsxType, "XLSX workbook", z.string().openapi({ format: "binary" })) },
});

const shareParamSchema = tokenParamSchema.extend({ shareId: z.uuid(notFoundAs("shared link")) });

const shareCreateRoute = createRoute({
  method: "post",
  path: "/respond/{token}/shares",
  tags: ["respondent"],
  summary: "Share the answers you pick from your own submitted response: a new link to a snapshot of them, valid for `days` (at most 90)",
  description: "Only answered questions can be shared; at most 10 shared links at once. The link is returned once (`path`); only its hash is kept.",
  request: { params: tokenParamSchema, body: jsonBody(shareCreateSchema) },
  responses: {
    201: json(shareCreatedSchema, "The shared link"),
    ...linkErrors,
    404: errorResponse("Unknown link, or no response for it."),
    409: errorResponse("Not submitted yet (`not-submitted`), or too many shared links (`too-many-shares`)."),
  },
});

const shareListRoute = createRoute({
  method: "get",
  path: "/respond/{token}/shares",
  tags: ["respondent"],
  summary: "Your shared links that have not expired or been taken back",
  request: { params: tokenParamSchema, query: formQuerySchema },
  responses: {
    200: json(shareListSchema, "Shared links"),
    ...linkErrors,
    404: errorResponse("Unknown link, or no response for it."),
    409: errorResponse("Not submitted yet."),
  },
});

const shareRevokeRoute = createRoute({
  method: "delete",
  path: "/respond/{token}/shares/{shareId}",
  tags: ["respondent"],
  summary: "Take a shared link back: it stops working at once",
  request: { params: shareParamSchema, query: formQuerySchema },
  responses: { 200: json(z.object({ revoked: z.uuid() }), "Taken back"), ...linkErrors, 404: errorResponse("No such shared link of yours.") },
});

const sharedRoute = createRoute({
  method: "get",
  path: "/shared/{token}",
  tags: ["respondent"],
  summary: "What a shared link shows: the answers its respondent chose to share, who shared them and until when",
  request: { params: tokenParamSchema },
  responses: { 200: json(sharedResultSchema, "Shared result"), 404: errorResponse("Unknown, expired or taken back.") },
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
const web = (stream: Readable) => Readable.toWeb(stream) as unknown as ReadableStream;

function download(c: Context, type: string, name: string) {
  c.header("Content-Type", type);
  c.header("Content-Disposition", `attachment; filename="${name}"`);
  c.header("Cache-Control", "no-store");
}

export function reportRoutes(sql: Sql) {
  const load = compiledLoader(sql);
  const shares = new SharedResults(sql, load);
  // Names beside the answers only for admins (and only in rounds that are not anonymous).
  const answerOptions = (c: Context) => ({ names: principalOf(c).role === "admin" });
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
      download(c, "text/csv; charset=utf-8", `${data.scan.id}-v${data.scan.version}-uitkomsten.csv`);
      return c.body(toCsv(data));
    })
    .openapi(answersRoute, async (c) => {
      const data = await exportData(sql, c.req.valid("param").id, load);
      const options = answerOptions(c);
      await audit(c, sql, "report.export", { roundId: c.req.valid("param").id, details: { format: "answers-csv", names: options.names } });
      download(c, "text/csv; charset=utf-8", `${data.scan.id}-v${data.scan.version}-antwoorden.csv`);
      return c.body(web(answersCsv(sql, data, options)));
    })
    .openapi(codebookRoute, async (c) => {
      const data = await exportData(sql, c.req.valid("param").id, load);
      await audit(c, sql, "report.export", { roundId: c.req.valid("param").id, details: { format: "codebook" } });
      download(c, "text/csv; charset=utf-8", `${data.scan.id}-v${data.scan.version}-codeboek.csv`);
      return c.body(codebookCsv(data));
    })
    .openapi(xlsxRoute, async (c) => {
      const data = await exportData(sql, c.req.valid("param").id, load);
      const options = answerOptions(c);
      await audit(c, sql, "report.export", { roundId: c.req.valid("param").id, details: { format: "xlsx", names: options.names } });
      download(c, xlsxType, `${data.scan.id}-v${data.scan.version}.xlsx`);
      return c.body(web(toXlsx(sql, data, options)));
    })
    // A respondent's own result, shared by their own choice (server/reports/shared-results.ts).
    .openapi(shareCreateRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await shares.create(c.req.valid("param").token, c.req.valid("json")), 201);
    })
    .openapi(shareListRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ shares: await shares.list(c.req.valid("param").token, c.req.valid("query").response) }, 200);
    })
    .openapi(shareRevokeRoute, async (c) => {
      const { token, shareId } = c.req.valid("param");
      await shares.revoke(token, c.req.valid("query").response, shareId);
      return c.json({ revoked: shareId }, 200);
    })
    .openapi(sharedRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      c.header("X-Robots-Tag", "noindex");
      return c.json(await shares.open(c.req.valid("param").token), 200);
    })
    .openapi(ownReportRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      const { token } = c.req.valid("param");
      return c.json(await ownReport(sql, token, c.req.valid("query").response, load), 200);
    });
}
