// The Dutch mail texts, editable per round. Placeholders are `{naam}`, `{scan}`, `{ronde}`,
// `{sluitdatum}` and `{link}`; a mail is sent as plain text plus HTML built from the same text.
import { z } from "zod";

export const textKinds = ["invitation", "reminderNotStarted", "reminderStarted"] as const;
export type TextKind = (typeof textKinds)[number];

export const mailTextSchema = z.object({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(10_000),
});
export type MailText = z.infer<typeof mailTextSchema>;

export const mailTextsSchema = z.object({
  invitation: mailTextSchema.optional(),
  reminderNotStarted: mailTextSchema.optional(),
  reminderStarted: mailTextSchema.optional(),
});
export type MailTexts = z.infer<typeof mailTextsSchema>;

export const placeholders = ["naam", "scan", "ronde", "sluitdatum", "link"] as const;
export type Placeholder = (typeof placeholders)[number];

export const defaultTexts: Record<TextKind, MailText> = {
  invitation: {
    subject: "Uitnodiging: {scan}",
    body: [
      "Beste {naam},",
      "Je bent uitgenodigd om de {scan} in te vullen ({ronde}). Dat kan tot {sluitdatum} via je persoonlijke link:",
      "{link}",
      "Deze link is alleen voor jou; stuur hem niet door. Je kunt tussendoor stoppen: je antwoorden worden bewaard.",
      "Met vriendelijke groet,\nPeilstok",
    ].join("\n\n"),
  },
  reminderNotStarted: {
    subject: "Herinnering: {scan}",
    body: [
      "Beste {naam},",
      "Je hebt de {scan} ({ronde}) nog niet ingevuld. Je mening telt mee: vul de vragenlijst in vóór {sluitdatum} via je persoonlijke link:",
      "{link}",
      "Heb je hem net ingevuld? Dan kun je dit bericht negeren.",
      "Met vriendelijke groet,\nPeilstok",
    ].join("\n\n"),
  },
  reminderStarted: {
    subject: "Bijna klaar: {scan}",
    body: [
      "Beste {naam},",
      "Je bent begonnen aan de {scan} ({ronde}), maar je antwoorden zijn nog niet verstuurd. Je antwoorden zijn bewaard; via je persoonlijke link ga je verder waar je gebleven was:",
      "{link}",
      "Rond het af vóór {sluitdatum}, dan tellen je antwoorden mee.",
      "Met vriendelijke groet,\nPeilstok",
    ].join("\n\n"),
  },
};

export type Values = Record<Placeholder, string>;

const placeholder = /\{(naam|scan|ronde|sluitdatum|link)\}/g;

export function formatCloseDate(date: Date): string {
  return new Intl.DateTimeFormat("nl-NL", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Fills the placeholders; the HTML escapes both the text and the values, and links `{link}`. */
export function render(template: MailText, values: Values): RenderedMail {
  const fill = (s: string) => s.replace(placeholder, (_, name: Placeholder) => values[name]);
  const subject = fill(template.subject).replace(/[\r\n]+/g, " ");
  const text = fill(template.body);
  const paragraphs = template.body.split(/\n{2,}/).map((para) => {
    const html = escapeHtml(para).replace(placeholder, (_, name: Placeholder) =>
      name === "link"
        ? `<a href="${escapeHtml(values.link)}">${escapeHtml(values.link)}</a>`
        : escapeHtml(values[name]),
    );
    return `<p>${html.replace(/\n/g, "<br>")}</p>`;
  });
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5">${paragraphs.join("")}</body></html>`;
  return { subject, text, html };
}

export function textFor(kind: TextKind, texts: MailTexts | null | undefined): MailText {
  return texts?.[kind] ?? defaultTexts[kind];
}
