// The OpenAPI entries of the report routes (server/reports/routes.ts), spread into server/system/openapi.ts.
import { json, error, adminSecurity as security } from "../system/openapi-parts.ts";

const roundId = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const denied = {
  "401": error("Not logged in."),
  "403": error("The role does not allow this."),
  "404": error("No such round, or a teamleader's round of another team."),
};
const privacy =
  "Numbers appear only for groups (the round, each team) and questions with at least the round's " +
  "minimum group size of responses, and never when subtracting one shown number from another " +
  "would give the answers of a smaller group; otherwise the group says how many more responses " +
  "are needed. A scan whose respondent is `team` (one consensus response) is exempt.";

export const reportPaths = {
  "/api/admin/reports/rounds/{id}": {
    get: {
      summary: "Round report: every score line of the scan computed per group, with the previous round of the series",
      description: privacy,
      tags: ["reports"],
      security,
      parameters: [roundId],
      responses: { "200": { description: "Round report", content: json({ type: "object" }) }, ...denied },
    },
  },
  "/api/admin/reports/rounds/{id}/series": {
    get: {
      summary: "Each element's mean score over the rounds of the round's series",
      description: privacy,
      tags: ["reports"],
      security,
      parameters: [roundId],
      responses: { "200": { description: "Series", content: json({ type: "object" }) }, ...denied },
    },
  },
  "/api/admin/reports/rounds/{id}/export.csv": {
    get: {
      summary: "CSV in long format (group × round × item: n, current, desired, gap) for the series up to this round",
      description: privacy,
      tags: ["reports"],
      security,
      parameters: [roundId],
      responses: { "200": { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } }, ...denied },
    },
  },
  "/api/admin/reports/rounds/{id}/export.xlsx": {
    get: {
      summary: "The same data as XLSX, with a codebook sheet naming the scan version",
      description: privacy,
      tags: ["reports"],
      security,
      parameters: [roundId],
      responses: {
        "200": {
          description: "XLSX workbook",
          content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } },
        },
        ...denied,
      },
    },
  },
  "/api/respond/{token}/report": {
    get: {
      summary: "The respondent's own view after submitting: own answers and profile, and the group's once the others meet the minimum",
      tags: ["respond"],
      parameters: [
        { name: "token", in: "path", required: true, description: "The link token.", schema: { type: "string" } },
        { name: "response", in: "query", required: false, description: "Open links: the response id the browser remembers.", schema: { type: "string", format: "uuid" } },
      ],
      responses: {
        "200": { description: "Own view", content: json({ type: "object" }) },
        "404": error("Unknown link, or no response for it."),
        "409": error("The response is not submitted yet."),
        "429": error("Too many requests from this address; see Retry-After."),
      },
    },
  },
};
