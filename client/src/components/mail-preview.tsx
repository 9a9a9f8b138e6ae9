import { fillPlaceholders, unknownPlaceholders, type Placeholder } from "../lib/mail-placeholders.ts";
import "./mail-fields.css";

/** A mail as the recipient will read it (plain text), with unknown placeholders pointed out. */
export function MailPreview({ subject, body, values }: { subject: string; body: string; values: Record<Placeholder, string> }) {
  const unknown = unknownPlaceholders(`${subject}\n${body}`);
  return (
    <figure className="mail-preview" aria-label="Voorbeeld van de mail">
      <figcaption>Voorbeeld</figcaption>
      <p className="mail-preview-subject">
        <strong>Onderwerp:</strong> {fillPlaceholders(subject, values).replace(/[\r\n]+/g, " ")}
      </p>
      <pre className="mail-text">{fillPlaceholders(body, values)}</pre>
      {unknown.length ? (
        <p className="admin-error" role="status">
          Onbekend: {unknown.map((u) => `{${u}}`).join(", ")}. Gebruik {"{naam} {scan} {ronde} {sluitdatum} {link}"}.
        </p>
      ) : null}
    </figure>
  );
}
