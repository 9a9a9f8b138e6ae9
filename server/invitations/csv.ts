// Respondents from a pasted or uploaded CSV: `name, e-mail, team`, with or without a header row,
// separated by commas, semicolons (Dutch Excel) or tabs. Bad rows are reported by line with the
// reason; good rows are kept. Quoting follows RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180),
// read by csv-parse; this file adds the delimiter guess, the line numbers and the Dutch reasons.
import { CsvError, parse } from "csv-parse/sync";
import { z } from "zod";

export interface CsvRespondent {
  line: number;
  name: string;
  email: string;
  team: string | null;
}

export const csvRowReasons = [
  "name-missing",
  "name-too-long",
  "email-missing",
  "email-invalid",
  "email-duplicate",
  "team-too-long",
  /** A scan answered by a team together gets one link per team (server/privacy/team-respondents.ts). */
  "team-duplicate",
  "too-many-columns",
  "quote-unclosed",
  "quote-invalid",
] as const;
export type CsvRowReason = (typeof csvRowReasons)[number];

export interface CsvRowError {
  line: number;
  reason: CsvRowReason;
  message: string;
}

export interface CsvResult {
  rows: CsvRespondent[];
  errors: CsvRowError[];
}

interface Record_ {
  line: number;
  cells: string[];
  /** Why the parser could not read this record, if it could not. */
  broken?: "quote-unclosed" | "quote-invalid";
}

function detectDelimiter(firstLine: string): string {
  const counts = [";", ",", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ",";
}

/**
 * The records of `text` (line breaks already "\n"), each with the line it starts on. A record the
 * parser cannot read is returned broken, and reading goes on from the line after it: text after a
 * closing quote (`"Jan"sen`) spoils one record, a quote never closed spoils the rest of the file.
 */
function records(text: string, delimiter: string): Record_[] {
  const out: Record_[] = [];
  let rest = text;
  // Lines before `rest`, and the last line of the last record read from it.
  let offset = 0;
  let end = 0;
  while (rest !== "") {
    try {
      parse(rest, {
        delimiter,
        record_delimiter: "\n",
        relax_quotes: true,
        relax_column_count: true,
        trim: true,
        on_record: (cells, { lines }) => {
          out.push({ line: offset + end + 1, cells: cells.map((c) => c.trim()) });
          end = lines;
          return null;
        },
      });
      break;
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      const line = offset + end + 1;
      if (err.code !== "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE") {
        out.push({ line, cells: [], broken: "quote-unclosed" });
        break;
      }
      out.push({ line, cells: [], broken: "quote-invalid" });
      // The error names the line (counted within `rest`) the record went wrong on: go on after it.
      const failedAt = Number(err.lines);
      rest = rest.split("\n").slice(failedAt).join("\n");
      offset += failedAt;
      end = 0;
    }
  }
  return out;
}

const emailSchema = z.email();
const headerNames = {
  name: ["naam", "name", "volledige naam"],
  email: ["e-mail", "email", "e-mailadres", "emailadres", "mail", "e-mail address"],
  team: ["team", "afdeling", "groep"],
};

/** Parses the CSV; `existing` holds the (lowercased) e-mail addresses already in the round. */
export function parseRespondentCsv(text: string, existing: ReadonlySet<string> = new Set()): CsvResult {
  // One line break, as an editor counts lines: CRLF, LF and a lone CR (old Mac Excel) alike.
  const clean = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const delimiter = detectDelimiter(clean.split("\n", 1)[0] ?? "");
  const all = records(clean, delimiter).filter((r) => r.broken || r.cells.some((c) => c !== ""));
  let columns = { name: 0, email: 1, team: 2 };
  let width = 3;
  const first = all[0];
  if (first) {
    const lower = first.cells.map((c) => c.toLowerCase());
    const find = (names: string[]) => lower.findIndex((c) => names.includes(c));
    const name = find(headerNames.name);
    const email = find(headerNames.email);
    if (name >= 0 && email >= 0) {
      const team = find(headerNames.team);
      columns = { name, email, team };
      width = first.cells.length;
      all.shift();
    }
  }
  const rows: CsvRespondent[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Map<string, number>();
  for (const record of all) {
    const fail = (reason: CsvRowReason, message: string) => errors.push({ line: record.line, reason, message });
    if (record.broken === "quote-unclosed") {
      fail("quote-unclosed", "een aanhalingsteken wordt niet gesloten");
      continue;
    }
    if (record.broken === "quote-invalid") {
      fail("quote-invalid", "tekst na een afsluitend aanhalingsteken; zet de hele cel tussen aanhalingstekens");
      continue;
    }
    if (record.cells.length > width && record.cells.slice(width).some((c) => c !== "")) {
      fail("too-many-columns", `meer dan ${width} kolommen; verwacht: naam, e-mail, team`);
      continue;
    }
    const name = record.cells[columns.name] ?? "";
    const email = (record.cells[columns.email] ?? "").toLowerCase();
    const teamCell = columns.team >= 0 ? (record.cells[columns.team] ?? "") : "";
    if (!name) fail("name-missing", "de naam ontbreekt");
    else if (name.length > 200) fail("name-too-long", "de naam is langer dan 200 tekens");
    else if (!email) fail("email-missing", "het e-mailadres ontbreekt");
    else if (email.length > 320 || !emailSchema.safeParse(email).success) {
      fail("email-invalid", `"${email}" is geen geldig e-mailadres`);
    } else if (existing.has(email)) fail("email-duplicate", `${email} staat al in deze ronde`);
    else if (seen.has(email)) fail("email-duplicate", `${email} staat ook op regel ${seen.get(email)}`);
    else if (teamCell.length > 200) fail("team-too-long", "de teamnaam is langer dan 200 tekens");
    else {
      seen.set(email, record.line);
      rows.push({ line: record.line, name, email, team: teamCell || null });
    }
  }
  return { rows, errors };
}
