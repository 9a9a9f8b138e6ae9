// Dates and times as every page shows them: Dutch, in the time zone the server names (TIME_ZONE,
// handed to the admin pages with the session; Europe/Amsterdam until then), with the zone said
// wherever a time of day is shown. Formatting is Intl's; nothing here builds a date string by hand.

export const defaultTimeZone = "Europe/Amsterdam";

let zone = defaultTimeZone;
let formats = makeFormats(zone);

function makeFormats(timeZone: string) {
  return {
    dateTime: new Intl.DateTimeFormat("nl-NL", {
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
      timeZone,
    }),
    date: new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone }),
    time: new Intl.DateTimeFormat("nl-NL", { hour: "2-digit", minute: "2-digit", timeZoneName: "short", timeZone }),
    parts: new Intl.DateTimeFormat("en-CA", {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZone,
    }),
  };
}

/** Switches every formatter to `timeZone` (an IANA name); an unknown name keeps the current zone. */
export function setTimeZone(timeZone: string): void {
  if (timeZone === zone) return;
  try {
    formats = makeFormats(timeZone);
    zone = timeZone;
  } catch {
    // RangeError: the browser does not know the zone; keep the one we have.
  }
}

export function timeZone(): string {
  return zone;
}

const parse = (value: string | Date) => (value instanceof Date ? value : new Date(value));

/** "3 maart 2026 om 14:05 CET"; the input is an ISO timestamp from the API. */
export function formatDateTime(value: string | Date): string {
  const date = parse(value);
  return Number.isNaN(date.getTime()) ? String(value) : formats.dateTime.format(date);
}

/** "3 maart 2026", the day in the configured zone. */
export function formatDate(value: string | Date): string {
  const date = parse(value);
  return Number.isNaN(date.getTime()) ? String(value) : formats.date.format(date);
}

/** "14:05 CET". */
export function formatTime(value: string | Date): string {
  const date = parse(value);
  return Number.isNaN(date.getTime()) ? String(value) : formats.time.format(date);
}

/** The wall-clock fields of `date` in the configured zone. */
function wallClock(date: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(formats.parts.formatToParts(date).find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The value of an `<input type="datetime-local">` that shows `date` in the configured zone. */
export function toZonedInput(date: Date): string {
  const w = wallClock(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * The instant an `<input type="datetime-local">` value means in the configured zone (not the
 * browser's), as an ISO string; null for an empty or malformed value. Around a DST change the
 * offset of the resulting instant is used, as most calendars do.
 */
export function fromZonedInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // The zone's offset at a guess, then at the corrected guess (they differ only across a DST change).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess));
    const offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - guess;
    guess = asUtc - offset;
  }
  return new Date(guess).toISOString();
}

/** The zone's name for a reader: "Midden-Europese tijd" (falls back to the IANA name). */
export function timeZoneLabel(): string {
  try {
    const name = new Intl.DateTimeFormat("nl-NL", { timeZoneName: "longGeneric", timeZone: zone })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value;
    return name && !name.startsWith("GMT") ? name : zone;
  } catch {
    return zone;
  }
}

const calendarDay = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "3 maart 2026" for a calendar day ("2026-03-03", e.g. a due date), the same day in every zone. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : calendarDay.format(date);
}
