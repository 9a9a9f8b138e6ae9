// Exports in long format: one row per group × round × item, with current, desired and gap.
// The minimum group size applies exactly as in the report: withheld rows carry a note, no numbers.
import ExcelJS from "exceljs";
import type { ScoringModel } from "../../dsl/model.ts";
import type { Sql } from "../db/connect.ts";
import { findReportRound, seriesRounds } from "./tallies.ts";
import { notFound } from "../lib/errors.ts";
import { disclosureText } from "../privacy/disclosure.ts";
import { compiledLoader, loadRound, teamLabel, type DisclosedRound, type LoadCompiled } from "./round-report.ts";

export const exportColumns = [
  "scan",
  "scan_version",
  "round_id",
  "round_title",
  "round_opens_at",
  "group",
  "responses",
  "theme",
  "item",
  "item_title",
  "n",
  "current",
  "desired",
  "gap",
  "note",
] as const;

export type ExportRow = Record<(typeof exportColumns)[number], string | number | null>;

export interface ExportData {
  model: ScoringModel;
  scan: { id: string; version: number; checksum: string };
  rounds: DisclosedRound[];
  rows: ExportRow[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;

function rowsOf(d: DisclosedRound): ExportRow[] {
  const { round, model } = d;
  const rows: ExportRow[] = [];
  const numeric = model.items.filter((i) => i.kind === "rate" || i.kind === "step" || i.kind === "pair");
  for (const g of d.groups) {
    const group = g.isTotal ? "Hele ronde" : teamLabel(g.team);
    const groupNote = disclosureText(g.disclosure);
    for (const item of numeric) {
      const scale = model.scales.find((s) => s.id === item.scale);
      const mean = (side: "current" | "desired" | null) => {
        const f = g.stats.fields.find((x) => x.item === item.id && x.side === side);
        if (!f || f.n === 0) return null;
        const m = f.sum / f.n;
        return r2(item.reverse && scale ? scale.min + scale.max - m : m);
      };
      const sides = item.kind === "pair" ? (["current", "desired"] as const) : ([null] as const);
      const withheld = g.withheld.find((w) => w.item === item.id);
      const n = Math.max(0, ...sides.map((s) => g.stats.fields.find((x) => x.item === item.id && x.side === s)?.n ?? 0));
      const current = mean(item.kind === "pair" ? "current" : null);
      const desired = item.kind === "pair" ? mean("desired") : null;
      rows.push({
        scan: round.scan_id,
        scan_version: round.version,
        round_id: round.id,
        round_title: round.title,
        round_opens_at: round.opens_at.toISOString().slice(0, 10),
        group,
        responses: g.responses,
        theme: item.theme,
        item: item.id,
        item_title: item.title.nl,
        n: groupNote ? null : n,
        current,
        desired,
        gap: current !== null && desired !== null ? r2(desired - current) : null,
        note: groupNote ?? (withheld ? disclosureText(withheld.disclosure) : null),
      });
    }
  }
  return rows;
}

/** The rounds of the round's series up to and including it, in long format. */
export async function exportData(sql: Sql, roundId: string, load: LoadCompiled = compiledLoader(sql)): Promise<ExportData> {
  const row = await findReportRound(sql, roundId);
  if (!row) throw notFound(`round ${roundId}`);
  const series = await seriesRounds(sql, row);
  const upTo = series.slice(0, series.findIndex((r) => r.id === row.id) + 1);
  const rounds = await Promise.all(upTo.map((r) => loadRound(sql, r, load)));
  const model = rounds[rounds.length - 1]!.model;
  return {
    model,
    scan: { id: row.scan_id, version: row.version, checksum: row.checksum },
    rounds,
    rows: rounds.flatMap(rowsOf),
  };
}

/** A cell as RFC 4180 wants it; text that a spreadsheet would run as a formula is defused. */
function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(data: ExportData): string {
  const lines = [exportColumns.join(",")];
  for (const row of data.rows) lines.push(exportColumns.map((c) => csvCell(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

const columnDocs: Record<(typeof exportColumns)[number], string> = {
  scan: "Id van de scan",
  scan_version: "Versie van de scan waarop de ronde is afgenomen (versies veranderen nooit)",
  round_id: "Id van de ronde",
  round_title: "Naam van de ronde",
  round_opens_at: "Datum waarop de ronde openging",
  group: "Hele ronde, of één team",
  responses: "Aantal ingevulde scans in de groep",
  theme: "Id van het thema",
  item: "Id van de vraag of stelling",
  item_title: "Tekst van de vraag of stelling",
  n: "Aantal antwoorden op deze vraag in de groep",
  current: "Gemiddelde score (bij huidig/gewenst: de huidige situatie); omgekeerde vragen zijn teruggerekend",
  desired: "Gemiddelde gewenste situatie (alleen bij huidig/gewenst-stellingen)",
  gap: "Kloof: gewenst − huidig",
  note: "Waarom er geen cijfers staan (minimale groepsgrootte)",
};

export async function toXlsx(data: ExportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Peilstok";
  const sheet = wb.addWorksheet("Gegevens");
  sheet.columns = exportColumns.map((c) => ({ header: c, key: c, width: c === "item_title" ? 60 : c === "note" ? 40 : 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const row of data.rows) sheet.addRow(row);

  const book = wb.addWorksheet("Codeboek");
  book.columns = [
    { header: "veld", key: "field", width: 22 },
    { header: "betekenis", key: "meaning", width: 90 },
  ];
  book.getRow(1).font = { bold: true };
  book.addRow({ field: "scan", meaning: `${data.model.title.nl} (${data.scan.id})` });
  book.addRow({ field: "scanversie", meaning: `${data.scan.version} (checksum ${data.scan.checksum})` });
  book.addRow({ field: "minimale groepsgrootte", meaning: data.rounds.map((r) => `${r.round.title}: ${r.min}`).join("; ") });
  book.addRow({ field: "geëxporteerd", meaning: new Date().toISOString() });
  book.addRow({});
  for (const c of exportColumns) book.addRow({ field: c, meaning: columnDocs[c] });
  book.addRow({});
  const header = book.addRow({ field: "item", meaning: "thema · soort · schaal · tekst" });
  header.font = { bold: true };
  for (const item of data.model.items) {
    const scale = data.model.scales.find((s) => s.id === item.scale);
    const theme = data.model.themes.find((t) => t.id === item.theme)?.title.nl ?? item.theme;
    const scaleText = scale
      ? `${scale.min}–${scale.max}${scale.labels.length ? ` (${scale.labels.map((l) => `${l.value} = ${l.text.nl}`).join(", ")})` : ""}`
      : "";
    const flags = [item.reverse ? "omgekeerd gescoord" : "", item.discriminating ? "discriminerend" : ""].filter(Boolean).join(", ");
    book.addRow({
      field: item.id,
      meaning: [theme, item.kind, scaleText, item.title.nl, flags].filter(Boolean).join(" · "),
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
