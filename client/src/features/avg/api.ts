// AVG requests about one e-mail address (server/lifecycle/routes.ts, admins only): everything the
// app holds about it, and erasing it.
import type { Erasure, SubjectExport } from "../../../../server/lifecycle/subject.ts";
import { adminRequest } from "../../lib/admin-http.ts";

export type { Erasure, SubjectExport };

/** The export, once: the page shows a summary of it and downloads the same data as a file. */
export const fetchSubject = (email: string) => adminRequest<SubjectExport>("GET", `/api/admin/privacy/subject?email=${encodeURIComponent(email)}`);

/** `confirm` is the address typed a second time; the server refuses when it differs. */
export const eraseSubject = (email: string, confirm: string) => adminRequest<Erasure>("POST", "/api/admin/privacy/subject/erase", { email, confirm });

/** Hands the export to the browser as a JSON file (avg-inzage-<address>-<date>.json). */
export function downloadSubject(data: SubjectExport): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  const who = data.verzoek.emailadres.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");
  link.href = url;
  link.download = `avg-inzage-${who}-${data.verzoek.opgesteldOp.slice(0, 10)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the address is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
