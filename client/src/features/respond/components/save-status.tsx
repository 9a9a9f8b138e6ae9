import type { ApiError } from "../../../lib/http.ts";
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
      return `${failureText(status.error)} Je antwoorden staan wel op dit apparaat.`;
  }
}

function failureText(error: ApiError): string {
  switch (error.code) {
    case "response-exists":
      return "Deze link is ook op een ander apparaat in gebruik. Laad de pagina opnieuw om verder te gaan.";
    case "already-submitted":
      return "Je antwoorden zijn al verstuurd. Laad de pagina opnieuw om ze te bekijken.";
    case "round-closed":
      return "De ronde is gesloten; opslaan op de server kan niet meer.";
    case "invalid-answers": {
      const fields = error.issues.map((issue) => issue.field).join(", ");
      return `De server accepteerde niet alle antwoorden${fields ? ` (${fields})` : ""}.`;
    }
    default:
      return `Opslaan op de server lukte niet (fout ${error.status || "onbekend"}).`;
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
