// Every shipped scan, a round filled with answers of every kind it has, exported to CSV and XLSX
// and read back: each answer once, no names where the round is anonymous, formula-like text
// defused, and a team below the minimum group size absent.
import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NOT_APPLICABLE, type CompiledScan, type ItemModel } from "../dsl/model.ts";
import type { App } from "../server/app.ts";
import { parse } from "csv-parse/sync";
import { answersFor as answersOf, type AnswerData } from "./support/answers.ts";
import { safeText } from "../server/reports/export-cells.ts";
import { sessionAs, type TestSession } from "./support/accounts.ts";
import { adminToken, compileScanFile, createRoundVia, publishAs, send, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

const admin = { authorization: `Bearer ${adminToken}` };

/** Answers a spreadsheet would run as formulas, and harmless ones with separators. */
const texts = [
  '=HYPERLINK("http://example.org/x";"klik")',
  "+31 6 12345678",
  "-minder overleg graag",
  "@teamleider graag reageren",
  "\tingesprongen",
  "prima; =1+1 daarna",
  "Gewoon een antwoord, met een komma en \"aanhalingstekens\"",
  "Meer tijd voor netwerkgesprekken",
];
const triggers = /^[=+@\t\r-]/;

/** Our CSV as text, checking it starts with the byte-order mark Excel needs to read UTF-8. */
async function csvText(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
}

/** Reads our CSV: `;` between cells, RFC 4180 quoting. */
function parseCsv(body: string): Record<string, string>[] {
  return parse(body, { delimiter: ";", columns: true, relax_column_count: true });
}

type Data = AnswerData;

/** Exports' answers: n.v.t. ticked now and then, desired one above current, texts that need neutralising. */
const answersFor = (items: ItemModel[], n: number): Data =>
  answersOf(items, n, { markEvery: 5, desiredShift: () => 1, text: (m, k) => texts[(m + k) % texts.length]! });

/** What the export should hold for one response: item, side and value of every answer. */
function expectedRows(items: ItemModel[], data: Data): string[] {
  const rows: string[] = [];
  for (const item of items) {
    for (const field of item.fields) {
      const value = data[field.name];
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) {
        rows.push(`${item.id}|${field.side ?? ""}|${typeof v === "string" && !field.values ? safeText(v) : v}`);
      }
    }
  }
  return rows.sort();
}

const scanFiles = (await readdir("scans")).filter((f) => f.endsWith(".scan")).sort();

describe.each(backends)("exports of every shipped scan on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let teamleader: TestSession;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    teamleader = await sessionAs(app, db.sql, "teamleader", ["Academie"]);
  });
  afterAll(async () => db?.close());

  async function get(path: string, headers: Record<string, string> = admin): Promise<Response> {
    const res = await app.request(path, { headers });
    expect(res.status, path).toBe(200);
    return res;
  }

  test.each(scanFiles)("%s: CSV and XLSX hold every answer once, defused, without small teams", async (file) => {
    const { compiled } = await compileScanFile(`scans/${file}`);
    const { scanId } = await publishAs(db.sql, compiled as CompiledScan);
    const items = compiled.model.items;
    const kinds = new Set(items.map((i) => i.kind));
    const individual = compiled.model.answeredBy !== "team";
    // Individuals: team Alfa (6) is shown; Bravo (5) would reveal Charlie (2) by subtraction, so
    // both are withheld. A team scan has one shared link per team, and no minimum.
    const teams = individual
      ? ([...Array(6).fill("Alfa"), ...Array(5).fill("Bravo"), ...Array(2).fill("Charlie")] as string[])
      : ["Alfa", "Bravo", "Charlie"];
    const people = teams.map((team, i) => ({ name: `Respondent${i}X`, email: `resp${i}-${randomUUID().slice(0, 6)}@example.org`, team }));
    const round = await createRoundVia(app, { scanId, group: "Academie", respondents: people } as never);
    const submitted: Data[] = [];
    for (const [i, token] of round.tokens.entries()) {
      const data = answersFor(items, i);
      const res = await send(app, "POST", `/api/respond/${token}/submit`, { responseId: randomUUID(), data });
      expect(res.status, await res.clone().text()).toBe(200);
      submitted.push(data);
    }
    await db.sql`update rounds set closes_at = now() - interval '1 second', opens_at = now() - interval '2 days' where id = ${round.round.id}`;
    const base = `/api/admin/reports/rounds/${round.round.id}`;
    const anonymous = compiled.model.anonymous;

    // Response level, CSV.
    const answersText = await csvText(await get(`${base}/answers.csv`));
    const answers = parseCsv(answersText);
    const byRespondent = new Map<string, string[]>();
    for (const row of answers) {
      byRespondent.set(row["respondent"]!, [...(byRespondent.get(row["respondent"]!) ?? []), `${row["item"]}|${row["side"]}|${row["value"]}`]);
    }
    expect(byRespondent.size).toBe(submitted.length);
    const got = [...byRespondent.values()].map((rows) => rows.sort().join("\n")).sort();
    const want = submitted.map((data) => expectedRows(items, data).join("\n")).sort();
    expect(got).toEqual(want);
    // Rows come in respondent-key order, not in the order of submission.
    const keys = answers.map((r) => r["respondent"]!);
    expect([...keys].sort()).toEqual(keys);
    // Every kind the scan has, with its label where it has one.
    expect(new Set(answers.map((r) => r["kind"]))).toEqual(
      new Set([...kinds].map((k) => ({ rate: "score", pair: "huidig/gewenst", step: "trede", choice: "keuze", multi: "meerkeuze", yesno: "ja/nee", text: "open" })[k])),
    );
    for (const row of answers.filter((r) => r["kind"] === "meerkeuze" || r["kind"] === "keuze")) expect(row["label"]).not.toBe("");
    // "Not applicable" ticked on a rating item is exported as its mark, with the scan's label.
    const notApplicable = compiled.model.scales.find((s) => s.notApplicable)?.notApplicable;
    if (notApplicable) {
      const marked = answers.filter((r) => r["value"] === NOT_APPLICABLE);
      expect(marked.length).toBeGreaterThan(0);
      for (const row of marked) expect(row["label"]).toBe(safeText(notApplicable.nl));
    }
    // Formula-like cells are defused; nothing in the file starts a formula.
    for (const row of answers) for (const cell of Object.values(row)) expect(cell, JSON.stringify(row)).not.toMatch(triggers);
    if (kinds.has("text")) expect(answers.some((r) => r["value"] === `'${texts[0]}`)).toBe(true);
    // Teams below the minimum (or revealing one by subtraction) are absent; names only as the round allows.
    if (individual) {
      expect(new Set(answers.map((r) => r["team"]))).toEqual(new Set(["Alfa", ""]));
      expect(answersText).not.toMatch(/Bravo|Charlie/);
    }
    if (anonymous) {
      expect(answersText).not.toMatch(/Respondent\dX|@example\.org/);
      expect(Object.keys(answers[0]!)).not.toContain("name");
    } else {
      expect(new Set(answers.map((r) => r["name"]))).toEqual(new Set(people.map((p) => p.name)));
      const asLeader = await csvText(await get(`${base}/answers.csv`, teamleader.headers()));
      expect(asLeader).not.toMatch(/Respondent\dX|@example\.org/);
      expect(parseCsv(asLeader)).toHaveLength(answers.length);
    }

    // Aggregated CSV: every item of the shown groups; the withheld teams absent.
    const aggregated = parseCsv(await csvText(await get(`${base}/export.csv`)));
    const groups = new Set(aggregated.map((r) => r["group"]));
    expect(groups.has("Hele ronde")).toBe(true);
    expect([...groups].sort()).toEqual(individual ? ["Hele ronde", "Team Alfa"] : ["Hele ronde", "Team Alfa", "Team Bravo", "Team Charlie"]);
    expect(new Set(aggregated.filter((r) => r["group"] === "Hele ronde").map((r) => r["item"]))).toEqual(new Set(items.map((i) => i.id)));
    for (const row of aggregated) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]/);

    // Codebook: the notes, and every item with its flags.
    const codebook = parseCsv(await csvText(await get(`${base}/codebook.csv`)));
    for (const note of compiled.model.notes) expect(codebook.some((r) => r["part"] === "noot" && r["text"] === safeText(note.nl))).toBe(true);
    expect(codebook.filter((r) => r["part"] === "vraag").map((r) => r["id"])).toEqual(items.map((i) => i.id));

    // XLSX: the same answers, numbers as numbers, the codebook.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await get(`${base}/export.xlsx`)).arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Gegevens", "Antwoorden", "Codeboek"]);
    const sheetRows = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      const rows: Record<string, unknown>[] = [];
      ws.eachRow((row, n) => {
        if (n === 1) return;
        rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value ?? ""])));
      });
      return rows;
    };
    const xlsxAnswers = sheetRows("Antwoorden");
    expect(xlsxAnswers).toHaveLength(answers.length);
    expect(xlsxAnswers.map((r) => `${r["respondent"]}|${r["item"]}|${r["side"]}|${r["value"]}`).sort()).toEqual(
      answers.map((r) => `${r["respondent"]}|${r["item"]}|${r["side"]}|${r["value"]}`).sort(),
    );
    for (const row of xlsxAnswers) {
      // Ratings are numbers; "not applicable" stays its mark, with its label.
      if (["score", "huidig/gewenst", "trede"].includes(String(row["kind"]))) {
        if (row["value"] === NOT_APPLICABLE) expect(row["label"]).not.toBe("");
        else expect(typeof row["value"], JSON.stringify(row)).toBe("number");
      }
      for (const cell of Object.values(row)) if (typeof cell === "string") expect(cell).not.toMatch(triggers);
    }
    if (individual) expect(JSON.stringify(sheetRows("Gegevens"))).not.toMatch(/Bravo|Charlie/);
    if (anonymous) expect(JSON.stringify(xlsxAnswers)).not.toMatch(/Respondent\dX/);
    const book = sheetRows("Codeboek");
    expect(book.filter((r) => r["part"] === "vraag")).toHaveLength(items.length);
  }, 180_000);

  test("a round still open, or too small, exports no answers", async () => {
    const { compiled } = await compileScanFile("scans/bachelorscan.scan");
    const { scanId } = await publishAs(db.sql, compiled);
    const round = await createRoundVia(app, { scanId, respondents: Array.from({ length: 6 }, (_, i) => ({ name: `P${i}`, email: `p${i}@example.org` })) } as never);
    for (const token of round.tokens) {
      await send(app, "POST", `/api/respond/${token}/submit`, { responseId: randomUUID(), data: answersFor(compiled.model.items, 1) });
    }
    const open = parseCsv(await csvText(await get(`/api/admin/reports/rounds/${round.round.id}/answers.csv`)));
    expect(open).toEqual([]);
  }, 60_000);
});

describe("formula neutralisation", () => {
  test("defuses formula starts, also after a separator, and keeps other text", () => {
    expect(safeText("=1+1")).toBe("'=1+1");
    expect(safeText("-3 punten")).toBe("'-3 punten");
    expect(safeText("\t=x")).toBe("'\t'=x");
    expect(safeText("a;=cmd|' /C calc'!A0")).toBe("'a;'=cmd|' /C calc'!A0");
    expect(safeText("a, @SUM(1)")).toBe("'a, '@SUM(1)");
    expect(safeText("Gewoon, goed; prima")).toBe("Gewoon, goed; prima");
    expect(safeText("e-mail")).toBe("e-mail");
  });

  test.each(backends)("the database's csv_safe on %s agrees with the app's rule", async (backend) => {
    const db = await openTestDb(backend);
    try {
      for (const t of ["=1+1", "-3 punten", "\t=x", "a;=cmd|' /C calc'!A0", "a, @SUM(1)", "Gewoon, goed; prima", "e-mail", "x\n+1", "\r", ""]) {
        const [row] = await db.sql<{ v: string }[]>`select csv_safe(${t}) as v`;
        expect(row!.v, JSON.stringify(t)).toBe(safeText(t));
      }
    } finally {
      await db.close();
    }
  });
});
