import { useEffect, useState } from "react";
import { formatDateTime } from "../../../lib/format-date.ts";
import { fetchOutbox, type OutboxMail } from "../api.ts";

export function OutboxPage() {
  const [mails, setMails] = useState<OutboxMail[] | null>(null);
  const [transport, setTransport] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    fetchOutbox().then(
      (r) => {
        setMails(r.mails);
        setTransport(r.transport);
      },
      () => setError("Het postvak uit kon niet worden geladen."),
    );
  }, []);

  if (error) return <p className="admin-error" role="alert">{error}</p>;
  if (!mails) return <p className="page-loading">Laden…</p>;
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">Postvak uit</h1>
      <p className="admin-hint">
        {transport === "smtp"
          ? "Mails gaan via de SMTP-server; hier staan alleen mails die in de app zijn bewaard."
          : "Er is geen SMTP-server ingesteld: mails worden hier bewaard in plaats van verstuurd."}
      </p>
      {mails.length === 0 ? <p>Het postvak uit is leeg.</p> : null}
      <ul className="outbox">
        {mails.map((m) => (
          <li key={m.id}>
            <button type="button" className="link-button" onClick={() => setOpen(open === m.id ? null : m.id)} aria-expanded={open === m.id}>
              {m.subject ?? "(geen onderwerp)"}
            </button>{" "}
            aan {m.to ?? "?"} · {m.kind}
            {m.sentAt ? ` · ${formatDateTime(m.sentAt)}` : ""}
            {open === m.id ? (
              m.text === null ? (
                <p className="admin-hint">De tekst is gewist toen de ronde sloot: hij bevatte de persoonlijke link.</p>
              ) : (
                <pre className="mail-text">{m.text}</pre>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
