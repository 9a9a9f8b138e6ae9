// The response-level export: one row per answer (per chosen option for multiple choice), with a
// pseudonymous respondent key, the team, the round and the scan version. The database writes the
// CSV itself (COPY … TO STDOUT), batch by batch of responses, so the app's memory stays flat
// however large the round; the XLSX export reads the same rows as plain batches.
//
// What may be shown is decided once, from the disclosed rounds the report uses
// (server/reports/round-report.ts), and handed to the database as small temporary tables:
// a round appears only when its whole group is shown; a response's team only when that team is
// shown (otherwise the cell is empty: the response still counts in the whole round, as in the
// report); an answer only when its question is shown for the response's group.
import { randomBytes } from "node:crypto";
import type { Sql, Queryable } from "../db/connect.ts";
import { NOT_APPLICABLE, type ItemModel, type ScoringModel } from "../../dsl/model.ts";
import type { ExportData } from "./exports.ts";
import { teamLabel } from "./round-report.ts";
import { safeText } from "./export-cells.ts";

export interface AnswerExportOptions {
  /** Names beside the key: only for admins, and only for rounds that are not anonymous. */
  names: boolean;
}

export type AnswerSink =
  | { format: "csv"; write(chunk: Buffer | string): Promise<void> }
  | { format: "rows"; write(rows: string[][]): Promise<void> };

export function answerColumns(options: AnswerExportOptions): string[] {
  return [
    "respondent",
    ...(options.names ? ["name"] : []),
    "round_id",
    "round_title",
    "scan",
    "scan_version",
    "team",
    "theme",
    "item",
    "kind",
    "side",
    "value",
    "label",
  ];
}

/**
 * Responses per COPY: bounds what the app (and the embedded database, which answers a query
 * whole) holds at once: about 90,000 rows for the 45-statement bachelorscan.
 */
const csvBatch = 1_000;
const rowsBatch = 1_000;

/** The key that makes respondent codes unguessable from response ids; kept in the database. */
async function exportKey(sql: Queryable): Promise<string> {
  await sql`
    insert into app_secrets (name, value)
    values ('export-key', ${randomBytes(32).toString("base64url")})
    on conflict (name) do nothing
  `;
  const [row] = await sql<{ value: string }[]>`select value from app_secrets where name = 'export-key'`;
  return row!.value;
}

const kindWords: Record<string, string> = {
  rate: "score",
  pair: "huidig/gewenst",
  step: "trede",
  choice: "keuze",
  multi: "meerkeuze",
  yesno: "ja/nee",
  text: "open",
};

/** What the export writes beside an item's answers: its theme and kind, and its values' labels. */
function itemMeta(model: ScoringModel, item: ItemModel): { theme: string; kind: string; kind_word: string; labels: Record<string, string> } {
  const scale = model.scales.find((s) => s.id === item.scale);
  const labels = scale
    ? [
        ...scale.labels.map((l) => ({ value: String(l.value), label: l.text.nl })),
        ...(scale.notApplicable ? [{ value: NOT_APPLICABLE, label: scale.notApplicable.nl }] : []),
      ]
    : item.options
      ? item.options.map((o) => ({ value: o.value, label: o.text.nl }))
      : (item.fields[0]?.values ?? []).map((v) => ({ value: v, label: ({ ja: "Ja", nee: "Nee", deels: "Deels" } as Record<string, string>)[v] ?? v }));
  return {
    theme: item.theme,
    kind: item.kind,
    kind_word: kindWords[item.kind]!,
    labels: Object.fromEntries(labels.map((l) => [l.value, safeText(l.label)])),
  };
}

async function insertAll(tx: Queryable, table: string, rows: Record<string, unknown>[], columns: string[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx`insert into ${tx(table)} ${tx(rows.slice(i, i + 1000) as never, ...(columns as []))}`;
  }
}

/** Writes every disclosed answer of the export's rounds to `sink`, in batches, in one snapshot. */
export async function answerRows(sql: Sql, data: ExportData, options: AnswerExportOptions, sink: AnswerSink): Promise<void> {
  const rounds = data.rounds.filter((d) => d.groups[0]!.disclosure.status === "shown");
  if (rounds.length === 0) return;
  const key = await exportKey(sql);
  await sql.begin("isolation level repeatable read", async (tx) => {
    // A batch (about 90,000 rows) is sorted and hashed in memory rather than on disk.
    await tx`set local work_mem = '64MB'`;
    await tx`
      create temp table export_rounds (
        round_id uuid primary key, title text, scan text, version int, names boolean
      ) on commit drop
    `;
    await tx`create temp table export_teams (round_id uuid, team text, label text, primary key (round_id, team)) on commit drop`;
    // One row per answer field that may be shown for a round's team, with what the export
    // writes beside its answers (theme, kind, the labels of its values): one join per answer.
    await tx`
      create temp table export_fields (round_id uuid, team text, item_id text, side text,
        theme text, kind text, kind_word text, labels jsonb,
        primary key (round_id, team, item_id, side)) on commit drop
    `;
    await tx`create temp table export_batch (lo int, hi int) on commit drop`;

    const roundRows: Record<string, unknown>[] = [];
    const teamRows: Record<string, unknown>[] = [];
    const fieldRows: Record<string, unknown>[] = [];
    for (const d of rounds) {
      const { round, model } = d;
      roundRows.push({
        round_id: round.id,
        title: safeText(round.title),
        scan: safeText(round.scan_id),
        version: round.version,
        names: options.names && !round.anonymous,
      });
      const meta = new Map(model.items.map((item) => [item.id, itemMeta(model, item)]));
      const total = d.groups[0]!;
      const texts = model.items.filter((i) => i.kind === "text").map((i) => ({ item: i.id, side: null }));
      const allow = (team: string, fields: { item: string; side: string | null }[]) => {
        for (const f of fields) fieldRows.push({ round_id: round.id, team, item_id: f.item, side: f.side ?? "", ...meta.get(f.item)! });
      };
      const teams = d.groups.slice(1);
      if (teams.length === 0) {
        // No teams: every response belongs to the whole round (its team is empty).
        teamRows.push({ round_id: round.id, team: "", label: "" });
        allow("", [...total.stats.fields, ...texts]);
      }
      for (const g of teams) {
        const team = g.team ?? "";
        const shown = g.disclosure.status === "shown";
        teamRows.push({ round_id: round.id, team, label: shown && g.team !== null ? safeText(teamLabel(g.team).replace(/^Team /, "")) : "" });
        allow(team, [...(shown ? g.stats.fields : total.stats.fields), ...texts]);
      }
    }
    await insertAll(tx, "export_rounds", roundRows, ["round_id", "title", "scan", "version", "names"]);
    await insertAll(tx, "export_teams", teamRows, ["round_id", "team", "label"]);
    await insertAll(tx, "export_fields", fieldRows, ["round_id", "team", "item_id", "side", "theme", "kind", "kind_word", "labels"]);
    for (const table of ["export_rounds", "export_teams", "export_fields", "export_batch"]) {
      await tx`analyze ${tx(table)}`;
    }

    // The responses in key order: the order of the file says nothing about who submitted when.
    await tx`
      create temp table export_order on commit drop as
      select row_number() over (order by k.key, x.id)::int as ord, x.id as response_id, k.key,
        case when r.names then csv_safe(p.name) end as name
      from responses x
      join export_rounds r on r.round_id = x.round_id
      left join respondents p on p.id = x.respondent_id
      cross join lateral (select 'r-' || substr(md5(${key} || x.id::text), 1, 12) as key) k
      where x.status = 'submitted'
    `;
    await tx`alter table export_order add primary key (ord)`;
    await tx`analyze export_order`;
    const [{ count }] = await tx<[{ count: number }]>`select count(*)::int as count from export_order`;
    await tx`insert into export_batch values (0, 0)`;

    // The batch's responses are picked first (a range of export_order's key, fetched as one
    // materialised set), and only then unnested and joined to the small tables: left to itself,
    // the planner joined every allowed question to every response of the team before unnesting.
    const rowsOf = tx`
      with batch as materialized (
        select o.ord, o.key, o.name, x.round_id, x.team,
          x.num_items, x.num_sides, x.num_values, x.text_items, x.text_sides, x.text_values
        from export_order o
        join responses x on x.id = o.response_id
        where o.ord between (select lo from export_batch) and (select hi from export_batch)
      )
      select x.key as respondent, ${options.names ? tx`coalesce(x.name, '') as name,` : tx``}
        x.round_id, r.title as round_title, r.scan, r.version as scan_version, t.label as team,
        f.theme, a.item_id as item, f.kind_word as kind, a.side,
        case when f.kind = 'text' then csv_safe(a.value) else a.value end as value,
        coalesce(f.labels ->> a.value, '') as label
      from batch x
      join export_rounds r on r.round_id = x.round_id
      join export_teams t on t.round_id = x.round_id and t.team = coalesce(x.team, '')
      cross join lateral (
        select n.item_id, coalesce(n.side, '') as side, n.value_num::text as value, 0 as part, n.ordinality as at
        from unnest(x.num_items, x.num_sides, x.num_values) with ordinality as n (item_id, side, value_num, ordinality)
        union all
        select s.item_id, coalesce(s.side, ''), s.value_text, 1, s.ordinality
        from unnest(x.text_items, x.text_sides, x.text_values) with ordinality as s (item_id, side, value_text, ordinality)
      ) a
      join export_fields f on f.round_id = x.round_id and f.team = coalesce(x.team, '')
        and f.item_id = a.item_id and f.side = a.side
      where a.value <> ''
      order by x.ord, a.part, a.at
    `;

    const size = sink.format === "csv" ? csvBatch : rowsBatch;
    for (let lo = 1; lo <= count; lo += size) {
      await tx`update export_batch set lo = ${lo}, hi = ${lo + size - 1}`;
      if (sink.format === "csv") {
        // The whole batch is read before anything is written on: a COPY stream that is paused
        // (backpressure) when its last message arrives leaves postgres.js's connection paused
        // for good (porsager/postgres#499, #1016), so it must always flow. A batch is bounded.
        const stream = await tx`copy (${rowsOf}) to stdout with (format csv, delimiter ';')`.readable();
        const chunks: Buffer[] = [];
        await new Promise<void>((resolve, reject) => {
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.once("end", resolve);
          stream.once("error", reject);
        });
        for (const chunk of chunks) await sink.write(chunk);
      } else {
        const batch = await tx<Record<string, string>[]>`${rowsOf}`;
        const columns = answerColumns(options);
        await sink.write(batch.map((row) => columns.map((c) => String(row[c] ?? ""))));
      }
    }
  });
}
