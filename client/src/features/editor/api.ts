import type { VersionEntry } from "../../../../server/scans/editor.ts";
import type { Draft, DraftSummary } from "../../../../server/scans/drafts.ts";
import { adminRequest } from "../../lib/admin-http.ts";

export type { VersionEntry } from "../../../../server/scans/editor.ts";
export type { Draft, DraftSummary } from "../../../../server/scans/drafts.ts";

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

export const fetchDrafts = () => adminRequest<{ drafts: DraftSummary[] }>("GET", "/api/admin/scan-drafts").then((r) => r.drafts);

export const fetchDraft = (id: string) => adminRequest<Draft>("GET", `/api/admin/scan-drafts/${encodeURIComponent(id)}`);

export const createDraft = (source: string) => adminRequest<Draft>("POST", "/api/admin/scan-drafts", { source });

export const saveDraft = (id: string, source: string) => adminRequest<Draft>("PUT", `/api/admin/scan-drafts/${encodeURIComponent(id)}`, { source });

export const deleteDraft = (id: string) => adminRequest<void>("DELETE", `/api/admin/scan-drafts/${encodeURIComponent(id)}`);

export const publishDraft = (id: string) => adminRequest<Published>("POST", `/api/admin/scan-drafts/${encodeURIComponent(id)}/publish`);
