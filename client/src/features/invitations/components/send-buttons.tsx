import { useEffect, useState } from "react";
import { AppLink, Button, ButtonRow } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { Notice } from "../../../components/notice.tsx";
import type { AdminUser } from "../../../lib/admin-session.ts";
import { formatTime } from "../../../lib/format-date.ts";
import { ApiError } from "../../../lib/http.ts";
import { count } from "../../../lib/labels.ts";
import { remindNow, sendInvitations, type Queued, type Recipients } from "../api.ts";

const remindable = new Set(["invited", "opened", "started"]);

const withoutLinkText = (n: number) =>
  `Voor ${n === 1 ? "1 respondent" : `${n} respondenten`} is de persoonlijke link gewist toen de ronde sloot: ` +
  "daarom kan er geen uitnodiging of herinnering met die link meer worden verstuurd. Een link die zij al hebben, blijft werken.";

const cappedText = (n: number) =>
  `${n === 1 ? "1 respondent kreeg" : `${n} respondenten kregen`} geen herinnering: zij kregen er in de afgelopen 24 uur al een (of al vijf in totaal).`;

type Kind = "invitations" | "reminders";

/**
 * When "remind now" becomes available, in this browser's clock: the server says from when (a
 * minute after the last invitations), measured against its own clock.
 */
function useRemindableAt(recipients: Recipients): Date | null {
  const [at, setAt] = useState<Date | null>(null);
  useEffect(() => {
    if (!recipients.remindableFrom) return setAt(null);
    const wait = new Date(recipients.remindableFrom).getTime() - new Date(recipients.now).getTime();
    setAt(wait > 0 ? new Date(Date.now() + wait) : null);
  }, [recipients.remindableFrom, recipients.now]);
  // Offer the button again once the minute is over, without waiting for the next refresh.
  useEffect(() => {
    if (!at) return;
    const timer = window.setTimeout(() => setAt(null), Math.max(0, at.getTime() - Date.now()) + 250);
    return () => window.clearTimeout(timer);
  }, [at]);
  return at;
}

/**
 * "Uitnodigingen versturen" (admin) and "Stuur nu een herinnering" (admin, teamleader), each
 * after a confirmation that says how many people get a mail. No reminder in the same minute as
 * the invitations: the page says from when it can.
 */
export function SendButtons({ roundId, user, recipients, onSent }: { roundId: string; user: AdminUser; recipients: Recipients; onSent: () => void }) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<Kind | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const notInvited = recipients.recipients.filter((r) => r.state === "not-invited" && r.linkKept).length;
  const toRemind = recipients.recipients.filter((r) => remindable.has(r.state) && r.linkKept).length;
  const withoutLink = recipients.recipients.filter((r) => r.state !== "submitted" && !r.linkKept).length;
  const outbox = recipients.transport === "outbox";
  const remindAt = useRemindableAt(recipients);

  async function run(kind: Kind) {
    setBusy(true);
    setNotice(null);
    setError(null);
    const what =
      kind === "invitations"
        ? (n: number) => `${n === 1 ? "1 uitnodiging staat" : `${n} uitnodigingen staan`} klaar om te versturen.`
        : (n: number) => (n === 0 ? "Er was niemand om te herinneren." : `${n === 1 ? "1 herinnering staat" : `${n} herinneringen staan`} klaar om te versturen.`);
    try {
      const result: Queued = await (kind === "invitations" ? sendInvitations(roundId) : remindNow(roundId));
      const skipped = [
        result.withoutLink > 0 ? withoutLinkText(result.withoutLink) : null,
        result.capped > 0 ? cappedText(result.capped) : null,
      ].filter(Boolean);
      setNotice([what(result.queued), ...skipped].join(" "));
      onSent();
    } catch (e) {
      if (e instanceof ApiError && e.code === "reminder-cap") {
        setError(
          "Er is niets verstuurd: iedereen die nog niet heeft geantwoord, kreeg in de afgelopen 24 uur al een herinnering " +
            "(of al vijf in totaal). Zo krijgt niemand te veel mail.",
        );
      } else if (e instanceof ApiError && e.code === "links-deleted") {
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
      setConfirming(null);
    }
  }

  const reminderWait = remindAt ? `Herinneren kan vanaf ${formatTime(remindAt)}.` : null;
  return (
    <Card title="Versturen" className="send-buttons">
      <ButtonRow>
        {user.role === "admin" ? (
          <Button disabled={busy || notInvited === 0} onClick={() => setConfirming("invitations")}>
            Uitnodigingen versturen{notInvited ? ` (${notInvited})` : ""}
          </Button>
        ) : null}
        <Button
          variant={user.role === "admin" ? "secondary" : "primary"}
          disabled={busy || toRemind === 0 || reminderWait !== null}
          aria-describedby={reminderWait ? "reminder-wait" : undefined}
          onClick={() => setConfirming("reminders")}
        >
          Stuur nu een herinnering{toRemind ? ` (${toRemind})` : ""}
        </Button>
      </ButtonRow>
      {reminderWait ? (
        <p id="reminder-wait" className="hint-inline" role="status">
          {reminderWait} Zo krijgt niemand een uitnodiging en een herinnering tegelijk.
        </p>
      ) : null}
      <p className="muted">
        Herinneringen gaan alleen naar wie is uitgenodigd en nog niet heeft ingevuld.
        {outbox ? " Er is geen SMTP-server ingesteld: mails komen in het postvak uit van de app." : ""}
      </p>
      {withoutLink > 0 ? <p className="muted">{withoutLinkText(withoutLink)}</p> : null}
      {notice ? (
        <Notice kind="success">
          {notice}{" "}
          {outbox && user.role === "admin" ? <AppLink href={`/admin/outbox?round=${encodeURIComponent(roundId)}`}>Bekijk het postvak uit</AppLink> : null}
        </Notice>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {confirming === "invitations" ? (
        <ConfirmDialog
          title={`${count(notInvited, "uitnodiging", "uitnodigingen")} versturen?`}
          confirmLabel={`${count(notInvited, "uitnodiging", "uitnodigingen")} versturen`}
          busy={busy}
          onConfirm={() => void run("invitations")}
          onClose={() => setConfirming(null)}
        >
          <p>
            {notInvited === 1 ? "De respondent die nog geen uitnodiging kreeg, krijgt" : `De ${notInvited} respondenten die nog geen uitnodiging kregen, krijgen`}{" "}
            nu een mail met hun persoonlijke link. Een verstuurde mail kan niet worden teruggehaald.
          </p>
        </ConfirmDialog>
      ) : null}
      {confirming === "reminders" ? (
        <ConfirmDialog
          title={`${count(toRemind, "herinnering", "herinneringen")} versturen?`}
          confirmLabel={`${count(toRemind, "herinnering", "herinneringen")} versturen`}
          busy={busy}
          onConfirm={() => void run("reminders")}
          onClose={() => setConfirming(null)}
        >
          <p>
            {toRemind === 1 ? "De respondent die nog niet heeft ingevuld, krijgt" : `De ${toRemind} respondenten die nog niet hebben ingevuld, krijgen`} nu een
            herinnering met hun persoonlijke link.
          </p>
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}
