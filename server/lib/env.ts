import { z } from "zod";

/** Where Peilstok's users are; TIME_ZONE changes it. */
export const defaultTimeZone = "Europe/Amsterdam";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  /** Optional: migrations run with this (the schema's owner); the app then uses DATABASE_URL. */
  MIGRATION_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  PUBLIC_URL: z.url().optional(),
  SCANS_DIR: z.string().min(1).default("./scans"),
  CLIENT_DIR: z.string().min(1).default("./client/dist"),
  /** Optional API token for scripts; people log in with an account instead. */
  ADMIN_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  /** The e-mail address of the admin account created on a first start without accounts. */
  FIRST_ADMIN_EMAIL: z.email().default("admin@peilstok.local"),
  /** Requests one link token may burst on /api/respond (a client address 50 times that over all links; logins per address), refilled at RATE_LIMIT_PER_SECOND. */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(20),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).default(256),
  /**
   * The header a reverse proxy in front of the app sets to the client's address (x-forwarded-for,
   * x-real-ip, …). Unset: the socket's address (a client could forge any header).
   */
  TRUSTED_PROXY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, "must be a header name, e.g. x-forwarded-for")
    .transform((h) => h.toLowerCase())
    .optional(),
  /** smtp(s)://user:pass@host:port; unset: mails go to the outbox in the app. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).default("Peilstok <peilstok@localhost>"),
  /** Seals personal links for reminders; the same on every instance. */
  LINK_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /** "off" disables sending and reminders in this instance (tests, or a web-only instance). */
  MAIL_SCHEDULER: z.enum(["on", "off"]).default("on"),
  MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** The IANA time zone in which pages and mails show times. */
  TIME_ZONE: z
    .string()
    .default(defaultTimeZone)
    .refine(isTimeZone, "must be an IANA time zone such as Europe/Amsterdam"),
  /** "on" (tests): every /api answer is checked against its route's declaration; a mismatch is logged and answered 500. */
  CHECK_RESPONSES: z.enum(["on", "off"]).default("off"),
  /** OpenID Connect login (server/oidc/): set the issuer and client id to turn it on. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().min(1).default("openid email profile"),
  OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  OIDC_ROLE_MAP: z
    .string()
    .regex(
      /^\s*(admin|teamleader|viewer)\s*=[^,=]+(,\s*(admin|teamleader|viewer)\s*=[^,=]+)*$/,
      "must look like admin=peilstok-beheer,teamleader=peilstok-teamleiders|leiding,viewer=peilstok-lezers",
    )
    .optional(),
  OIDC_TEAMS_CLAIM: z.string().min(1).optional(),
  OIDC_TEAM_PREFIX: z.string().min(1).optional(),
});

export type OidcRole = "admin" | "teamleader" | "viewer";

export interface OidcEnv {
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only). */
  clientSecret: string | undefined;
  scopes: string;
  /** The claim that holds the role (or groups); undefined: roles are given by an admin. */
  roleClaim: string | undefined;
  /** Claim values per role; empty: a claim value equal to a role's name is that role. */
  roleMap: Partial<Record<OidcRole, string[]>>;
  teamsClaim: string | undefined;
  /** Only claim values with this prefix are teams, with the prefix removed. */
  teamPrefix: string | undefined;
}

/** Whether Intl knows the zone (it throws a RangeError for an unknown one). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("nl-NL", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface Env {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The schema owner's connection for migrations (two-role setup), or undefined: DATABASE_URL migrates. */
  migrationDatabaseUrl: string | undefined;
  databasePoolSize: number;
  publicUrl: string;
  scansDir: string;
  clientDir: string;
  /** The API token for scripts, or undefined: then only logged-in accounts use the admin API. */
  adminToken: string | undefined;
  firstAdminEmail: string;
  rateLimit: { burst: number; perSecond: number };
  bodyLimitBytes: number;
  /** Lower-case header name, or undefined: the socket's address is the client's. */
  trustedProxyHeader: string | undefined;
  mail: { smtpUrl: string | undefined; from: string; linkKey: string | undefined; scheduler: boolean; intervalMs: number };
  /** IANA zone for times on pages and in mails (TIME_ZONE, default Europe/Amsterdam). */
  timeZone: string;
  checkResponses: boolean;
  /** OpenID Connect login, or null when OIDC_ISSUER is not set. */
  oidc: OidcEnv | null;
}

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses configuration once; the only place that reads `process.env`. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty variables (`PORT=`) mean "unset", as in most shells' .env files.
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(env)"}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  if ((env.OIDC_ISSUER === undefined) !== (env.OIDC_CLIENT_ID === undefined)) {
    throw new EnvError([`${env.OIDC_ISSUER ? "OIDC_CLIENT_ID" : "OIDC_ISSUER"}: needed with ${env.OIDC_ISSUER ? "OIDC_ISSUER" : "OIDC_CLIENT_ID"}`]);
  }
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    scansDir: env.SCANS_DIR,
    clientDir: env.CLIENT_DIR,
    adminToken: env.ADMIN_TOKEN,
    firstAdminEmail: env.FIRST_ADMIN_EMAIL.toLowerCase(),
    rateLimit: { burst: env.RATE_LIMIT_BURST, perSecond: env.RATE_LIMIT_PER_SECOND },
    bodyLimitBytes: env.BODY_LIMIT_KB * 1024,
    trustedProxyHeader: env.TRUSTED_PROXY_HEADER,
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      linkKey: env.LINK_KEY,
      scheduler: env.MAIL_SCHEDULER === "on",
      intervalMs: env.MAIL_INTERVAL_SECONDS * 1000,
    },
    timeZone: env.TIME_ZONE,
    checkResponses: env.CHECK_RESPONSES === "on",
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID
        ? {
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            scopes: env.OIDC_SCOPES,
            roleClaim: env.OIDC_ROLE_CLAIM,
            roleMap: parseRoleMap(env.OIDC_ROLE_MAP),
            teamsClaim: env.OIDC_TEAMS_CLAIM,
            teamPrefix: env.OIDC_TEAM_PREFIX,
          }
        : null,
  };
}

/** "admin=a|b,viewer=c" → { admin: ["a", "b"], viewer: ["c"] }. */
function parseRoleMap(text: string | undefined): Partial<Record<OidcRole, string[]>> {
  const map: Partial<Record<OidcRole, string[]>> = {};
  for (const part of text?.split(",") ?? []) {
    const [role, values] = part.split("=") as [OidcRole, string];
    map[role.trim() as OidcRole] = values.split("|").map((v) => v.trim()).filter(Boolean);
  }
  return map;
}
