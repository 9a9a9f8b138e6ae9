import type { ApiError } from "../../../lib/http.ts";
import type { SyncStatus } from "../response-sync.ts";
import { texts, type Texts } from "../texts.ts";

export const offlineText = texts.nl.status.offline;

function statusText(status: SyncStatus, t: Texts): string {
  switch (status.kind) {
    case "idle":
      return t.status.idle;
    case "saving":
      return t.status.saving;
    case "saved":
      return t.status.saved;
    case "local-only":
      return t.status.localOnly;
    case "offline":
      return t.status.offline;
    case "submitting":
      return t.status.submitting;
    case "failed":
      return `${failureText(status.error, t)} ${t.status.failedSuffix}`;
  }
}

function failureText(error: ApiError, t: Texts): string {
  switch (error.code) {
    case "response-exists":
      return t.status.responseExists;
    case "already-submitted":
      return t.status.alreadySubmitted;
    case "round-closed":
      return t.status.roundClosed;
    case "invalid-answers":
      return t.status.invalid(error.issues.map((issue) => issue.field).join(", "));
    default:
      return t.status.other(error.status ? String(error.status) : t.status.unknown);
  }
}

/**
 * The line that tells the respondent whether their answers are safe, kept in view at the bottom
 * of the screen. It says "bewaard" only for what is: on the server once it has acknowledged,
 * otherwise on this device.
 */
export function SaveStatus({ status, t }: { status: SyncStatus; t: Texts }) {
  return (
    <p className={`save-status save-status--${status.kind}`} role="status" aria-live="polite" data-status={status.kind}>
      {statusText(status, t)}
    </p>
  );
}
