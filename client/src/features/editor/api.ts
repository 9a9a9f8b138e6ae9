import type { VersionEntry } from "../../../../server/scans/editor.ts";
import { adminRequest, setCsrfToken } from "../../lib/admin-http.ts";

export type { VersionEntry } from "../../../../server/scans/editor.ts";

export interface Published {
  scan: string;
  version: number;
  status: "published" | "unchanged";
  warnings: number;
}

/** The editor is opened from the admin pages; a reload lands here directly, so fetch the CSRF token. */
export async function ensureSession(): Promise<{ role: string } | null> {
  try {
    const { user, csrfToken } = await adminRequest<{ user: { role: string }; csrfToken: string | null }>("GET", "/api/auth/session");
    setCsrfToken(csrfToken);
    return user;
  } catch {
    return null;
  }
}

export const fetchVersions = (scanId: string) =>
  adminRequest<{ versions: VersionEntry[] }>("GET", `/api/admin/scans/${encodeURIComponent(scanId)}/versions`).then((r) => r.versions);

export const fetchSource = (scanId: string, version: number) =>
  adminRequest<{ source: string }>("GET", `/api/admin/scans/${encodeURIComponent(scanId)}/versions/${version}/source`).then((r) => r.source);

export const publish = (source: string) => adminRequest<Published>("POST", "/api/admin/scans", { source });
