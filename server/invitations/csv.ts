// Respondents from a pasted or uploaded CSV: `name, e-mail, team`, with or without a header row,
// separated by commas, semicolons (Dutch Excel) or tabs. Bad rows are reported by line with the
// reason; good rows are kept. Quoting follows RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180).
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
  unclosed: boolean;
}

function detectDelimiter(firstLine: string): string {
  const counts = [";", ",", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ",";
}

function records(text: string, delimiter: string): Record_[] {
  const out: Record_[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    let unclosed = false;
    for (;;) {
      if (i >= n) {
        if (quoted) unclosed = true;
        cells.push(cell);
        break;
      }
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (ch === "\n") line++;
          cell += ch;
          i++;
        }
      } else if (ch === '"' && cell.trim() === "") {
        quoted = true;
        cell = "";
        i++;
      } else if (ch === delimiter) {
        cells.push(cell);
        cell = "";
        i++;
      } else if (ch === "\r" || ch === "\n") {
        cells.push(cell);
        i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
        line++;
        break;
      } else {
        cell += ch;
        i++;
      }
    }
    out.push({ line: start, cells: cells.map((c) => c.trim()), unclosed });
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
  const clean = text.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(clean.split(/\r?\n/, 1)[0] ?? "");
  const all = records(clean, delimiter).filter((r) => r.cells.some((c) => c !== ""));
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
    if (record.unclosed) {
      fail("quote-unclosed", "een aanhalingsteken wordt niet gesloten");
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
