// The OpenAPI entries of the invitation, reminder and outbox routes (server/invitations/routes.ts),
// spread into server/system/openapi.ts.
import { addSchema, idsSchema, importSchema, settingsSchema } from "./routes.ts";
import { schema, json, error, object, adminSecurity as security } from "../system/openapi-parts.ts";

const tags = ["invitations"];
const roundId = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const denied = {
  "401": error("Not logged in."),
  "403": error("The role does not allow this, or the x-csrf-token header is missing."),
  "404": error("No such round, or a teamleader's round of another team."),
};
const rate = {
  type: "object",
  properties: {
    respondents: { type: "integer" },
    opened: { type: "integer" },
    started: { type: "integer" },
    submitted: { type: "integer" },
    rate: { type: ["number", "null"], description: "Percentage submitted, one decimal." },
    label: { type: "string", description: "`submitted/respondents`, e.g. `3/30`." },
  },
};
const responseRate = {
  type: "object",
  properties: {
    total: { oneOf: [{ type: "null" }, rate] },
    teams: { type: "array", items: { allOf: [rate, { type: "object", properties: { team: { type: ["string", "null"] } } }] } },
  },
};
const recipientStates = ["not-invited", "queued", "invited", "opened", "started", "submitted", "bounced", "failed"];
const queued = {
  type: "object",
  properties: {
    queued: { type: "integer" },
    withoutLink: {
      type: "integer",
      description: "Respondents skipped: their link was deleted when the round closed (it was reopened since).",
    },
  },
};
const lineIssue = {
  type: "object",
  properties: { line: { type: "integer" }, reason: { type: "string" }, message: { type: "string" } },
};

export const invitationPaths = {
  "/api/admin/rounds/{id}/recipients": {
    get: {
      summary: "A round's recipients with their state, and its response rate per team",
      description:
        "The state is per round: not-invited → queued → invited → opened → started → submitted, or " +
        "bounced/failed where the mail server said so. It never links a person to answers.",
      tags,
      security,
      parameters: [roundId],
      responses: {
        "200": {
          description: "Recipients",
          content: json({
            type: "object",
            properties: {
              transport: { type: "string", enum: ["smtp", "outbox"] },
              recipients: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    id: { type: "string", format: "uuid" },
                    name: { type: "string" },
                    email: { type: "string" },
                    team: { type: ["string", "null"] },
                    state: { type: "string", enum: recipientStates },
                    reminders: { type: "integer" },
                    lastMailAt: { type: ["string", "null"], format: "date-time" },
                    error: { type: ["string", "null"] },
                    linkKept: {
                      type: "boolean",
                      description: "Whether their personal link is still kept for mail; links are deleted when the round closes.",
                    },
                  },
                },
              },
              responseRate,
              remindableFrom: {
                type: ["string", "null"],
                format: "date-time",
                description: "From when the admin pages offer \"remind now\": a minute after the last invitations were queued.",
              },
              now: { type: "string", format: "date-time", description: "The server's time, to compare remindableFrom with." },
            },
          }),
        },
        ...denied,
      },
    },
  },
  "/api/admin/rounds/{id}/response-rate": {
    get: {
      summary: "Response rate of a round, in total and per team",
      tags,
      security,
      parameters: [roundId],
      responses: { "200": { description: "Response rate", content: json(responseRate) }, ...denied },
    },
  },
  "/api/admin/rounds/{id}/respondents": {
    post: {
      summary: "Add respondents to a round (admin); optionally invite them at once",
      tags,
      security,
      parameters: [roundId],
      requestBody: { required: true, content: json(schema(addSchema)) },
      responses: { "201": object("Added"), "400": error("Invalid respondents."), ...denied },
    },
  },
  "/api/admin/rounds/{id}/respondents/{respondentId}": {
    delete: {
      summary: "Remove a respondent from a round (admin), with their response, their unsent mails and their link",
      description:
        "Their personal link answers 404 from then on, queued mails are not sent, and their response " +
        "(draft or submitted) is deleted, so the report and the response rate no longer count it. " +
        "In an anonymous round no response is linked to a respondent: nothing is deleted but the " +
        "respondent, and `reason` says so (`anonymous-round`); submitted answers stay in the report. " +
        "Also allowed in a closed round (a request to erase someone's data).",
      tags,
      security,
      parameters: [roundId, { name: "respondentId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      responses: {
        "200": {
          description: "Removed",
          content: json({
            type: "object",
            required: ["removed", "responseDeleted", "deletedResponse", "droppedMails", "reason", "message"],
            properties: {
              removed: { type: "boolean", const: true },
              responseDeleted: { type: "boolean" },
              deletedResponse: { type: ["string", "null"], enum: ["draft", "submitted", null] },
              droppedMails: { type: "integer", description: "Queued mails that will not be sent." },
              reason: {
                type: ["string", "null"],
                enum: ["no-response", "anonymous-round", null],
                description: "Why no response was deleted; null when one was.",
              },
              message: { type: ["string", "null"] },
            },
          }),
        },
        ...denied,
        "404": error("No such round, no such respondent in this round, or a teamleader's round of another team."),
      },
    },
  },
  "/api/admin/rounds/{id}/respondents/import": {
    post: {
      summary: "Import respondents from CSV (name, e-mail, team) (admin); bad rows are reported by line, good rows are kept",
      tags,
      security,
      parameters: [
        roundId,
        { name: "invite", in: "query", required: false, description: "With a text/csv body: invite the added respondents.", schema: { type: "boolean" } },
      ],
      requestBody: {
        required: true,
        content: { ...json(schema(importSchema)), "text/csv": { schema: { type: "string" } } },
      },
      responses: {
        "200": {
          description: "Imported: the good rows were added; each bad row names its line and the reason",
          content: json({
            type: "object",
            properties: { added: { type: "integer" }, errors: { type: "array", items: lineIssue } },
          }),
        },
        "400": error("Neither `{ csv, invite }` nor a text/csv body."),
        ...denied,
      },
    },
  },
  "/api/admin/rounds/{id}/invitations": {
    post: {
      summary: "Queue invitations (admin): to the given respondents, or to everyone not invited yet",
      tags,
      security,
      parameters: [roundId],
      requestBody: { required: false, content: json(schema(idsSchema)) },
      responses: {
        "202": { description: "Queued", content: json(queued) },
        "409": error("`links-deleted`: none could be queued, as the links of those left were deleted when the round closed."),
        ...denied,
      },
    },
  },
  "/api/admin/rounds/{id}/reminders": {
    post: {
      summary: "Send a reminder now to those who have not submitted (admin, teamleader of the round's team)",
      tags,
      security,
      parameters: [roundId],
      requestBody: { required: false, content: json(schema(idsSchema)) },
      responses: {
        "202": { description: "Queued", content: json(queued) },
        "409": error("`links-deleted`: none could be queued, as the links of those left were deleted when the round closed."),
        ...denied,
      },
    },
  },
  "/api/admin/rounds/{id}/mail-settings": {
    get: {
      summary: "A round's mail texts and reminder schedule",
      tags,
      security,
      parameters: [roundId],
      responses: {
        "200": {
          description: "Settings, and `defaults`: the texts used where `texts` sets none",
          content: json({
            allOf: [
              schema(settingsSchema),
              { type: "object", properties: { defaults: { type: "object", description: "Default subject and body per text kind" } } },
            ],
          }),
        },
        ...denied,
      },
    },
    put: {
      summary: "Set a round's mail texts (placeholders {naam} {scan} {ronde} {sluitdatum} {link}) and reminder schedule (admin)",
      tags,
      security,
      parameters: [roundId],
      requestBody: { required: true, content: json(schema(settingsSchema)) },
      responses: { "200": object("Saved"), "400": error("Invalid settings."), ...denied },
    },
  },
  "/api/admin/mail/outbox": {
    get: {
      summary: "Mails kept in the app when no SMTP server is configured (admin)",
      tags,
      security,
      parameters: [
        { name: "round", in: "query", required: false, schema: { type: "string", format: "uuid" } },
        { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
      ],
      responses: { "200": object("The newest mails"), "401": denied["401"], "403": denied["403"] },
    },
  },
  "/api/admin/mail/response-rates": {
    get: {
      summary: "Response rates of the caller's rounds at a glance, in total and per team",
      tags,
      security,
      responses: { "200": object("Rounds with their response rates"), "401": denied["401"] },
    },
  },
};
