// The OpenAPI entries of the series routes and a round's comparability and action routes
// (server/series/routes.ts), spread into server/system/openapi.ts.
import { actionCreateSchema, actionUpdateSchema } from "./actions.ts";
import { seriesCreateSchema } from "./service.ts";
import { schema, json, error, object, adminSecurity as security } from "../system/openapi-parts.ts";

const uuidParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } });
const denied = {
  "401": error("Not logged in."),
  "403": error("The role does not allow this, or the x-csrf-token header is missing."),
};
const roundDenied = { ...denied, "404": error("No such round, or a teamleader's round of another team.") };

export const seriesPaths = {
  "/api/admin/series": {
    get: {
      summary: "Series of repeated rounds with their cadence, last round and when the next is due",
      tags: ["series"],
      security,
      responses: { "200": object("Series"), ...denied },
    },
    post: {
      summary: "Start a series from a round (admin, teamleader of the round's team)",
      tags: ["series"],
      security,
      requestBody: { required: true, content: json(schema(seriesCreateSchema)) },
      responses: {
        "201": { description: "Created", content: json({ type: "object", properties: { id: { type: "string", format: "uuid" } } }) },
        "400": error("Invalid series."),
        ...roundDenied,
      },
    },
  },
  "/api/admin/series/{id}": {
    get: {
      summary: "One series: cadence, when the next round is due, and each round with dates, response rate and comparability with the round before",
      tags: ["series"],
      security,
      parameters: [uuidParam("id")],
      responses: { "200": object("Series with its rounds"), ...denied, "404": error("No such series, or one of another team.") },
    },
  },
  "/api/admin/series/{id}/open-next": {
    post: {
      summary: "Open the series' next round now, carrying over the respondents (admin, teamleader of the series' team)",
      tags: ["series"],
      security,
      parameters: [uuidParam("id")],
      responses: {
        "201": {
          description: "Opened",
          content: json({ type: "object", properties: { roundId: { type: "string", format: "uuid" }, respondents: { type: "integer" } } }),
        },
        ...denied,
        "404": error("No such series, or one of another team."),
      },
    },
  },
  "/api/admin/rounds/{id}/comparability": {
    get: {
      summary: "Which items are comparable with the series' previous round (same id, kind, scale, direction and answer options; `dsl/compare.ts`)",
      tags: ["series"],
      security,
      parameters: [uuidParam("id")],
      responses: { "200": object("Previous round and per-item comparability"), ...roundDenied },
    },
  },
  "/api/admin/rounds/{id}/actions": {
    get: {
      summary: "Action plans made from this round's report",
      tags: ["actions"],
      security,
      parameters: [uuidParam("id")],
      responses: { "200": object("Actions"), ...roundDenied },
    },
    post: {
      summary: "Add an action for an element or theme (admin, teamleader of the round's team)",
      tags: ["actions"],
      security,
      parameters: [uuidParam("id")],
      requestBody: { required: true, content: json(schema(actionCreateSchema)) },
      responses: { "201": object("The action"), "400": error("Invalid action."), ...roundDenied },
    },
  },
  "/api/admin/rounds/{id}/actions/follow-up": {
    get: {
      summary: "The previous round's actions beside each element's score then and now",
      tags: ["actions"],
      security,
      parameters: [uuidParam("id")],
      responses: { "200": object("Previous round and its actions with scores"), ...roundDenied },
    },
  },
  "/api/admin/rounds/{id}/actions/{actionId}": {
    patch: {
      summary: "Change an action: what, who, by when, status (admin, teamleader of the round's team)",
      tags: ["actions"],
      security,
      parameters: [uuidParam("id"), uuidParam("actionId")],
      requestBody: { required: true, content: json(schema(actionUpdateSchema)) },
      responses: { "200": object("The action"), "400": error("Invalid change."), ...roundDenied },
    },
  },
};
