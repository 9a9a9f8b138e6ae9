/** Numbers in Dutch: "3,5", a dash where there is none, and response rates. */
export function nl(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined) return "–";
  return x.toLocaleString("nl-NL", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? "–" : `${Math.round(x * 100)}%`;
}

/** "40% (2 van 5)" for a round's response; "2 ingevuld" for an open link (no invited respondents). */
export function responseRate(submitted: number, respondents: number): string {
  if (respondents === 0) return submitted > 0 ? `${submitted} ingevuld` : "—";
  return `${Math.round((100 * submitted) / respondents)}% (${submitted} van ${respondents})`;
}
