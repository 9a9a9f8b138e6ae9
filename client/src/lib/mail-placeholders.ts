// The placeholders of the mail texts, filled the way the server fills them
// (server/invitations/mail-templates.ts), for previews on the admin pages.
export const placeholders = ["naam", "scan", "ronde", "sluitdatum", "link"] as const;
export type Placeholder = (typeof placeholders)[number];

const pattern = /\{(naam|scan|ronde|sluitdatum|link)\}/g;

export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
  return text.replace(pattern, (_, name: Placeholder) => values[name]);
}

/** Words in braces that are not placeholders: most likely typos ("{name}"). */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(placeholders);
  return [...new Set([...text.matchAll(/\{([^{}\s]{1,30})\}/g)].map((m) => m[1]!))].filter((n) => !known.has(n));
}

/** The close date as the mails write it: "3 maart 2026 om 17:00", Dutch time. */
export function mailCloseDate(iso: string): string {
  return new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }).format(new Date(iso));
}
