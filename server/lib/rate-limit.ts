import type { MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { AppError } from "./errors.ts";

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

function clientAddress(c: Parameters<MiddlewareHandler>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket.
    return "unknown";
  }
}

/** An in-memory token bucket per client IP; answers 429 with Retry-After when empty. */
export function rateLimit(limit: RateLimit, now: () => number = Date.now): MiddlewareHandler {
  const buckets = new Map<string, Bucket>();
  return async (c, next) => {
    const key = clientAddress(c);
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
