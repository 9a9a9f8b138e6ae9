import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompiledScan } from "../dsl/model.ts";
import type { ThresholdResult } from "../dsl/aggregators/threshold.ts";
import type { TrendResult } from "../dsl/aggregators/trend.ts";
import type { GapResult } from "../dsl/aggregators/gap.ts";
import type { App } from "../server/app.ts";
import { numericTallies, numericTalliesFromAnswers } from "../server/reports/tallies.ts";
import type { OwnReport } from "../server/reports/own-report.ts";
import type { GroupReport, RoundReport, SeriesReport } from "../server/reports/round-report.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { adminToken, compileScanFile, createRoundVia, publishAs, send, testApp, validAnswers } from "./support/app.ts";

const admin = { authorization: `Bearer ${adminToken}` };

async function getJson<T>(app: App, path: string): Promise<T> {
  const res = await app.request(path, { headers: admin });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function submit(app: App, token: string, data: Record<string, unknown>, responseId: string = randomUUID()) {
  const res = await send(app, "POST", `/api/respond/${token}/submit`, { responseId, data });
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return responseId;
}

function result<T>(group: GroupReport, name: string): T {
  const outcome = group.results?.find((r) => r.name === name);
  if (!outcome || !("result" in outcome)) throw new Error(`no ${name} result`);
  return outcome.result as T;
}

/** Our CSV (byte-order mark, `;` between cells, RFC 4180 quoting) as objects keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  text = text.replace(/^\uFEFF/, "");
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ";") record.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(field), records.push(record), (record = []), (field = ""), i++;
    } else field += ch;
  }
  const [header, ...rest] = records;
  return rest.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

const people = (n: number, team?: string, prefix = team ?? "p") =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i}`, email: `${prefix}${i}@example.org`, ...(team ? { team } : {}) }));

/** Bachelorscan answers: every current at `current`, every desired at `desired`. */
function bachelorData(compiled: CompiledScan, current: number, desired: number) {
  const data = validAnswers(compiled.model);
  for (const item of compiled.model.items) {
    for (const f of item.fields) if (f.side) data[f.name] = f.side === "current" ? current : desired;
  }
  return data;
}

describe.each(backends)("reports on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let quickscan: CompiledScan;
  let bachelor: CompiledScan;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    quickscan = (await compileScanFile("scans/paraplu-quickscan.scan")).compiled;
    bachelor = (await compileScanFile("scans/bachelorscan.scan")).compiled;
  });
  afterAll(async () => {
    await db?.close();
  });

  /** Numbers appear once a round closes; tests submit while open, then close (or reopen). */
  async function setClosed(roundId: string, closed: boolean) {
    await db.sql`
      update rounds
      set opens_at = now() - interval '2 days',
        closes_at = ${closed ? db.sql`now() - interval '1 second'` : db.sql`now() + interval '1 day'`}
      where id = ${roundId}
    `;
  }

  // Chapter 4 (instruments.md 1.1): the book gives the scores but not which element had which.
  // This assignment is ILLUSTRATIVE: round 1 has four elements at 2, one at 4 and three at 3;
  // five months later four elements changed (2 → 3) and all elements are at or above 3.
  it("flags the four elements below 3 in the chapter-4 example and marks the four that changed five months later", async () => {
    const { scanId } = await publishAs(db.sql, quickscan);
    const round1Scores = { missie: 2, uitgangspunten: 4, beleid: 2, procedures: 2, activiteiten: 3, verslaglegging: 2, netwerk: 3, organisatiecultuur: 3 };
    const round2Scores = { ...round1Scores, missie: 3, beleid: 3, procedures: 3, verslaglegging: 3 };
    const far = "2099-01-01T00:00:00Z";
    const r1 = await createRoundVia(app, { scanId, title: "Quickscan mei 2014", group: "Het Oude Ambt", opensAt: "2014-05-09T08:00:00Z", closesAt: far, respondents: people(1, undefined, "teamleider") } as never);
    const r2 = await createRoundVia(app, { scanId, title: "Quickscan oktober 2014", group: "Het Oude Ambt", opensAt: "2014-10-07T08:00:00Z", closesAt: far, respondents: people(1, undefined, "teamleider") } as never);
    await submit(app, r1.tokens[0]!, { ...validAnswers(quickscan.model), ...round1Scores });
    await submit(app, r2.tokens[0]!, { ...validAnswers(quickscan.model), ...round2Scores });

    const first = await getJson<RoundReport>(app, `/api/admin/reports/rounds/${r1.round.id}`);
    expect(first.round.exempt).toBe(true);
    const t1 = result<ThresholdResult>(first.groups[0]!, "threshold");
    expect(t1.below.sort()).toEqual(["beleid", "missie", "procedures", "verslaglegging"]);
    expect(t1.allReached).toBe(false);
    expect(t1.explanation).toContain("4 van 8 elementen scoren onder niveau 3");
    expect(result<TrendResult>(first.groups[0]!, "trend").hasPrevious).toBe(false);

    const second = await getJson<RoundReport>(app, `/api/admin/reports/rounds/${r2.round.id}`);
    expect(second.previousRound?.id).toBe(r1.round.id);
    const trend = result<TrendResult>(second.groups[0]!, "trend");
    expect(trend.changed.sort()).toEqual(["beleid", "missie", "procedures", "verslaglegging"]);
    expect(trend.items.filter((i) => i.changed).every((i) => i.previous === 2 && i.current === 3)).toBe(true);
    const t2 = result<ThresholdResult>(second.groups[0]!, "threshold");
    expect(t2.allReached).toBe(true);
    expect(t2.explanation).toContain("Alle 8 elementen scoren op of boven niveau 3");

    const series = await getJson<SeriesReport>(app, `/api/admin/reports/rounds/${r2.round.id}/series`);
    expect(series.rounds.map((r) => r.means["missie"])).toEqual([2, 3]);
  });

  it("shows no numbers below the minimum group size and says how many more responses are needed", async () => {
    const { scanId } = await publishAs(db.sql, bachelor);
    const round = await createRoundVia(app, { scanId, respondents: people(6) } as never);
    for (const token of round.tokens.slice(0, 3)) await submit(app, token, bachelorData(bachelor, 2, 4));
    await setClosed(round.round.id, true);
    const report = await getJson<RoundReport>(app, `/api/admin/reports/rounds/${round.round.id}`);
    expect(report.round.minGroupSize).toBe(5);
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]).toMatchObject({ responses: 3, disclosure: { status: "too-few", needed: 2 }, results: null });
    expect(report.groups[0]!.note).toContain("Nog 2 antwoorden nodig");
    expect(JSON.stringify(report.groups)).not.toMatch(/"mean"|"current":\d|"gap":\d/);

    const rows = parseCsv(await (await app.request(`/api/admin/reports/rounds/${round.round.id}/export.csv`, { headers: admin })).text());
    expect(rows.length).toBe(bachelor.model.items.length);
    // n, current, desired and gap are empty on every row; the note says why.
    expect(rows.every((r) => r["n"] === "" && r["current"] === "" && r["gap"] === "" && r["note"]!.startsWith("Nog 2 antwoorden nodig"))).toBe(true);

    await setClosed(round.round.id, false);
    for (const token of round.tokens.slice(3, 5)) await submit(app, token, bachelorData(bachelor, 3, 5));
    await setClosed(round.round.id, true);
    const enough = await getJson<RoundReport>(app, `/api/admin/reports/rounds/${round.round.id}`);
    const gap = result<GapResult>(enough.groups[0]!, "gap");
    expect(gap.themes[0]).toMatchObject({ current: 2.4, desired: 4.4, gap: 2 });
  });

  it("withholds a team whose numbers would reveal a smaller team by subtraction from the total", async () => {
    const { scanId } = await publishAs(db.sql, bachelor);
    // Team A has 5, team B 1: total (6) and team A (5) are each allowed, but their difference is B.
    const round = await createRoundVia(app, { scanId, respondents: [...people(5, "A"), ...people(1, "B")] } as never);
    for (const [i, token] of round.tokens.entries()) await submit(app, token, bachelorData(bachelor, i === 5 ? 1 : 3, 5));
    await setClosed(round.round.id, true);
    const report = await getJson<RoundReport>(app, `/api/admin/reports/rounds/${round.round.id}`);
    const byKey = Object.fromEntries(report.groups.map((g) => [g.key, g]));
    expect(byKey["all"]!.disclosure.status).toBe("shown");
    expect(byKey["team:A"]).toMatchObject({ responses: 5, disclosure: { status: "complement", needed: 4 }, results: null });
    expect(byKey["team:B"]).toMatchObject({ responses: 1, disclosure: { status: "too-few", needed: 4 }, results: null });

    // A withheld team is absent from the export, not zeroed.
    const rows = parseCsv(await (await app.request(`/api/admin/reports/rounds/${round.round.id}/export.csv`, { headers: admin })).text());
    expect(new Set(rows.map((r) => r["group"]))).toEqual(new Set(["Hele ronde"]));
    expect(rows.filter((r) => r["kind"] === "huidig/gewenst").every((r) => r["current"] !== "")).toBe(true);
  });

  it("keeps the larger teams when hiding the smallest one makes the rest safe", async () => {
    const { scanId } = await publishAs(db.sql, bachelor);
    const round = await createRoundVia(app, { scanId, respondents: [...people(5, "A"), ...people(6, "B"), ...people(1, "C")] } as never);
    for (const token of round.tokens) await submit(app, token, bachelorData(bachelor, 3, 4));
    await setClosed(round.round.id, true);
    const report = await getJson<RoundReport>(app, `/api/admin/reports/rounds/${round.round.id}`);
    const status = Object.fromEntries(report.groups.map((g) => [g.key, g.disclosure.status]));
    expect(status).toEqual({ all: "shown", "team:A": "complement", "team:B": "shown", "team:C": "too-few" });
  });

  it("shows respondents their own gap profile, and the group's only when the others meet the minimum", async () => {
    const { scanId } = await publishAs(db.sql, bachelor);
    const round = await createRoundVia(app, { scanId, respondents: people(6) } as never);
    for (const token of round.tokens.slice(0, 5)) await submit(app, token, bachelorData(bachelor, 2, 4));
    const mine = round.tokens[0]!;
    await setClosed(round.round.id, true);

    const five = (await (await send(app, "GET", `/api/respond/${mine}/report`)).json()) as OwnReport;
    expect(five.own.answers).toHaveLength(90 + five.own.answers.filter((a) => typeof a.value === "string").length);
    expect(result<GapResult>({ results: five.own.results } as GroupReport, "gap").themes[0]!.gap).toBe(2);
    // Five responses meet the minimum of 5, but without the respondent only four remain.
    expect(five.group).toMatchObject({ responses: 5, disclosure: { status: "too-few", needed: 1 }, results: null });

    await setClosed(round.round.id, false);
    await submit(app, round.tokens[5]!, bachelorData(bachelor, 4, 4));
    await setClosed(round.round.id, true);
    const six = (await (await send(app, "GET", `/api/respond/${mine}/report`)).json()) as OwnReport;
    expect(six.group.disclosure.status).toBe("shown");
    expect(result<GapResult>({ results: six.group.results } as GroupReport, "gap").themes[0]!.current).toBeCloseTo(2.33, 2);

    const unsubmitted = await createRoundVia(app, { scanId, respondents: people(1) } as never);
    expect((await send(app, "GET", `/api/respond/${unsubmitted.tokens[0]}/report`)).status).toBe(404);
  });

  it("keeps the report tallies equal to a GROUP BY over the answers through resubmits, team moves and deletes", async () => {
    const { scanId } = await publishAs(db.sql, bachelor);
    const round = await createRoundVia(app, { scanId, allowEdit: true, respondents: [...people(3, "A"), ...people(3, "B")] } as never);
    const ids: string[] = [];
    for (const [i, token] of round.tokens.entries()) ids.push(await submit(app, token, bachelorData(bachelor, 1 + (i % 5), 5)));
    // Counted responses change: a re-submit, a team move, a deletion.
    await numericTallies(db.sql, [round.round.id]);
    await submit(app, round.tokens[0]!, bachelorData(bachelor, 5, 1), ids[0]);
    await db.sql`update responses set team = 'B' where id = ${ids[1]!}`;
    await db.sql`delete from responses where id = ${ids[2]!}`;
    // Responses not counted yet change: re-submitted again, then moved; another deleted.
    await submit(app, round.tokens[0]!, bachelorData(bachelor, 4, 2), ids[0]);
    await db.sql`update responses set team = 'B' where id = ${ids[0]!}`;
    await submit(app, round.tokens[4]!, bachelorData(bachelor, 2, 2), ids[4]);
    await db.sql`delete from responses where id = ${ids[4]!}`;
    const fromTallies = (await numericTallies(db.sql, [round.round.id])).map(({ round_id: _, ...row }) => row);
    const fromAnswers = await numericTalliesFromAnswers(db.sql, round.round.id);
    const key = (r: { team: string | null; item_id: string; side: string | null; value: string }) => `${r.team}|${r.item_id}|${r.side}|${r.value}`;
    const sort = <T extends Parameters<typeof key>[0]>(rows: T[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(fromTallies)).toEqual(sort(fromAnswers));
    expect(fromAnswers.filter((r) => r.team === "B").reduce((a, r) => a + r.count, 0)).toBe(4 * 90);
  });

  it("exports an XLSX with the long data sheet and a codebook naming the scan version", async () => {
    const { scanId } = await publishAs(db.sql, bachelor);
    const round = await createRoundVia(app, { scanId, respondents: people(5) } as never);
    for (const token of round.tokens) await submit(app, token, bachelorData(bachelor, 2, 5));
    await setClosed(round.round.id, true);
    const res = await app.request(`/api/admin/reports/rounds/${round.round.id}/export.xlsx`, { headers: admin });
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const data = wb.getWorksheet("Gegevens")!;
    expect(data.getRow(1).values).toContain("gap");
    expect(data.rowCount).toBe(1 + bachelor.model.items.length);
    const gapColumn = (data.getRow(1).values as string[]).indexOf("gap");
    expect(data.getRow(2).getCell(gapColumn).value).toBe(3);
    // The codebook names the scan version and each item (columns part, id, theme, kind, text, …).
    const codebook = wb.getWorksheet("Codeboek")!;
    const texts: string[] = [];
    codebook.eachRow((row) => texts.push([1, 2, 5].map((c) => String(row.getCell(c).value ?? "")).join(" ")));
    expect(texts.some((t) => /^scan \S+ Bachelorscan Social Work, versie 1 \(checksum [0-9a-f]+\)$/.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith("vraag ek-1 Studenten leren"))).toBe(true);
  });

  it("shows no numbers while a round is open, so looks before and after one response cannot be subtracted", async () => {
    const { scanId } = await publishAs(db.sql, bachelor);
    const round = await createRoundVia(app, { scanId, respondents: people(7) } as never);
    for (const token of round.tokens.slice(0, 6)) await submit(app, token, bachelorData(bachelor, 2, 4));
    const open = await getJson<RoundReport>(app, `/api/admin/reports/rounds/${round.round.id}`);
    expect(open.groups[0]).toMatchObject({ responses: 6, disclosure: { status: "until-closed" }, results: null });
    expect(open.groups[0]!.note).toContain("De uitkomsten verschijnen als de ronde sluit");
    const csv = parseCsv(await (await app.request(`/api/admin/reports/rounds/${round.round.id}/export.csv`, { headers: admin })).text());
    expect(csv.every((r) => r["current"] === "")).toBe(true);
    const own = (await (await send(app, "GET", `/api/respond/${round.tokens[0]}/report`)).json()) as OwnReport;
    expect(own.group.results).toBeNull();

    await setClosed(round.round.id, true);
    const closed = await getJson<RoundReport>(app, `/api/admin/reports/rounds/${round.round.id}`);
    expect(closed.groups[0]!.disclosure.status).toBe("shown");
  });

  it("gives the Traptrede's share at steps 4–5 and lists what consultants need, in an order unrelated to submission", async () => {
    const traptrede = (await compileScanFile("scans/traptrede.scan")).compiled;
    const { scanId } = await publishAs(db.sql, traptrede);
    const round = await createRoundVia(app, { scanId, respondents: people(6) } as never);
    const steps = [1, 3, 4, 4, 5, 5];
    const needs = ["Een coach", "Tijd voor netwerkgesprekken", "Intervisie", "Voorbeelden", "Niets", "Materiaal"];
    for (const [i, token] of round.tokens.entries()) {
      await submit(app, token, { positie: steps[i]!, nodig: needs[i]!, ...(steps[i]! < 4 ? { belemmering: "Drukte" } : {}) });
    }
    await setClosed(round.round.id, true);
    const report = await getJson<RoundReport>(app, `/api/admin/reports/rounds/${round.round.id}`);
    const ladder = result<{ steps: { count: number }[]; shareAtTarget: number; explanation: string }>(report.groups[0]!, "ladder");
    expect(ladder.steps.map((s) => s.count)).toEqual([1, 0, 1, 2, 2]);
    expect(ladder.shareAtTarget).toBeCloseTo(4 / 6);
    expect(ladder.explanation).toContain("4 van 6 antwoorden staan op trede 4–5 (67%)");
    const open = result<{ questions: { item: string; answers: string[] }[] }>(report.groups[0]!, "open");
    const nodig = open.questions.find((q) => q.item === "nodig")!;
    expect([...nodig.answers].sort()).toEqual([...needs].sort());
    expect(nodig.answers).not.toEqual(needs);
    expect(open.questions.find((q) => q.item === "belemmering")!.answers).toEqual(["Drukte", "Drukte"]);
  });

  it("refuses reports and exports without the admin token", async () => {
    const id = randomUUID();
    for (const path of [`/api/admin/reports/rounds/${id}`, `/api/admin/reports/rounds/${id}/export.csv`]) {
      expect((await app.request(path)).status).toBe(401);
    }
    expect((await app.request(`/api/admin/reports/rounds/${id}`, { headers: admin })).status).toBe(404);
  });
});
