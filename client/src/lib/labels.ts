// The Dutch words for the API's codes (roles, states, mail kinds), in one place so that every page
// says the same. The API speaks English codes; no page shows one.
import type { AdminRole } from "./admin-session.ts";

export const roleNames: Record<AdminRole, string> = { admin: "beheerder", teamleader: "teamleider", viewer: "lezer" };

export type RoundState = "open" | "closed" | "not-yet-open";

export const roundStateNames: Record<RoundState, string> = { open: "loopt", closed: "gesloten", "not-yet-open": "nog niet open" };

export type MailKind = "invitation" | "reminder" | "series-due";

export const mailKindNames: Record<MailKind, string> = {
  invitation: "uitnodiging",
  reminder: "herinnering",
  "series-due": "melding: volgende ronde",
};

/** A reminder's wording: for those who have not started, or who started and did not submit. */
export const reminderVariantNames: Record<string, string> = {
  "not-started": "nog niet begonnen",
  started: "begonnen, niet afgerond",
};

/** A mail kind the API may add later still reads as Dutch. */
export const mailKindName = (kind: string): string => mailKindNames[kind as MailKind] ?? "mail";

/** "1 uitnodiging", "6 uitnodigingen". */
export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString("nl-NL")} ${n === 1 ? one : many}`;
}
