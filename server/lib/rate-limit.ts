import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "./errors.ts";
import { clientAddress } from "./client-address.ts";
import { sha256 } from "./tokens.ts";

export interface RateLimit {
  /** Requests a client may make at once. */
  burst: number;
  /** Tokens refilled per second. */
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * How many times a link's budget one client address gets on the respondent endpoints, over all the
 * links it uses. Generous, so that a campus or an office behind one NAT address (hundreds of
 * respondents, each with their own link) works; it still stops one address from trying token
 * after token.
 */
export const addressFactor = 50;

/** The link token in a respondent path (`/api/respond/:token/...`, `/api/shared/:token`), if any. */
export function linkTokenOf(c: Context): string | undefined {
  const parts = c.req.path.split("/");
  const token = parts[3];
  return token && /^[A-Za-z0-9_-]{32,128}$/.test(token) ? token : undefined;
}

/**
 * An in-memory token bucket per key (by default the client's address, see
 * server/lib/client-address.ts); answers 429 with Retry-After when empty. `key` may return
 * undefined to let a request pass uncounted.
 */
export function rateLimit(
  limit: RateLimit,
  options: { key?: (c: Context) => string | undefined; now?: () => number } = {},
): MiddlewareHandler {
  const now = options.now ?? Date.now;
  const keyOf = options.key ?? clientAddress;
  const buckets = new Map<string, Bucket>();
  return async (c, next) => {
    const key = keyOf(c);
    if (key === undefined) return next();
    const time = now();
    const bucket = buckets.get(key) ?? { tokens: limit.burst, at: time };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((time - bucket.at) / 1000) * limit.perSecond);
    bucket.at = time;
    if (bucket.tokens < 1) {
      buckets.set(key, bucket);
      const wait = Math.ceil((1 - bucket.tokens) / limit.perSecond);
      c.header("Retry-After", String(wait));
      throw new AppError(429, "rate-limited", `too many requests; retry in ${wait} s`);
    }
    bucket.tokens -= 1;
    buckets.set(key, bucket);
    if (buckets.size > 10_000) {
      // Forget clients whose bucket has refilled: they would start full anyway.
      for (const [k, b] of buckets) {
        if (b.tokens + ((time - b.at) / 1000) * limit.perSecond >= limit.burst) buckets.delete(k);
      }
    }
    await next();
  };
}

/**
 * The respondent endpoints' limits: each link token has its own budget (so people behind one
 * address do not share one), and each client address `addressFactor` times that over all links.
 * `linkKey` may narrow a link's key further (an open link's device, see server/respond/open-link.ts).
 */
export function respondentRateLimit(
  limit: RateLimit,
  options: { linkKey?: (c: Context, token: string) => string; now?: () => number } = {},
): MiddlewareHandler[] {
  const linkKey = options.linkKey ?? ((_c: Context, token: string) => token);
  return [
    rateLimit(
      { burst: limit.burst * addressFactor, perSecond: limit.perSecond * addressFactor },
      { now: options.now },
    ),
    rateLimit(limit, {
      key: (c) => {
        const token = linkTokenOf(c);
        // Only the hash is kept in memory, like everywhere else.
        return token === undefined ? undefined : sha256(`limit:${linkKey(c, token)}`);
      },
      now: options.now,
    }),
  ];
}
