import { useState } from "react";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { Notice } from "../../../components/notice.tsx";
import { ApiError } from "../../../lib/http.ts";
import { removeRespondent, type Recipient, type Removal } from "../api.ts";

/**
 * Asks before a respondent is removed, saying what goes. In an anonymous round their answers
 * are not linked to them (ARCHITECTURE.md), so the server cannot find them: the dialog says so.
 */
export function RemoveRespondentDialog({
  roundId,
  recipient,
  anonymous,
  onRemoved,
  onClose,
}: {
  roundId: string;
  recipient: Recipient;
  anonymous: boolean;
  onRemoved: (removal: Removal) => void;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = recipient.name;

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      onRemoved(await removeRespondent(roundId, recipient.id));
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 404
          ? `${name} staat niet (meer) in deze ronde.`
          : "Verwijderen is mislukt. Probeer het opnieuw.",
      );
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog title={`${name} verwijderen uit deze ronde?`} confirmLabel="Verwijderen" danger busy={busy} error={error} onConfirm={confirm} onClose={onClose}>
      <p>Dit wordt verwijderd:</p>
      <ul>
        <li>
          {name} ({recipient.email}) als respondent: {name} telt niet meer mee in de respons.
        </li>
        <li>De persoonlijke link: die werkt daarna niet meer.</li>
        <li>Mails aan {name}, ook die nog klaarstaan: die worden niet meer verstuurd.</li>
        {anonymous ? null : <li>De antwoorden van {name}, ingeleverd of half ingevuld: ze tellen niet meer mee in het rapport.</li>}
      </ul>
      {anonymous ? (
        <Notice kind="warning">
          Deze ronde is anoniem: antwoorden zijn niet aan personen gekoppeld, dus Peilstok kan de antwoorden van {name} niet vinden en
          niet verwijderen. Wat {name} al heeft ingeleverd, blijft in het rapport meetellen.
        </Notice>
      ) : null}
      <p>Dit kan niet ongedaan worden gemaakt.</p>
    </ConfirmDialog>
  );
}

/** What the page says after a removal. */
export function removalNotice(name: string, removal: Removal): string {
  const parts = [`${name} is verwijderd uit deze ronde.`];
  if (removal.deletedResponse === "submitted") parts.push("De ingeleverde antwoorden zijn verwijderd en tellen niet meer mee in het rapport.");
  if (removal.deletedResponse === "draft") parts.push("Het half ingevulde antwoord is verwijderd.");
  if (removal.reason === "anonymous-round") {
    parts.push("Deze ronde is anoniem: ingeleverde antwoorden zijn niet aan personen gekoppeld en blijven daarom in het rapport staan.");
  }
  if (removal.droppedMails > 0) {
    parts.push(removal.droppedMails === 1 ? "1 mail die klaarstond, wordt niet verstuurd." : `${removal.droppedMails} mails die klaarstonden, worden niet verstuurd.`);
  }
  return parts.join(" ");
}
