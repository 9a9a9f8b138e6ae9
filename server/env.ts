import { randomBytes } from "node:crypto";
import { z } from "zod";

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    PUBLIC_URL: z.url().optional(),
    SCANS_DIR: z.string().min(1).default("./scans"),
    CLIENT_DIR: z.string().min(1).default("./client/dist"),
    ADMIN_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
    /** Requests a client IP may burst on /api/respond, refilled at RATE_LIMIT_PER_SECOND. */
    RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(120),
    RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(20),
    BODY_LIMIT_KB: z.coerce.number().int().min(1).default(256),
  })
  .superRefine((env, ctx) => {
    // A generated admin token is only acceptable for the embedded, single-machine default.
    if (env.DATABASE_URL && !env.ADMIN_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["ADMIN_TOKEN"],
        message: "is required when DATABASE_URL is set",
      });
    }
  });

export interface Env {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  publicUrl: string;
  scansDir: string;
  clientDir: string;
  adminToken: string;
  /** True when the admin token was generated at start because ADMIN_TOKEN was unset. */
  adminTokenGenerated: boolean;
  rateLimit: { burst: number; perSecond: number };
  bodyLimitBytes: number;
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
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    scansDir: env.SCANS_DIR,
    clientDir: env.CLIENT_DIR,
    adminToken: env.ADMIN_TOKEN ?? randomBytes(24).toString("base64url"),
    adminTokenGenerated: env.ADMIN_TOKEN === undefined,
    rateLimit: { burst: env.RATE_LIMIT_BURST, perSecond: env.RATE_LIMIT_PER_SECOND },
    bodyLimitBytes: env.BODY_LIMIT_KB * 1024,
  };
}
