// Minimum group size. A number is shown for a group only when at least `min` responses stand
// behind it, and never when it could be subtracted from another shown number to give the
// answers of fewer than `min` people (team A+B shown and team A shown reveal team B).
import type { AnsweredBy } from "./answered-by.ts";
import { absoluteMinGroupSize } from "./floor.ts";
import { formatCloseDate } from "../invitations/mail-render.ts";
import { defaultTimeZone } from "../lib/env.ts";

/** Why numbers are or are not shown for a group or a field. */
export type Disclosure =
  | { status: "shown" }
  /** Fewer than the minimum answered: `needed` more answers would show it. */
  | { status: "too-few"; needed: number }
  /** Enough answered, but showing it would reveal a smaller group by subtraction. */
  | { status: "complement"; needed: number }
  /** The round is still open: shown once it closes (ISO date-time). */
  | { status: "until-closed"; closesAt: string };

export const shown: Disclosure = { status: "shown" };

/**
 * The minimum for a round: the larger of the round's own and the organisation's floor (a round
 * made before the floor was raised gets the new floor), never below 3. A scan answered by a team
 * together is one shared response per team by design, and exempt.
 */
export function minimumGroupSize(who: AnsweredBy, roundMin: number, floor: number): number {
  return who === "team" ? 1 : Math.max(absoluteMinGroupSize, floor, roundMin);
}

/**
 * Whether a round's numbers may be shown yet. While a round is open, two looks at its report
 * before and after one more response would give that response by subtraction, so numbers appear
 * when the round closes (answers can no longer change then). A team-consensus scan is exempt.
 */
export function resultsReleased(round: { closes_at: Date }, who: AnsweredBy, now = new Date()): boolean {
  return who === "team" || now >= round.closes_at;
}

/**
 * Decides which of a total and its parts (disjoint groups that add up to the total) may be shown.
 * Parts below the minimum are hidden; if the hidden rest (total − shown parts) is then between 1
 * and min − 1 people, the smallest shown parts are hidden too until the rest is safe, because the
 * rest would otherwise follow by subtraction.
 */
export function discloseParts<K>(
  total: number,
  parts: ReadonlyMap<K, number>,
  min: number,
): { total: Disclosure; parts: Map<K, Disclosure> } {
  const result = new Map<K, Disclosure>();
  if (total < min) {
    for (const [key, n] of parts) result.set(key, { status: "too-few", needed: Math.max(1, min - n) });
    return { total: { status: "too-few", needed: min - total }, parts: result };
  }
  const open = [...parts].filter(([, n]) => n >= min).sort((a, b) => a[1] - b[1]);
  for (const [key, n] of parts) if (n < min) result.set(key, { status: "too-few", needed: min - n });
  let rest = total - open.reduce((a, [, n]) => a + n, 0);
  // A single part equal to the total is the total itself: nothing to subtract.
  while (rest > 0 && rest < min && open.length > 0) {
    const [key, n] = open.shift()!;
    result.set(key, { status: "complement", needed: min - rest });
    rest += n;
  }
  for (const [key] of open) result.set(key, shown);
  return { total: shown, parts: result };
}

/** "Nog 3 antwoorden nodig" for a disclosure that hides numbers. */
export function disclosureText(d: Disclosure): string | null {
  switch (d.status) {
    case "shown":
      return null;
    case "too-few":
      return `Nog ${d.needed} ${d.needed === 1 ? "antwoord" : "antwoorden"} nodig voordat deze uitkomsten getoond worden.`;
    case "until-closed":
      return `De uitkomsten verschijnen als de ronde sluit (${formatCloseDate(new Date(d.closesAt), defaultTimeZone)}): wie het rapport vóór en na één nieuw antwoord bekijkt, zou dat antwoord anders kunnen afleiden.`;
    case "complement":
      return `Niet apart getoond: samen met de andere uitkomsten zou dit de antwoorden van een te kleine groep verraden (nog ${d.needed} ${d.needed === 1 ? "antwoord" : "antwoorden"} nodig).`;
  }
}
