import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { RouteConfig } from "@hono/zod-openapi";
import type { Context } from "hono";
import { compress } from "hono/compress";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { adminGuard, authenticate, requireRoundAccess, type AuthEnv } from "./accounts/guard.ts";
import { defaultSessionTtlMs, type SessionConfig } from "./accounts/session.ts";
import type { Sql } from "./db/connect.ts";
import { defaultTimeZone } from "./lib/env.ts";
import { AppError, errorHandler } from "./lib/errors.ts";
import type { Log } from "./lib/log.ts";
import { apiRoutes, completeDeclarations } from "./lib/openapi.ts";
import { trustProxyHeader } from "./lib/client-address.ts";
import { getCookie } from "hono/cookie";
import { deviceCookie, OpenLinkAdmissions } from "./respond/open-link.ts";
import { openLinkRoutes } from "./respond/open-link-routes.ts";
import { rateLimit, respondentRateLimit, type RateLimit } from "./lib/rate-limit.ts";
import { strictInput } from "./lib/strict-input.ts";
import { responseCheck } from "./lib/response-check.ts";
import { RespondService } from "./respond/service.ts";
import { accountRoutes } from "./accounts/account-routes.ts";
import { auditRoutes } from "./audit/routes.ts";
import type { OidcClient } from "./oidc/client.ts";
import { privacyInfoRoutes, subjectRoutes } from "./lifecycle/routes.ts";
import { loginMethods, oidcAdminRoutes, oidcAuthRoutes, passwordLoginGate } from "./oidc/routes.ts";
import { authRoutes, type AuthSecurity } from "./accounts/auth-routes.ts";
import { twoFactorRoutes } from "./accounts/two-factor-routes.ts";
import { defaultLoginThrottle, type LoginThrottleConfig } from "./accounts/throttle.ts";
import { apiDocument, docsRoutes } from "./system/docs-routes.ts";
import { healthRoutes } from "./system/health-routes.ts";
import { invitationRoutes, mailRoutes } from "./invitations/routes.ts";
import { roundActionRoutes, seriesRoutes } from "./series/routes.ts";
import { SeriesService } from "./series/service.ts";
import { Invitations } from "./invitations/service.ts";
import { outboxTransport } from "./invitations/mail-transport.ts";
import { reportRoutes } from "./reports/routes.ts";
import { respondRoutes } from "./respond/routes.ts";
import { roundRoutes } from "./rounds/routes.ts";
import { scanRoutes } from "./scans/routes.ts";
import { settingsRoutes } from "./settings/routes.ts";
import { draftRoutes } from "./scans/draft-routes.ts";
import { ScanVersionCache } from "./respond/version-cache.ts";

export interface AppOptions {
  sql: Sql;
  publicUrl: string;
  /** Optional API token for scripts: `Authorization: Bearer <it>` acts as an admin. */
  adminToken?: string | undefined;
  /** Session cookies; secure by default when publicUrl is https. */
  session?: Partial<SessionConfig>;
  rateLimit: RateLimit;
  bodyLimitBytes: number;
  log: Log;
  /** Invitations and reminders; by default mails go to the outbox (no SMTP). */
  invitations?: Invitations;
  /** Login throttling (server/accounts/throttle.ts); the defaults by default. */
  loginThrottle?: LoginThrottleConfig;
  /** The header a trusted reverse proxy sets to the client's address (server/lib/client-address.ts). */
  trustedProxyHeader?: string | undefined;
  /**
   * Places for new responses through open links, leased from the database a few at a time
   * (server/respond/open-link.ts); its owner gives them back at shutdown. By default one of its own.
   */
  admissions?: OpenLinkAdmissions;
  /** Series of repeated rounds; by default built on `invitations`. */
  series?: SeriesService;
  /** Logging in with the organisation's account (OpenID Connect); null or absent: off. */
  oidc?: OidcClient | null;
  /** The built client (client/dist); when absent only the API is served. */
  clientDir?: string;
  /** IANA zone the admin pages show times in (TIME_ZONE); handed to them with the session. */
  timeZone?: string;
  /**
   * Tests: checks every /api answer against its route's declaration (server/lib/response-check.ts);
   * a mismatch is reported here and answered 500.
   */
  onResponseMismatch?: ((problem: string) => void) | undefined;
}

/** Builds the HTTP app; it never listens (see main.ts). */
export function createApp(options: AppOptions) {
  const { sql, log } = options;
  const admissions = options.admissions ?? new OpenLinkAdmissions(sql, { log });
  const respond = new RespondService(sql, new ScanVersionCache(sql), admissions);
  const invitations =
    options.invitations ?? new Invitations(sql, { transport: outboxTransport, publicUrl: options.publicUrl, log });
  const session: SessionConfig = {
    secure: options.publicUrl.startsWith("https:"),
    ttlMs: defaultSessionTtlMs,
    ...options.session,
  };
  const app = apiRoutes<AuthEnv>();
  let declared: RouteConfig[] = [];
  let document: unknown;

  if (options.onResponseMismatch) app.use(responseCheck(() => declared, options.onResponseMismatch));
  app.use(requestId());
  app.use(trustProxyHeader(options.trustedProxyHeader));
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
  // Per link token, and per client address over all links (server/lib/rate-limit.ts).
  // An open link is shared by many: each browser (its device cookie) has its own budget there.
  app.use(
    "/api/respond/*",
    ...respondentRateLimit(options.rateLimit, { linkKey: (c, token) => `${token}:${getCookie(c, deviceCookie) ?? ""}` }),
  );
  app.use("/api/shared/*", ...respondentRateLimit(options.rateLimit));
  // The form JSON (tens of kB for a long scan) goes out gzipped on a slow phone's first visit.
  app.get("/api/respond/:token", compress({ encoding: "gzip" }));
  app.use("/api/auth/login", rateLimit(options.rateLimit));
  // Bodies are at most bodyLimitBytes, JSON, and text is text, before any route reads them
  // (server/lib/strict-input.ts).
  app.use(
    "/api/*",
    strictInput({
      maxBytes: options.bodyLimitBytes,
      raw: [{ method: "POST", path: /^\/api\/admin\/rounds\/[^/]+\/respondents\/import$/, types: ["text/csv", "text/plain"] }],
    }),
  );
  const methods = loginMethods(sql, Boolean(options.oidc));
  app.use("/api/auth/login", passwordLoginGate(methods));
  app.use("/api/auth/oidc/*", rateLimit(options.rateLimit));
  const auth = authenticate({ sql, session, adminToken: options.adminToken });
  app.use("/api/auth/*", auth);
  // Every admin route: someone logged in, viewers read-only; each route then names its roles
  // with requireRole (see server/accounts/guard.ts and test/admin-auth.test.ts).
  app.use("/api/admin/*", auth, adminGuard);
  // A teamleader sees only the reports of their own teams' rounds.
  app.use("/api/admin/reports/rounds/:id", requireRoundAccess(sql));
  app.use("/api/admin/reports/rounds/:id/*", requireRoundAccess(sql));
  app.use("/api/admin/rounds/:id/*", requireRoundAccess(sql));

  app.route("/api/health", healthRoutes(sql));
  app.route("/api", docsRoutes(() => (document ??= apiDocument(app, options.publicUrl))));
  app.route("/api/respond", respondRoutes(respond, { secureCookies: session.secure }));
  const security: AuthSecurity = {
    throttle: options.loginThrottle ?? defaultLoginThrottle,
    publicUrl: options.publicUrl,
    sealer: () => invitations.sealer(),
  };
  app.route("/api/auth/two-factor", twoFactorRoutes(sql, security));
  app.route("/api/auth", authRoutes(sql, session, options.timeZone ?? defaultTimeZone, security));
  app.route(
    "/api/auth",
    oidcAuthRoutes(sql, {
      client: options.oidc ?? null,
      session,
      log,
      methods,
    }),
  );
  app.route("/api/admin/accounts", accountRoutes(sql));
  app.route("/api/admin/scans", scanRoutes(sql));
  app.route("/api/admin/scan-drafts", draftRoutes(sql));
  app.route("/api/admin/rounds", roundRoutes(sql, options.publicUrl, invitations));
  app.route("/api/admin/rounds", invitationRoutes(sql, invitations));
  app.route("/api/admin/mail", mailRoutes(sql, invitations));
  app.route("/api/admin/rounds", roundActionRoutes(sql, invitations));
  app.route("/api/admin/rounds", openLinkRoutes(sql, admissions));
  app.route("/api/admin/series", seriesRoutes(sql, options.series ?? new SeriesService(sql, invitations)));
  app.route("/api/admin/settings", settingsRoutes(sql));
  app.route("/api/admin/audit", auditRoutes(sql));
  app.route("/api/admin/oidc", oidcAdminRoutes(sql));
  app.route("/api/admin/privacy", subjectRoutes(sql));
  app.route("/api/privacy", privacyInfoRoutes(sql));

  app.route("/api", reportRoutes(sql));

  app.all("/api/*", () => {
    throw new AppError(404, "not-found", "no such API route");
  });
  declared = completeDeclarations(app);

  if (options.clientDir) {
    const root = path.relative(process.cwd(), options.clientDir) || ".";
    // Text files were compressed at build time (brotli and gzip, vite.config.ts): they go out
    // in the best encoding the browser accepts, with their own length. Hashed assets never
    // change; index.html (the SPA's pages) and the service worker are checked on every visit.
    const onFound = (file: string, c: Context) => {
      if (/\.(js|mjs|css|html|svg|json|webmanifest|txt)(\.br|\.gz)?$/.test(file) && !c.res.headers.get("Vary")) {
        c.header("Vary", "Accept-Encoding");
      }
      if (file.includes(`${path.sep}assets${path.sep}`)) {
        c.header("Cache-Control", "public, max-age=31536000, immutable");
      } else {
        c.header("Cache-Control", path.basename(file).startsWith("index.html") ? "no-store" : "no-cache");
      }
    };
    const spa = serveStatic({ root, path: "index.html", precompressed: true, onFound });
    app.get("/", spa);
    app.get("/r/*", spa);
    app.get("/gedeeld/*", spa);
    app.get("/toegankelijkheid", spa);
    app.get("/admin", spa);
    app.get("/admin/*", spa);
    app.get("/privacy", spa);
    app.use("/*", serveStatic({ root, precompressed: true, onFound }));
  }

  app.onError(errorHandler(log));
  return app;
}

export type App = ReturnType<typeof createApp>;
