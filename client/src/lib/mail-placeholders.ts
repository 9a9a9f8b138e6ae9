// The mail texts' placeholders, filled by the same code as the server's (server/invitations/
// mail-render.ts), so a preview on the admin pages is the mail a respondent receives.
import { formatCloseDate, placeholders, render, type Placeholder, type RenderedMail } from "../../../server/invitations/mail-render.ts";
import { timeZone } from "./format-date.ts";

export { placeholders, render, type Placeholder, type RenderedMail };

/** Words in braces that are not placeholders: most likely typos ("{name}"). */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(placeholders);
  return [...new Set([...text.matchAll(/\{([^{}\s]{1,30})\}/g)].map((m) => m[1]!))].filter((n) => !known.has(n));
}

/** The close date as the mails write it: "3 maart 2026 om 17:00 CET", in the server's time zone. */
export function mailCloseDate(iso: string): string {
  return formatCloseDate(new Date(iso), timeZone());
}
