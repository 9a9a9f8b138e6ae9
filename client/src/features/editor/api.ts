import type { VersionEntry } from "../../../../server/scans/editor.ts";
import { adminRequest } from "../../lib/admin-http.ts";

export type { VersionEntry } from "../../../../server/scans/editor.ts";

export interface Published {
  scan: string;
  version: number;
  status: "published" | "unchanged";
  warnings: number;
}

export const fetchVersions = (scanId: string) =>
  adminRequest<{ versions: VersionEntry[] }>("GET", `/api/admin/scans/${encodeURIComponent(scanId)}/versions`).then((r) => r.versions);

export const fetchSource = (scanId: string, version: number) =>
  adminRequest<{ source: string }>("GET", `/api/admin/scans/${encodeURIComponent(scanId)}/versions/${version}/source`).then((r) => r.source);

export const publish = (source: string) => adminRequest<Published>("POST", "/api/admin/scans", { source });
