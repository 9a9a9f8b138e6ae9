import { render, unknownPlaceholders, type Placeholder } from "../lib/mail-placeholders.ts";
import { MailFrame } from "./mail-frame.tsx";
import { Notice } from "./notice.tsx";
import "./mail-fields.css";

/** A mail as the recipient will read it (the HTML part, as sent), with unknown placeholders pointed out. */
export function MailPreview({ subject, body, values }: { subject: string; body: string; values: Record<Placeholder, string> }) {
  const unknown = unknownPlaceholders(`${subject}\n${body}`);
  const mail = render({ subject, body }, values);
  return (
    <figure className="mail-preview" aria-label="Voorbeeld van de mail">
      <figcaption>Voorbeeld</figcaption>
      <p className="mail-preview-subject">
        <strong>Onderwerp:</strong> {mail.subject}
      </p>
      <MailFrame html={mail.html} title="Voorbeeld van de mail" />
      {unknown.length ? (
        <Notice kind="error" live="status">
          Onbekend: {unknown.map((u) => `{${u}}`).join(", ")}. Gebruik {"{naam} {scan} {ronde} {sluitdatum} {link}"}.
        </Notice>
      ) : null}
    </figure>
  );
}
