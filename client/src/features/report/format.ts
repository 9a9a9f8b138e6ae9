import { formatDate, formatDay } from "../../lib/format-date.ts";

/** "3 maart 2026": a timestamp's day in the server's time zone; a calendar day ("2026-03-03") as it is. */
export function date(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDay(iso) : formatDate(iso);
}
