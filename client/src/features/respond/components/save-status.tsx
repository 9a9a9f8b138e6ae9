import type { SyncStatus } from "../response-sync.ts";

export const offlineText =
  "Geen verbinding — je antwoorden worden bewaard op dit apparaat en verstuurd zodra de server weer bereikbaar is";

function statusText(status: SyncStatus): string {
  switch (status.kind) {
    case "idle":
      return "";
    case "saving":
      return "Opslaan…";
    case "saved":
      return "Opgeslagen";
    case "local-only":
      return "Wijzigingen bewaard op dit apparaat. Druk op ‘Verzenden’ om ze te versturen.";
    case "offline":
      return offlineText;
    case "submitting":
      return "Versturen…";
    case "failed":
      return `Opslaan op de server lukte niet (${status.error.message}). Je antwoorden staan wel op dit apparaat.`;
  }
}

/** The small line that tells the respondent whether their answers are safe. */
export function SaveStatus({ status }: { status: SyncStatus }) {
  const text = statusText(status);
  return (
    <p className={`save-status save-status--${status.kind}`} role="status" aria-live="polite" data-status={status.kind}>
      {text}
    </p>
  );
}
