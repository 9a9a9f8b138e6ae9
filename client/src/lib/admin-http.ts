// Requests from the admin pages: the session cookie goes along by itself (fetch sends it to the
// same origin); state-changing requests also carry the CSRF token the server gave at login (see
// server/accounts/session.ts).
import { requestJson, type Method } from "./http.ts";

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function adminRequest<T>(method: Method, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = method !== "GET" && csrfToken ? { "x-csrf-token": csrfToken } : {};
  return requestJson<T>(method, url, body, { headers, allowEmpty: true });
}
