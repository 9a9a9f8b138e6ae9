/** Dutch numbers for reports: "3,5"; a dash where there is no number. */
export function nl(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined) return "–";
  return x.toLocaleString("nl-NL", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? "–" : `${Math.round(x * 100)}%`;
}
