// The OpenAPI entries of the login routes, the account routes and the scan editor's routes,
// spread into server/system/openapi.ts.
import { loginSchema, passwordChangeSchema } from "./auth-routes.ts";
import { scanPublishSchema } from "../scans/routes.ts";
import { accountCreateSchema, accountUpdateSchema } from "./service.ts";
import { schema, json, error, object, adminSecurity as security } from "../system/openapi-parts.ts";

const denied = {
  "401": error("Not logged in."),
  "403": error("The role does not allow this, or the x-csrf-token header is missing."),
};
const scanId = { name: "scanId", in: "path", required: true, schema: { type: "string" } };
const version = { name: "version", in: "path", required: true, schema: { type: "integer" } };

export const sessionSecurityScheme = {
  type: "apiKey",
  in: "cookie",
  name: "__Host-peilstok-session",
  description:
    "Set by POST /api/auth/login (`peilstok-session` on plain http). State-changing requests " +
    "also send the CSRF token from the login answer in the `x-csrf-token` header.",
};

export const authPaths = {
  "/api/auth/login": {
    post: {
      summary: "Log in with e-mail and password; sets the session cookie",
      tags: ["auth"],
      requestBody: { required: true, content: json(schema(loginSchema)) },
      responses: {
        "200": object("Logged in: the user, the CSRF token and the time zone the pages show times in"),
        "401": error("Wrong e-mail address or password."),
        "429": error("Too many attempts from this address."),
      },
    },
  },
  "/api/auth/logout": {
    post: { summary: "End the session", tags: ["auth"], responses: { "200": object("Logged out") } },
  },
  "/api/auth/session": {
    get: {
      summary: "Who is logged in, and the CSRF token",
      tags: ["auth"],
      security,
      responses: { "200": object("The user, the CSRF token and the time zone the pages show times in (TIME_ZONE)"), ...denied },
    },
  },
  "/api/auth/password": {
    post: {
      summary: "Change one's own password; ends the other sessions",
      tags: ["auth"],
      security,
      requestBody: { required: true, content: json(schema(passwordChangeSchema)) },
      responses: { "200": object("Changed: a new CSRF token"), "400": error("Wrong current password or too short."), ...denied },
    },
  },
  "/api/admin/accounts": {
    get: { summary: "Accounts (admin)", tags: ["admin"], security, responses: { "200": object("Accounts"), ...denied } },
    post: {
      summary: "Create an account (admin); a generated password is returned once",
      tags: ["admin"],
      security,
      requestBody: { required: true, content: json(schema(accountCreateSchema)) },
      responses: { "201": object("Created"), "400": error("Invalid account."), "409": error("E-mail address in use."), ...denied },
    },
  },
  "/api/admin/accounts/{id}": {
    patch: {
      summary: "Change an account's role and teams, or (de)activate it (admin); deactivating ends its sessions",
      tags: ["admin"],
      security,
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      requestBody: { required: true, content: json(schema(accountUpdateSchema)) },
      responses: {
        "200": object("The changed account"),
        "400": error("Invalid change, e.g. a teamleader without teams."),
        "404": error("No such account."),
        "409": error("The change would leave no active admin."),
        ...denied,
      },
    },
  },
  "/api/admin/scans/{scanId}/versions": {
    get: {
      summary: "A scan's versions, each compared with the one before (changes, comparability)",
      tags: ["admin"],
      security,
      parameters: [scanId],
      responses: { "200": object("Versions"), "404": error("No such scan."), ...denied },
    },
  },
  "/api/admin/scans/{scanId}/versions/{version}/source": {
    get: {
      summary: "The scan text of one version, to open in the editor",
      tags: ["admin"],
      security,
      parameters: [scanId, version],
      responses: { "200": object("Source"), "404": error("No such version."), ...denied },
    },
  },
};

/** POST /api/admin/scans, merged into the existing GET entry. */
export const publishOperation = {
  summary: "Publish a scan text as a new immutable version (admin); only when it compiles without errors",
  tags: ["admin"],
  security,
  requestBody: { required: true, content: json(schema(scanPublishSchema)) },
  responses: {
    "201": object("Published as a new version"),
    "200": object("Unchanged: this exact text is already a version"),
    "422": error("The scan has errors; each issue is `source:LINE:COL` with the diagnostic."),
    ...denied,
  },
};
