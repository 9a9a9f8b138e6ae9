import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Hono } from "hono";
import { notFound } from "../lib/errors.ts";
import { openApiDocument } from "./openapi.ts";

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

export function docsRoutes(publicUrl: string) {
  const document = openApiDocument(publicUrl);
  const cache = new Map<string, string>();
  return new Hono()
    .get("/openapi.json", (c) => c.json(document))
    .get("/docs", (c) => c.html(page))
    .get("/docs/assets/:file", async (c) => {
      const asset = assets[c.req.param("file")];
      if (!asset) throw notFound("file");
      let body = cache.get(c.req.param("file"));
      if (body === undefined) {
        body = "text" in asset ? asset.text : await readFile(path.join(swaggerDir, asset.file), "utf8");
        cache.set(c.req.param("file"), body);
      }
      c.header("Content-Type", asset.type);
      c.header("Cache-Control", "public, max-age=3600");
      return c.body(body);
    });
}
