// Requests from the admin pages: the session cookie goes along by itself (fetch sends it to the
// same origin); state-changing requests also carry the CSRF token the server gave at login (see
// server/accounts/session.ts). Someone who entered an API token instead of logging in sends it as
// a bearer token; it is kept in sessionStorage only (gone when the tab closes).
import { ApiError, requestJson, type Method } from "./http.ts";

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const tokenKey = "peilstok.adminToken";

export function adminToken(): string | null {
  try {
    return window.sessionStorage.getItem(tokenKey);
  } catch {
    return null;
  }
}

export function setAdminToken(token: string | null): void {
  try {
    if (token) window.sessionStorage.setItem(tokenKey, token);
    else window.sessionStorage.removeItem(tokenKey);
  } catch {
    // Without storage the token cannot be kept; the login form says the key did not work.
  }
}

/** The headers an admin request carries besides accept and content-type. */
export function adminHeaders(method: Method): Record<string, string> {
  const token = adminToken();
  if (token) return { authorization: `Bearer ${token}` };
  return method !== "GET" && csrfToken ? { "x-csrf-token": csrfToken } : {};
}

let unauthorized: () => void = () => {};

/** Called when an admin request answers 401 (the session ended): the shell shows the login form. */
export function whenUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

export async function adminRequest<T>(method: Method, url: string, body?: unknown): Promise<T> {
  try {
    return await requestJson<T>(method, url, body, { headers: adminHeaders(method), allowEmpty: true });
  } catch (error) {
    // Login, logout and "who am I" answer 401 as part of their job; elsewhere it means the session ended.
    if (error instanceof ApiError && error.status === 401 && !url.startsWith("/api/auth/")) unauthorized();
    throw error;
  }
}
