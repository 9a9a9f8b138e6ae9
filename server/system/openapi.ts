import { responseInputSchema } from "../respond/routes.ts";
import { roundCreateSchema } from "../rounds/service.ts";
import { authPaths, publishOperation, sessionSecurityScheme } from "../accounts/openapi-paths.ts";
import { invitationPaths } from "../invitations/openapi-paths.ts";
import { reportPaths } from "../reports/openapi-paths.ts";
import { seriesPaths } from "../series/openapi-paths.ts";
import { settingsPaths } from "../settings/openapi-paths.ts";
import { schema, json, error } from "./openapi-parts.ts";

// Request bodies are generated from the same zod schemas the routes validate with
// (server/system/openapi-parts.ts); responses are written out here.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const tokenParam = {
  name: "token",
  in: "path",
  required: true,
  description: "A personal or open link token (32 random bytes, base64url).",
  schema: { type: "string" },
};
const respondErrors = {
  "404": error("Unknown link."),
  "429": error("Too many requests from this address; see Retry-After."),
};
const adminErrors = { "401": error("Missing or wrong admin token.") };

export function openApiDocument(publicUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Peilstok API",
      version: "0.1.0",
      description:
        "Scans, rounds and responses. Admin routes need a login session (POST /api/auth/login) " +
        "or, for scripts, `Authorization: Bearer <ADMIN_TOKEN>`. " +
        "Errors are always `{ error: { code, message, issues? } }`. " +
        "A body is JSON sent with `Content-Type: application/json` in UTF-8 (the CSV import also takes text/csv): " +
        "anything else is refused with 415. Text that is not text (a NUL character, an unpaired surrogate, " +
        "invalid UTF-8) is refused with 400 `invalid-text`, its fields listed in `issues`.",
    },
    servers: [{ url: publicUrl }],
    components: {
      securitySchemes: { session: sessionSecurityScheme, adminToken: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                issues: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["field", "reason"],
                    properties: {
                      field: { type: "string", description: "SurveyJS data key or body field" },
                      reason: {
                        type: "string",
                        enum: [
                          "unknown-item",
                          "off-scale",
                          "not-allowed",
                          "required",
                          "wrong-type",
                          "too-long",
                          "invalid",
                        ],
                      },
                      message: { type: "string" },
                    },
                  },
                },
              },
            },
          },
        },
        ResponseInput: schema(responseInputSchema),
        RoundCreate: schema(roundCreateSchema),
        Form: {
          type: "object",
          required: ["round", "scanVersion", "survey", "languages", "estimate", "response"],
          properties: {
            round: {
              type: "object",
              properties: {
                id: { type: "string", format: "uuid" },
                title: { type: "string" },
                closesAt: { type: "string", format: "date-time" },
                state: { type: "string", enum: ["open", "closed", "not-yet-open"] },
                allowEdit: { type: "boolean" },
                link: { type: "string", enum: ["personal", "open"] },
              },
            },
            scanVersion: {
              type: "object",
              properties: {
                id: { type: "integer" },
                scan: { type: "string" },
                version: { type: "integer" },
                checksum: { type: "string" },
              },
            },
            survey: { type: "object", description: "SurveyJS form JSON" },
            languages: {
              type: "array",
              items: { type: "string" },
              description: "the scan's languages, e.g. [\"nl\", \"en\"]; the form offers a switch when there are several",
            },
            estimate: {
              type: "object",
              required: ["minutes", "pageSeconds"],
              properties: {
                minutes: { type: "integer", description: "the scan's estimate of the time to fill it in" },
                pageSeconds: {
                  type: "object",
                  additionalProperties: { type: "integer" },
                  description: "seconds to answer each page (by page name, the theme id)",
                },
              },
            },
            response: {
              oneOf: [
                { type: "null" },
                {
                  type: "object",
                  properties: {
                    id: { type: "string", format: "uuid" },
                    status: { type: "string", enum: ["draft", "submitted"] },
                    data: { type: "object" },
                    submittedAt: { type: ["string", "null"], format: "date-time" },
                  },
                },
              ],
            },
          },
        },
      },
    },
    paths: {
      ...authPaths,
      ...reportPaths,
      ...invitationPaths,
      ...seriesPaths,
      ...settingsPaths,
      "/api/health": {
        get: {
          summary: "Liveness and database check",
          responses: { "200": { description: "Up", content: json({ type: "object" }) } },
        },
      },
      "/api/openapi.json": {
        get: {
          summary: "This document",
          responses: { "200": { description: "OpenAPI 3.1", content: json({ type: "object" }) } },
        },
      },
      "/api/docs": {
        get: {
          summary: "Interactive API reference (Swagger UI, served locally)",
          responses: { "200": { description: "HTML page", content: { "text/html": {} } } },
        },
      },
      "/api/docs/assets/{file}": {
        get: {
          summary: "Static files of the API reference page",
          parameters: [{ name: "file", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "CSS or JavaScript" }, "404": error("No such file.") },
        },
      },
      "/api/respond/{token}": {
        get: {
          summary: "The form and the caller's own response",
          tags: ["respondent"],
          parameters: [
            tokenParam,
            {
              name: "response",
              in: "query",
              required: false,
              description: "Open links: the response id this browser remembers.",
              schema: { type: "string", format: "uuid" },
            },
          ],
          responses: { "200": { description: "The form", content: json(ref("Form")) }, ...respondErrors },
        },
      },
      "/api/respond/{token}/draft": {
        put: {
          summary: "Autosave a partial response",
          tags: ["respondent"],
          parameters: [tokenParam],
          requestBody: { required: true, content: json(ref("ResponseInput")) },
          responses: {
            "200": {
              description: "Saved",
              content: json({
                type: "object",
                properties: { savedAt: { type: "string", format: "date-time" } },
              }),
            },
            "400": error("Invalid answers or malformed JSON."),
            "409": error("Round closed, not yet open, or response already submitted."),
            "413": error("Body too large."),
            ...respondErrors,
          },
        },
      },
      "/api/respond/{token}/submit": {
        post: {
          summary: "Submit a response (idempotent by responseId)",
          tags: ["respondent"],
          parameters: [tokenParam],
          requestBody: { required: true, content: json(ref("ResponseInput")) },
          responses: {
            "200": {
              description: "Stored (acknowledged after commit)",
              content: json({
                type: "object",
                properties: {
                  responseId: { type: "string", format: "uuid" },
                  submittedAt: { type: "string", format: "date-time" },
                },
              }),
            },
            "400": error("Invalid answers (each issue names field and reason) or malformed JSON."),
            "409": error("Round closed or editing not allowed."),
            "413": error("Body too large."),
            ...respondErrors,
          },
        },
      },
      "/api/admin/scans": {
        get: {
          summary: "Scans and their published versions",
          tags: ["admin"],
          security: [{ adminToken: [] }],
          responses: { "200": { description: "Scans", content: json({ type: "object" }) }, ...adminErrors },
        },
        post: publishOperation,
      },
      "/api/admin/scans/{scanId}/versions/{version}": {
        get: {
          summary: "One scan version with its compiled form and scoring model",
          tags: ["admin"],
          security: [{ adminToken: [] }],
          parameters: [
            { name: "scanId", in: "path", required: true, schema: { type: "string" } },
            { name: "version", in: "path", required: true, schema: { type: "integer" } },
          ],
          responses: {
            "200": { description: "Scan version", content: json({ type: "object" }) },
            "404": error("No such version."),
            ...adminErrors,
          },
        },
      },
      "/api/admin/rounds": {
        get: {
          summary: "Rounds with respondent and response counts",
          tags: ["admin"],
          security: [{ adminToken: [] }],
          responses: { "200": { description: "Rounds", content: json({ type: "object" }) }, ...adminErrors },
        },
        post: {
          summary: "Create a round; returns the personal and open links once",
          tags: ["admin"],
          security: [{ adminToken: [] }],
          requestBody: { required: true, content: json(ref("RoundCreate")) },
          responses: {
            "201": { description: "Created, with links", content: json({ type: "object" }) },
            "400": error("Invalid round; a minimum group size below the privacy floor (below-privacy-floor); an open link for a team scan (team-scan-open-link)."),
            "404": error("Unknown scan or version."),
            "409": error("A team scan would give a team a second link (team-has-link)."),
            ...adminErrors,
          },
        },
      },
    },
  };
}
