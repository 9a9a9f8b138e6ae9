// Who is logged in on the admin pages: one store for every page, loaded once and shared, so moving
// between pages neither asks again nor flashes a login form. It also hands the CSRF token to
// admin-http and the server's time zone to format-date.
import { useEffect, useSyncExternalStore } from "react";
import { adminRequest, adminToken, setAdminToken, setCsrfToken, whenUnauthorized } from "./admin-http.ts";
import { setTimeZone } from "./format-date.ts";
import { ApiError } from "./http.ts";

export type AdminRole = "admin" | "teamleader" | "viewer";

export interface AdminUser {
  email: string;
  name: string;
  role: AdminRole;
  teams: string[];
  /** Whether logging in also takes a code (two-factor login). */
  twoFactor?: boolean;
}

export type SessionState =
  | { status: "loading" }
  /** Nobody is logged in; `tokenRejected` when an entered API token did not work. */
  | { status: "anonymous"; tokenRejected: boolean }
  | { status: "failed" }
  | { status: "ready"; user: AdminUser };

interface SessionAnswer {
  user: AdminUser;
  csrfToken: string | null;
  timeZone?: string;
}

let state: SessionState = { status: "loading" };
let requested = false;
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function accept(answer: SessionAnswer): void {
  setCsrfToken(answer.csrfToken);
  if (answer.timeZone) setTimeZone(answer.timeZone);
  set({ status: "ready", user: answer.user });
}

/** Asks the server who is logged in (again). */
export async function loadSession(): Promise<void> {
  requested = true;
  try {
    accept(await adminRequest<SessionAnswer>("GET", "/api/auth/session"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      const hadToken = adminToken() !== null;
      setAdminToken(null);
      set({ status: "anonymous", tokenRejected: hadToken });
    } else {
      set({ status: "failed" });
    }
  }
}

/** The session, asked for on first use. */
export function useAdminSession(): SessionState {
  useEffect(() => {
    if (!requested) void loadSession();
  }, []);
  return useSyncExternalStore(subscribe, () => state);
}

/** The logged-in account; only inside the admin shell, which renders pages only when there is one. */
export function useAdminUser(): AdminUser {
  const current = useSyncExternalStore(subscribe, () => state);
  if (current.status !== "ready") throw new Error("useAdminUser outside a logged-in admin shell");
  return current.user;
}

/**
 * Throws ApiError: 401 for a wrong e-mail address or password (`login-failed`), or, with two-factor
 * login, for a missing or wrong code (`two-factor-required`, `two-factor-failed`); 429 when throttled.
 */
export async function logIn(email: string, password: string, code?: string): Promise<void> {
  accept(await adminRequest<SessionAnswer>("POST", "/api/auth/login", { email, password, ...(code ? { code } : {}) }));
}

/** For scripts' users: an API token instead of a login (ADMIN_TOKEN). */
export async function logInWithToken(token: string): Promise<void> {
  setAdminToken(token);
  set({ status: "loading" });
  await loadSession();
}

export async function logOut(): Promise<void> {
  if (adminToken()) setAdminToken(null);
  else await adminRequest("POST", "/api/auth/logout").catch(() => {});
  setCsrfToken(null);
  set({ status: "anonymous", tokenRejected: false });
}

/** A request answered 401: the session ended (expired, logged out elsewhere). Back to the login form. */
export function sessionEnded(): void {
  setCsrfToken(null);
  set({ status: "anonymous", tokenRejected: false });
}

whenUnauthorized(sessionEnded);

/** Viewers read; admins and teamleaders write (the server keeps teamleaders to their own teams). */
export const canWrite = (user: AdminUser | null): boolean => user !== null && user.role !== "viewer";
