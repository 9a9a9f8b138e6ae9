// Who is logged in, for pages outside the admin app (reports, series) that show or hide write
// buttons by role. Also hands the CSRF token to admin-http, so those pages can write.
import { adminRequest, setCsrfToken } from "./admin-http.ts";
import { ApiError } from "./http.ts";

export type AdminRole = "admin" | "teamleader" | "viewer";

export interface AdminUser {
  email: string;
  name: string;
  role: AdminRole;
  teams: string[];
}

/** The logged-in account, or null when nobody is (401). */
export async function fetchAdminUser(): Promise<AdminUser | null> {
  try {
    const { user, csrfToken } = await adminRequest<{ user: AdminUser; csrfToken: string | null }>("GET", "/api/auth/session");
    setCsrfToken(csrfToken);
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Viewers read; admins and teamleaders write (the server keeps teamleaders to their own teams). */
export const canWrite = (user: AdminUser | null): boolean => user !== null && user.role !== "viewer";
