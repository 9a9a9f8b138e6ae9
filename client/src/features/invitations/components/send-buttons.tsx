import { useState } from "react";
import { ApiError } from "../../../lib/http.ts";
import { followLink } from "../../../lib/navigate.ts";
import { remindNow, sendInvitations, type Queued, type Recipients, type User } from "../api.ts";

const remindable = new Set(["invited", "opened", "started"]);

const withoutLinkText = (n: number) =>
  `Voor ${n === 1 ? "1 respondent" : `${n} respondenten`} is de persoonlijke link gewist toen de ronde sloot: ` +
  "daarom kan er geen uitnodiging of herinnering met die link meer worden verstuurd. Een link die zij al hebben, blijft werken.";

/** "Uitnodigingen versturen" (admin) and "Stuur nu een herinnering" (admin, teamleader). */
export function SendButtons({ roundId, user, recipients, onSent }: { roundId: string; user: User; recipients: Recipients; onSent: () => void }) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const notInvited = recipients.recipients.filter((r) => r.state === "not-invited" && r.linkKept).length;
  const toRemind = recipients.recipients.filter((r) => remindable.has(r.state) && r.linkKept).length;
  const withoutLink = recipients.recipients.filter((r) => r.state !== "submitted" && !r.linkKept).length;
  const outbox = recipients.transport === "outbox";

  async function run(action: () => Promise<Queued>, what: (n: number) => string) {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      const { queued, withoutLink } = await action();
      setNotice(withoutLink > 0 ? `${what(queued)} ${withoutLinkText(withoutLink)}` : what(queued));
      onSent();
    } catch (e) {
      if (e instanceof ApiError && e.code === "links-deleted") {
        setError(
          "Er is niets verstuurd: de persoonlijke links van deze respondenten zijn gewist toen de ronde sloot, " +
            "dus geen mail kan hun link nog bevatten. Een link die zij al hebben, blijft werken.",
        );
        onSent();
      } else {
        setError("Versturen is mislukt. Probeer het opnieuw.");
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="send-title" className="send-buttons">
      <h2 id="send-title">Versturen</h2>
      <div className="button-row">
        {user.role === "admin" ? (
          <button
            type="button"
            disabled={busy || notInvited === 0}
            onClick={() => run(() => sendInvitations(roundId), (n) => `${n === 1 ? "1 uitnodiging staat" : `${n} uitnodigingen staan`} klaar om te versturen.`)}
          >
            Uitnodigingen versturen{notInvited ? ` (${notInvited})` : ""}
          </button>
        ) : null}
        <button
          type="button"
          disabled={busy || toRemind === 0}
          onClick={() =>
            run(() => remindNow(roundId), (n) => (n === 0 ? "Er was niemand om te herinneren." : `${n === 1 ? "1 herinnering staat" : `${n} herinneringen staan`} klaar om te versturen.`))
          }
        >
          Stuur nu een herinnering{toRemind ? ` (${toRemind})` : ""}
        </button>
      </div>
      <p className="admin-hint">
        Herinneringen gaan alleen naar wie is uitgenodigd en nog niet heeft ingevuld.
        {outbox ? " Er is geen SMTP-server ingesteld: mails komen in het postvak uit van de app." : ""}
      </p>
      {withoutLink > 0 ? <p className="admin-hint">{withoutLinkText(withoutLink)}</p> : null}
      {notice ? (
        <p className="admin-notice" role="status">
          {notice}{" "}
          {outbox && user.role === "admin" ? (
            <a href={`/admin/outbox`} onClick={followLink}>
              Bekijk het postvak uit
            </a>
          ) : null}
        </p>
      ) : null}
      {error ? (
        <p className="admin-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
