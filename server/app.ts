import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Sql } from "./db/connect.ts";
import { AppError, errorHandler } from "./errors.ts";
import type { Log } from "./log.ts";
import { rateLimit, type RateLimit } from "./rate-limit.ts";
import { RespondService } from "./respond.ts";
import { docsRoutes } from "./routes/docs.ts";
import { healthRoutes } from "./routes/health.ts";
import { reportRoutes } from "./routes/reports.ts";
import { respondRoutes } from "./routes/respond.ts";
import { roundRoutes } from "./routes/rounds.ts";
import { scanRoutes } from "./routes/scans.ts";
import { ScanVersionCache } from "./scan-versions.ts";

export interface AppOptions {
  sql: Sql;
  publicUrl: string;
  adminToken: string;
  rateLimit: RateLimit;
  bodyLimitBytes: number;
  log: Log;
  /** The built client (client/dist); when absent only the API is served. */
  clientDir?: string;
}

/** Builds the HTTP app; it never listens (see main.ts). */
export function createApp(options: AppOptions) {
  const { sql, log } = options;
  const respond = new RespondService(sql, new ScanVersionCache(sql));
  const app = new Hono();

  app.use(requestId());
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // SurveyJS sets inline styles on its elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "no-referrer",
    }),
  );
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: options.bodyLimitBytes,
      onError: () => {
        throw new AppError(413, "body-too-large", `the body is larger than ${options.bodyLimitBytes} bytes`);
      },
    }),
  );
  app.use("/api/respond/*", rateLimit(options.rateLimit));
  app.use("/api/admin/*", bearerAuth({ token: options.adminToken }));

  app.route("/api/health", healthRoutes(sql));
  app.route("/api", docsRoutes(options.publicUrl));
  app.route("/api/respond", respondRoutes(respond));
  app.route("/api/admin/scans", scanRoutes(sql));
  app.route("/api/admin/rounds", roundRoutes(sql, options.publicUrl));

  app.route("/api", reportRoutes(sql));

  app.all("/api/*", () => {
    throw new AppError(404, "not-found", "no such API route");
  });

  if (options.clientDir) {
    const root = path.relative(process.cwd(), options.clientDir) || ".";
    // The SPA's own routes get index.html; the client router takes over from there.
    const spa = serveStatic({ root, path: "index.html" });
    app.get("/", spa);
    app.get("/r/*", spa);
    app.get("/admin", spa);
    app.get("/admin/*", spa);
    app.use(
      "/*",
      serveStatic({
        root,
        onFound: (file, c) => {
          if (file.includes(`${path.sep}assets${path.sep}`)) {
            c.header("Cache-Control", "public, max-age=31536000, immutable");
          }
        },
      }),
    );
  }

  app.onError(errorHandler(log));
  return app;
}

export type App = ReturnType<typeof createApp>;
