import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { notFound } from "../lib/errors.ts";
import { apiRoutes, file, json, notFoundAs, securitySchemes } from "../lib/openapi.ts";

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

// Served from the package, not a CDN: Peilstok must work without internet access.
const assets: Record<string, { file: string; type: string } | { text: string; type: string }> = {
  "swagger-ui.css": { file: "swagger-ui.css", type: "text/css; charset=utf-8" },
  "swagger-ui-bundle.js": { file: "swagger-ui-bundle.js", type: "text/javascript; charset=utf-8" },
  // A separate file rather than an inline script, so the page works under our CSP.
  "init.js": {
    text: `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#api", validatorUrl: null, deepLinking: true });\n`,
    type: "text/javascript; charset=utf-8",
  },
};

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Peilstok API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="api"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script>
</body>
</html>
`;

/** The OpenAPI 3.1 document, generated from the routes declared on `app`. */
export function apiDocument(app: OpenAPIHono<any, any, any>, publicUrl: string) {
  for (const [name, scheme] of Object.entries(securitySchemes)) {
    app.openAPIRegistry.registerComponent("securitySchemes", name, scheme);
  }
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Peilstok API",
      version: "0.1.0",
      description:
        "Scans, rounds and responses. Admin routes need a login session (POST /api/auth/login) " +
        "or, for scripts, `Authorization: Bearer <ADMIN_TOKEN>`. " +
        "Errors are always `{ error: { code, message, issues? } }`.",
    },
    servers: [{ url: publicUrl }],
  });
}

const documentRoute = createRoute({
  method: "get",
  path: "/openapi.json",
  tags: ["system"],
  summary: "This document",
  responses: {
    200: json(z.record(z.string(), z.unknown()).openapi({ description: "OpenAPI 3.1" }), "The OpenAPI document"),
  },
});

const pageRoute = createRoute({
  method: "get",
  path: "/docs",
  tags: ["system"],
  summary: "Interactive API reference (Swagger UI, served locally)",
  responses: { 200: file("text/html", "HTML page") },
});

const assetRoute = createRoute({
  method: "get",
  path: "/docs/assets/{file}",
  tags: ["system"],
  summary: "Static files of the API reference page",
  request: { params: z.object({ file: z.string().min(1, notFoundAs("file")) }) },
  responses: {
    200: {
      description: "CSS or JavaScript",
      content: { "text/css": { schema: z.string() }, "text/javascript": { schema: z.string() } },
    },
  },
});

/** The OpenAPI document and its reference page. Mounted at /api. */
export function docsRoutes(document: () => unknown) {
  const cache = new Map<string, string>();
  return apiRoutes()
    .openapi(documentRoute, (c) => c.json(document() as Record<string, unknown>, 200))
    .openapi(pageRoute, (c) => c.html(page))
    .openapi(assetRoute, async (c) => {
      const name = c.req.valid("param").file;
      const asset = assets[name];
      if (!asset) throw notFound("file");
      let body = cache.get(name);
      if (body === undefined) {
        body = "text" in asset ? asset.text : await readFile(path.join(swaggerDir, asset.file), "utf8");
        cache.set(name, body);
      }
      c.header("Content-Type", asset.type);
      c.header("Cache-Control", "public, max-age=3600");
      return c.body(body);
    });
}
