// Where mails go: an SMTP server through nodemailer when SMTP_URL is set, otherwise the outbox
// (the mails table itself), which an admin reads in the app.
import nodemailer from "nodemailer";
import type { RenderedMail } from "./mail-templates.ts";

export interface OutgoingMail extends RenderedMail {
  to: string;
  /** Deterministic, so a mail sent again after an ambiguous crash can be recognised. */
  messageId: string;
}

export type SendOutcome =
  | { status: "sent" | "outbox" }
  /** `permanent`: the server refused the recipient or message (5xx); retrying will not help. */
  | { status: "error"; permanent: boolean; message: string };

export interface MailTransport {
  kind: "smtp" | "outbox";
  send(mail: OutgoingMail): Promise<SendOutcome>;
  close(): void;
}

export const outboxTransport: MailTransport = {
  kind: "outbox",
  send: async () => ({ status: "outbox" }),
  close() {},
};

export interface SmtpConfig {
  url: string;
  from: string;
  /** Parallel SMTP connections (nodemailer's pool). */
  connections?: number;
}

export function smtpTransport(config: SmtpConfig): MailTransport {
  const transporter = nodemailer.createTransport({
    url: config.url,
    pool: true,
    maxConnections: config.connections ?? 3,
    maxMessages: Infinity,
  });
  return {
    kind: "smtp",
    async send(mail) {
      try {
        await transporter.sendMail({
          from: config.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: { "Auto-Submitted": "auto-generated" },
        });
        return { status: "sent" };
      } catch (err) {
        const e = err as { responseCode?: number; message?: string };
        const permanent = typeof e.responseCode === "number" && e.responseCode >= 500;
        return { status: "error", permanent, message: (e.message ?? String(err)).slice(0, 500) };
      }
    },
    close: () => transporter.close(),
  };
}

export function createTransport(smtpUrl: string | undefined, from: string): MailTransport {
  return smtpUrl ? smtpTransport({ url: smtpUrl, from }) : outboxTransport;
}
