// Times on the pages: in the server's zone, with the zone named; date-time inputs read in that zone.
import { afterEach, describe, expect, test } from "vitest";
import { defaultTimeZone, formatDate, formatDateTime, formatTime, fromZonedInput, setTimeZone, toZonedInput } from "../client/src/lib/format-date.ts";
import { wrapLabel } from "../client/src/lib/charts.ts";

afterEach(() => setTimeZone(defaultTimeZone));

describe("dates and times", () => {
  test("show Amsterdam time with its zone, winter and summer", () => {
    expect(formatDateTime("2026-03-03T13:05:00Z")).toBe("3 maart 2026 om 14:05 CET");
    expect(formatDateTime("2026-07-03T13:05:00Z")).toBe("3 juli 2026 om 15:05 CEST");
    expect(formatTime("2026-07-03T13:05:00Z")).toBe("15:05 CEST");
    // Just before midnight UTC is already the next day in Amsterdam.
    expect(formatDate("2026-03-03T23:30:00Z")).toBe("4 maart 2026");
  });

  test("follow the configured zone, and keep the current one for a zone the browser does not know", () => {
    setTimeZone("America/New_York");
    expect(formatDateTime("2026-07-03T13:05:00Z")).toBe("3 juli 2026 om 09:05 EDT");
    setTimeZone("Nergens/Nooit");
    expect(formatTime("2026-07-03T13:05:00Z")).toBe("09:05 EDT");
  });

  test("read a date-time input in the configured zone, not the browser's, also across a DST change", () => {
    expect(fromZonedInput("2026-03-03T14:05")).toBe("2026-03-03T13:05:00.000Z");
    expect(fromZonedInput("2026-07-03T15:05")).toBe("2026-07-03T13:05:00.000Z");
    // The night the clocks go forward (29 March 2026, 02:00 → 03:00) and back (25 October, 03:00 → 02:00).
    expect(fromZonedInput("2026-03-29T03:30")).toBe("2026-03-29T01:30:00.000Z");
    expect(fromZonedInput("2026-10-25T04:00")).toBe("2026-10-25T03:00:00.000Z");
    expect(toZonedInput(new Date("2026-07-03T13:05:00Z"))).toBe("2026-07-03T15:05");
    setTimeZone("America/New_York");
    expect(fromZonedInput("2026-07-03T09:05")).toBe("2026-07-03T13:05:00.000Z");
    expect(fromZonedInput("")).toBeNull();
    expect(fromZonedInput("morgen")).toBeNull();
  });
});

test("chart labels wrap at spaces within the width, a long word stays whole", () => {
  expect(wrapLabel("Spin in het web: verbindend", 12)).toEqual(["Spin in het", "web:", "verbindend"]);
  expect(wrapLabel("Organisatiecultuur", 8)).toEqual(["Organisatiecultuur"]);
  expect(wrapLabel("Missie", 20)).toEqual(["Missie"]);
});
