// Filling a mail text's placeholders into the plain text and HTML that are sent. Pure (no zod, no
// Node), so the admin pages' previews show exactly what a respondent receives.

export const placeholders = ["naam", "scan", "ronde", "sluitdatum", "link"] as const;
export type Placeholder = (typeof placeholders)[number];

export interface MailText {
  subject: string;
  body: string;
}

export type Values = Record<Placeholder, string>;

const placeholder = /\{(naam|scan|ronde|sluitdatum|link)\}/g;

/** "3 maart 2026 om 17:00 CET": the zone is named, as on the admin pages. */
export function formatCloseDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("nl-NL", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
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
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5;overflow-wrap:anywhere">${paragraphs.join("")}</body></html>`;
  return { subject, text, html };
}

