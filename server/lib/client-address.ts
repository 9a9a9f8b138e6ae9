// The client's address, for limits and login throttling. By default the socket's peer: a header
// saying otherwise is written by the client itself and would let anyone pick a fresh address for
// every guess. Behind a reverse proxy or load balancer, set TRUSTED_PROXY_HEADER to the header
// that proxy sets (e.g. `x-forwarded-for`, `x-real-ip`); then that header, and only that one, is
// read. For X-Forwarded-For the last entry counts: it is the one our own proxy appended, earlier
// entries come from the client.
import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";

const contextKey = "trustedProxyHeader" as never;

/**
 * Makes the configured header known to every `clientAddress(c)` of the request (limits, login
 * throttle, audit log): the app's first middleware, so there is one place it is read from.
 */
export function trustProxyHeader(header: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (header) c.set(contextKey, header as never);
    await next();
  };
}

export function clientAddress(c: Context): string {
  const trustedProxyHeader = c.get(contextKey) as string | undefined;
  if (trustedProxyHeader) {
    const value = c.req.header(trustedProxyHeader);
    const last = value?.split(",").at(-1)?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket.
    return "unknown";
  }
}
