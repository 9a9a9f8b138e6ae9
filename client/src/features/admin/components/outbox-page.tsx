// The outbox (admin): mails the app kept instead of sending (no SMTP server), each shown as its
// recipient would see it, links clickable.
import { useEffect, useState } from "react";
import { Button } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { MailFrame } from "../../../components/mail-frame.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { formatDateTime } from "../../../lib/format-date.ts";
import { mailKindName, reminderVariantNames } from "../../../lib/labels.ts";
import { fetchOutbox, type OutboxMail } from "../api.ts";
import "../admin.css";

const kindLabel = (m: OutboxMail) => {
  const kind = mailKindName(m.kind);
  const variant = m.variant ? reminderVariantNames[m.variant] : undefined;
  return variant ? `${kind} (${variant})` : kind;
};

export function OutboxPage() {
  // ?round=<id> (from a round's page): only that round's mails.
  const [roundId] = useState(() => new URLSearchParams(window.location.search).get("round"));
  const [mails, setMails] = useState<OutboxMail[] | null>(null);
  const [transport, setTransport] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    fetchOutbox(roundId).then(
      (r) => {
        setMails(r.mails);
        setTransport(r.transport);
      },
      () => setError("Het postvak uit kon niet worden geladen."),
    );
  }, [roundId]);
  const roundTitle = mails?.find((m) => m.roundTitle)?.roundTitle;

  return (
    <>
      <PageHeader
        title="Postvak uit"
        meta={
          transport === "smtp"
            ? "Mails gaan via de SMTP-server; hier staan alleen mails die in de app zijn bewaard."
            : "Er is geen SMTP-server ingesteld: mails worden hier bewaard in plaats van verstuurd."
        }
      />
      {roundId ? (
        <p>
          Alleen de mails van ronde {roundTitle ? `“${roundTitle}”` : "…"}. <a href="/admin/outbox">Alle mails</a>
        </p>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {!mails && !error ? <Loading /> : null}
      {mails && mails.length === 0 ? <p>Het postvak uit is leeg.</p> : null}
      {mails && mails.length > 0 ? (
        <ul className="outbox">
          {mails.map((m) => {
            const expanded = open === m.id;
            return (
              <li key={m.id} data-kind={m.kind}>
                <Card className="outbox-mail">
                  <h2 className="outbox-subject">
                    <Button variant="link" onClick={() => setOpen(expanded ? null : m.id)} aria-expanded={expanded}>
                      {m.subject ?? "(geen onderwerp)"}
                    </Button>
                  </h2>
                  <p className="outbox-meta">
                    <span className="badge">{kindLabel(m)}</span> aan {m.to ?? "onbekend"}
                    {m.roundTitle ? ` · ronde ${m.roundTitle}` : ""}
                    {m.sentAt ? ` · ${formatDateTime(m.sentAt)}` : ""}
                  </p>
                  {expanded ? (
                    m.html ? (
                      <MailFrame html={m.html} title={`Mail: ${m.subject ?? "zonder onderwerp"}`} />
                    ) : m.text ? (
                      <p className="mail-text">{m.text}</p>
                    ) : (
                      <p className="muted">De tekst is gewist toen de ronde sloot: hij bevatte de persoonlijke link.</p>
                    )
                  ) : null}
                </Card>
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}
