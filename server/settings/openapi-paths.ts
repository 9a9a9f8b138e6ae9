// The OpenAPI entries of the settings routes (server/settings/routes.ts), spread into
// server/system/openapi.ts.
import { settingsPatchSchema, settingsSchema } from "./service.ts";
import { schema, json, error, adminSecurity as security } from "../system/openapi-parts.ts";

const stored = {
  description: "The settings and when they last changed",
  content: json({
    type: "object",
    required: ["settings", "updatedAt"],
    properties: { settings: schema(settingsSchema), updatedAt: { type: "string", format: "date-time" } },
  }),
};
const denied = {
  "401": error("Not logged in."),
  "403": error("Only admins see and change settings, or the x-csrf-token header is missing."),
};

export const settingsPaths = {
  "/api/admin/settings": {
    get: { summary: "Organisation-wide settings (admin)", tags: ["settings"], security, responses: { "200": stored, ...denied } },
    patch: {
      summary: "Change some settings (admin); minGroupSize is the privacy floor, never below 3",
      tags: ["settings"],
      security,
      requestBody: { required: true, content: json(schema(settingsPatchSchema)) },
      responses: { "200": stored, "400": error("An unknown setting or a value out of range."), ...denied },
    },
  },
};
