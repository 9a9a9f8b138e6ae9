// Exports of a round (with the earlier rounds of its series): the aggregated table (one row per
// group × round × item, or per answer option), the codebook, and the response-level table
// (server/reports/answer-export.ts). The minimum group size applies exactly as in the report: a
// team whose numbers the report withholds is absent, and a withheld question carries a note.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Condition, ItemModel, ScoringModel } from "../../dsl/model.ts";
import { summariseItems, type ItemSummary } from "../../dsl/aggregators/item-summary.ts";
import type { Sql } from "../db/connect.ts";
import { findReportRound, seriesRounds } from "./tallies.ts";
import { notFound } from "../lib/errors.ts";
import { disclosureText } from "../privacy/disclosure.ts";
import { compiledLoader, loadRound, teamLabel, type DisclosedRound, type LoadCompiled } from "./round-report.ts";
import { answerColumns, answerRows, type AnswerExportOptions } from "./answer-export.ts";
import { csvLine, csvBom, csvTable, xlsxCell, type Cell } from "./export-cells.ts";

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
  "kind",
  "discriminating",
  "reverse",
  "option",
  "n",
  "count",
  "share",
  "current",
  "desired",
  "gap",
  "wants_more",
  "note",
] as const;

export type ExportRow = Record<(typeof exportColumns)[number], Cell>;

export const codebookColumns = ["part", "id", "theme", "kind", "text", "scale", "labels", "reverse", "discriminating", "in_theme_gap", "shown_if"] as const;
export type CodebookRow = Record<(typeof codebookColumns)[number], Cell>;

export interface ExportData {
  model: ScoringModel;
  scan: { id: string; version: number; checksum: string };
  rounds: DisclosedRound[];
  rows: ExportRow[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const yesNo = (b: boolean) => (b ? "ja" : "nee");

const kindNames: Record<ItemModel["kind"], string> = {
  rate: "score",
  pair: "huidig/gewenst",
  step: "trede",
  choice: "keuze",
  multi: "meerkeuze",
  yesno: "ja/nee",
  text: "open",
};

function rowsOf(d: DisclosedRound): ExportRow[] {
  const { round, model } = d;
  const rows: ExportRow[] = [];
  for (const g of d.groups) {
    // A team the report withholds is absent; the whole round stays, with the reason.
    if (!g.isTotal && g.disclosure.status !== "shown") continue;
    const groupNote = disclosureText(g.disclosure);
    const withheld = new Set(g.withheld.map((w) => w.item));
    const summaries = new Map(summariseItems(model, g.stats, withheld).map((s) => [s.item, s]));
    const base = (item: ItemModel) => ({
      scan: round.scan_id,
      scan_version: round.version,
      round_id: round.id,
      round_title: round.title,
      round_opens_at: round.opens_at.toISOString().slice(0, 10),
      group: g.isTotal ? "Hele ronde" : teamLabel(g.team),
      responses: g.responses,
      theme: item.theme,
      item: item.id,
      item_title: item.title.nl,
      kind: kindNames[item.kind],
      discriminating: yesNo(item.discriminating),
      reverse: yesNo(item.reverse),
      option: null,
      n: null,
      count: null,
      share: null,
      current: null,
      desired: null,
      gap: null,
      wants_more: null,
      note: null,
    });
    for (const item of model.items) {
      const s = summaries.get(item.id)!;
      const hidden = groupNote ?? (s.withheld ? disclosureText(g.withheld.find((w) => w.item === item.id)!.disclosure) : null);
      if (hidden) {
        rows.push({ ...base(item), note: hidden });
        continue;
      }
      rows.push(...summaryRows(s).map((r) => ({ ...base(item), ...r })));
    }
  }
  return rows;
}

function summaryRows(s: ItemSummary): Partial<ExportRow>[] {
  switch (s.type) {
    case "scale":
      return [{ n: s.answers.n, current: s.answers.mean }];
    case "pair":
      return [
        {
          n: Math.max(s.current.n, s.desired.n),
          current: s.current.mean,
          desired: s.desired.mean,
          gap: s.gap,
          wants_more: s.wantsMore ? r3(s.wantsMore.share) : null,
        },
      ];
    case "options":
      return s.distribution.map((o) => ({ option: o.label, n: s.n, count: o.count, share: s.n === 0 ? null : r3(o.share) }));
    case "text":
      return [{ n: s.n }];
  }
}

/** The rounds of the round's series up to and including it, disclosed and in long format. */
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

export function toCsv(data: ExportData): string {
  return csvTable(exportColumns, data.rows);
}

const columnDocs: Record<(typeof exportColumns)[number], string> = {
  scan: "Id van de scan",
  scan_version: "Versie van de scan waarop de ronde is afgenomen (versies veranderen nooit)",
  round_id: "Id van de ronde",
  round_title: "Naam van de ronde",
  round_opens_at: "Datum waarop de ronde openging",
  group: "Hele ronde, of één team (een team onder de minimale groepsgrootte ontbreekt)",
  responses: "Aantal ingevulde scans in de groep",
  theme: "Id van het thema",
  item: "Id van de vraag of stelling",
  item_title: "Tekst van de vraag of stelling",
  kind: "Soort vraag: score, huidig/gewenst, trede, keuze, meerkeuze, ja/nee of open",
  discriminating: "ja: een discriminerende stelling (bewust tegengesteld geformuleerd)",
  reverse: "ja: omgekeerd gescoord; de waarden hier zijn zoals beantwoord, alleen de themacijfers van het rapport rekenen ze om",
  option: "Bij keuze, meerkeuze en ja/nee: het antwoord waarover deze regel gaat",
  n: "Aantal respondenten dat de vraag beantwoordde (bij open vragen: het aantal antwoorden)",
  count: "Bij keuze, meerkeuze en ja/nee: hoe vaak dit antwoord gekozen is",
  share: "count / n (bij meerkeuze kan een respondent meer antwoorden kiezen)",
  current: "Gemiddelde zoals beantwoord (bij huidig/gewenst: de huidige situatie)",
  desired: "Gemiddelde gewenste situatie zoals beantwoord (alleen bij huidig/gewenst)",
  gap: "Kloof: gewenst − huidig",
  wants_more: "Aandeel respondenten met gewenst hoger dan huidig (0–1)",
  note: "Waarom er geen cijfers staan (minimale groepsgrootte, of de ronde is nog open)",
};

const answerDocs: Record<string, string> = {
  respondent: "Pseudoniem per ingevulde scan: zelfde code = zelfde respondent in deze export; niet terug te voeren op een naam",
  name: "Naam van de respondent (alleen voor beheerders, alleen in rondes die niet anoniem zijn)",
  round_id: "Id van de ronde",
  round_title: "Naam van de ronde",
  scan: "Id van de scan",
  scan_version: "Versie van de scan",
  team: "Team van de respondent; leeg als het team kleiner is dan de minimale groepsgrootte (of er geen teams zijn)",
  theme: "Id van het thema",
  item: "Id van de vraag",
  kind: "Soort vraag",
  side: "Bij huidig/gewenst: current (huidig) of desired (gewenst)",
  value: "Het antwoord: een getal op de schaal, de waarde van een keuze (bij meerkeuze één regel per gekozen antwoord) of de tekst van een open antwoord",
  label: "De omschrijving van het antwoord (schaalwoord of keuzetekst)",
};

/** The codebook: the scan, its notes, every column, every item with its wording, kind, scale and flags. */
export function codebook(data: ExportData, exportedAt = new Date()): CodebookRow[] {
  const { model } = data;
  const empty = { id: null, theme: null, kind: null, text: null, scale: null, labels: null, reverse: null, discriminating: null, in_theme_gap: null, shown_if: null };
  const rows: CodebookRow[] = [
    { ...empty, part: "scan", id: data.scan.id, text: `${model.title.nl}, versie ${data.scan.version} (checksum ${data.scan.checksum})` },
    ...data.rounds.map((r) => ({
      ...empty,
      part: "ronde",
      id: r.round.id,
      text: `${r.round.title}: ${r.round.opens_at.toISOString().slice(0, 10)} – ${r.round.closes_at.toISOString().slice(0, 10)}, ${r.round.anonymous ? "anoniem" : "niet anoniem"}, minimale groepsgrootte ${r.min}`,
    })),
    { ...empty, part: "export", text: `Gemaakt op ${exportedAt.toISOString()}. CSV: ; tussen de cellen, decimale komma, UTF-8.` },
    ...model.notes.map((n) => ({ ...empty, part: "noot", text: n.nl })),
    ...exportColumns.map((c) => ({ ...empty, part: "kolom (gegevens)", id: c, text: columnDocs[c] })),
    ...Object.entries(answerDocs).map(([c, text]) => ({ ...empty, part: "kolom (antwoorden)", id: c, text })),
  ];
  const discriminatingInTheme = model.aggregators.some((a) => a.name === "gap" && a.params["discriminating"] === "in-theme");
  for (const item of model.items) {
    const scale = model.scales.find((s) => s.id === item.scale);
    const labels = scale
      ? scale.labels.map((l) => `${l.value} = ${l.text.nl}`).join(" | ")
      : item.options
        ? item.options.map((o) => `${o.value} = ${o.text.nl}`).join(" | ")
        : (item.fields[0]?.values ?? []).join(" | ");
    rows.push({
      part: "vraag",
      id: item.id,
      theme: item.theme,
      kind: kindNames[item.kind],
      text: item.title.nl,
      scale: scale ? `${scale.id} ${scale.min}–${scale.max}${scale.ladder ? " (ladder)" : ""}` : null,
      labels: labels || null,
      reverse: yesNo(item.reverse),
      discriminating: yesNo(item.discriminating),
      in_theme_gap: item.kind === "pair" ? yesNo(!item.discriminating || discriminatingInTheme) : null,
      shown_if: item.showIf ? conditionText(item.showIf) : null,
    });
  }
  return rows;
}

/** A condition as the scan file writes it: `positie < 4`, `a = ja en b = nee`, `niet (…)`. */
function conditionText(c: Condition): string {
  if ("all" in c) return c.all.map((x) => ("field" in x ? conditionText(x) : `(${conditionText(x)})`)).join(" en ");
  if ("any" in c) return c.any.map((x) => ("field" in x ? conditionText(x) : `(${conditionText(x)})`)).join(" of ");
  if ("not" in c) return `niet (${conditionText(c.not)})`;
  return `${c.field} ${c.op} ${c.value}`;
}

export function codebookCsv(data: ExportData): string {
  return csvTable(codebookColumns, codebook(data));
}

/** A name column only where some round has names to show: never in an export of anonymous rounds. */
function withNames(data: ExportData, options: AnswerExportOptions): AnswerExportOptions {
  return { names: options.names && data.rounds.some((r) => !r.round.anonymous) };
}

/** The response-level table as CSV, streamed: the header, then the rows the database writes. */
export function answersCsv(sql: Sql, data: ExportData, asked: AnswerExportOptions): Readable {
  const options = withNames(data, asked);
  const out = new PassThrough();
  const columns = answerColumns(options);
  out.write(csvBom + csvLine(columns));
  answerRows(sql, data, options, { format: "csv", write: (chunk) => write(out, chunk) })
    .then(() => out.end())
    .catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/** Waits for the reader when the stream's buffer is full; stops when the reader went away. */
async function write(out: PassThrough, chunk: string | Buffer): Promise<void> {
  if (out.destroyed) throw new Error("the export's reader went away");
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", gone);
      resolve();
    };
    const gone = () => {
      out.off("drain", done);
      reject(new Error("the export's reader went away"));
    };
    out.once("drain", done);
    out.once("close", gone);
  });
}

/** Excel allows 1,048,576 rows per sheet; longer answer tables continue on the next sheet. */
const sheetRows = 1_048_575;

/**
 * The workbook, streamed: "Gegevens" (aggregated), "Antwoorden" (one row per answer, continued
 * on "Antwoorden 2" … when longer than a sheet), "Codeboek". Strings are written inline, so
 * memory stays flat however many rows there are.
 */
export function toXlsx(sql: Sql, data: ExportData, asked: AnswerExportOptions): Readable {
  const options = withNames(data, asked);
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  wb.creator = "Peilstok";
  const run = async () => {
    const sheetWith = (name: string, columns: readonly string[], widths: Record<string, number> = {}) => {
      const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
      ws.columns = columns.map((c) => ({ header: c, key: c, width: widths[c] ?? 14 }));
      ws.getRow(1).font = { bold: true };
      return ws;
    };
    const data1 = sheetWith("Gegevens", exportColumns, { item_title: 60, note: 40, round_title: 24 });
    for (const row of data.rows) data1.addRow(exportColumns.map((c) => xlsxCell(row[c]))).commit();
    data1.commit();

    const columns = answerColumns(options);
    let sheetNumber = 1;
    let rowsInSheet = 0;
    const answerWidths = { value: 40, label: 30, round_title: 24 };
    let sheet = sheetWith("Antwoorden", columns, answerWidths);
    const numeric = new Set([kindNames.rate, kindNames.pair, kindNames.step]);
    const kindAt = columns.indexOf("kind");
    const valueAt = columns.indexOf("value");
    await answerRows(sql, data, options, {
      format: "rows",
      write: async (rows) => {
        for (const row of rows) {
          if (rowsInSheet === sheetRows) {
            sheet.commit();
            sheet = sheetWith(`Antwoorden ${++sheetNumber}`, columns, answerWidths);
            rowsInSheet = 0;
          }
          const cells: Cell[] = [...row];
          if (numeric.has(String(cells[kindAt])) && /^-?\d+$/.test(String(cells[valueAt]))) cells[valueAt] = Number(cells[valueAt]);
          sheet.addRow(cells.map((c) => (c === "" ? null : c))).commit();
          rowsInSheet++;
        }
        // Let the zip stream drain before the next batch.
        if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
      },
    });
    sheet.commit();

    const book = sheetWith("Codeboek", codebookColumns, { text: 90, labels: 50 });
    for (const row of codebook(data)) book.addRow(codebookColumns.map((c) => xlsxCell(row[c]))).commit();
    book.commit();
    await wb.commit();
  };
  run().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

export { kindNames };
