// How a cell goes into a CSV or XLSX export. Exports follow the Dutch spreadsheet convention:
// `;` between cells, a decimal comma and a byte-order mark, so a double click opens them right in
// a Dutch Excel (R: read.csv2; pandas: sep=";", decimal=","). Text that a spreadsheet would run as
// a formula is defused; migration 122 (`csv_safe`) keeps the same rule in SQL (the response-level
// export defuses respondents' names with it).

/** Starts a formula: =, +, -, @, a tab or a carriage return at the start of a cell. */
const formulaStart = /^[=+@\t\r-]/;
/** A formula after a separator that another locale's spreadsheet would split the cell at. */
const formulaAfterSeparator = /([;,\t\r\n][ \t\r\n]*)([=+@-])/g;

/** Text as it may go into any cell: a formula start gets a ' before it (the text is otherwise kept). */
export function safeText(text: string): string {
  formulaAfterSeparator.lastIndex = 0;
  if (!formulaStart.test(text) && !formulaAfterSeparator.test(text)) return text;
  return `'${text.replace(formulaAfterSeparator, "$1'$2")}`;
}

export type Cell = string | number | boolean | null;

/** One CSV cell: numbers with a decimal comma, text defused and quoted when needed. */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "ja" : "nee";
  if (typeof value === "number") return String(value).replace(".", ",");
  const safe = safeText(value);
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvBom = "\uFEFF";

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(";")}\r\n`;
}

/** A whole table with a header, as one string (for the small tables; the answers are streamed). */
export function csvTable<K extends string>(columns: readonly K[], rows: readonly Record<K, Cell>[]): string {
  return csvBom + csvLine(columns) + rows.map((row) => csvLine(columns.map((c) => row[c]))).join("");
}

/** An XLSX cell: numbers and booleans as they are, text defused like in the CSV. */
export function xlsxCell(value: Cell): string | number | boolean | null {
  return typeof value === "string" ? safeText(value) : value;
}
