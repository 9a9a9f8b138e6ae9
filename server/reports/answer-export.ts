// The response-level export: one row per answer (per chosen option for multiple choice), with a
// pseudonymous respondent key, the team, the round and the scan version. The responses are read
// batch by batch in one snapshot, each with its answers as arrays (as they are stored), and the
// rows are made here, so the app's memory stays flat however large the round; CSV and XLSX get
// the same rows. (Letting the database join and write the rows itself, with COPY, was 5–10×
// slower than a bare COPY of the same answers: a join per answer costs more than the answer.)
//
// What may be shown is decided once, from the disclosed rounds the report uses
// (server/reports/round-report.ts): a round appears only when its whole group is shown; a
// response's team only when that team is shown (otherwise the cell is empty: the response still
// counts in the whole round, as in the report); an answer only when its question is shown for the
// response's group.
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

interface FieldMeta {
  theme: string;
  kind: string;
  kind_word: string;
  labels: Record<string, string>;
}

/** A field as it is written: its meta, and its CSV cells from theme to side, joined. */
interface FieldPlan extends FieldMeta {
  side: string;
  csv: string;
  /** Value and label cells per value given (not for open text), made once. */
  tail: Map<string, string>;
}

interface TeamPlan {
  label: string;
  fields: Map<string, FieldPlan>;
  /** A response's numeric answers' items and fields, per order of items and sides (nearly always one). */
  layouts: Map<string, { items: string[]; fields: (FieldPlan | undefined)[] }>;
}

/** A round as the export writes it: its cells, its shown teams' labels, the fields per team. */
interface RoundPlan {
  cells: string[];
  /** Per team ("" when the round has no teams): its label (empty when withheld) and its allowed fields. */
  teams: Map<string, TeamPlan>;
}

const fieldKey = (item: string, side: string | null) => `${item}\u0000${side ?? ""}`;

/** A CSV cell of the answer table: every text in it is already defused. */
function csvQuoted(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Responses per batch: bounds what the app (and the embedded database, which answers a query
 * whole) holds at once: about 90,000 rows for the 45-statement bachelorscan.
 */
const batchSize = 1_000;

/** Writes every disclosed answer of the export's rounds to `sink`, in batches, in one snapshot. */
export async function answerRows(sql: Sql, data: ExportData, options: AnswerExportOptions, sink: AnswerSink): Promise<void> {
  const rounds = data.rounds.filter((d) => d.groups[0]!.disclosure.status === "shown");
  if (rounds.length === 0) return;
  const key = await exportKey(sql);

  const plans = new Map<string, RoundPlan>();
  for (const d of rounds) {
    const { round, model } = d;
    const meta = new Map(model.items.map((item) => [item.id, itemMeta(model, item)]));
    const total = d.groups[0]!;
    const texts = model.items.filter((i) => i.kind === "text").map((i) => ({ item: i.id, side: null }));
    const fieldsOf = (fields: { item: string; side: string | null }[]) =>
      new Map(
        fields.map((f) => {
          const m = meta.get(f.item)!;
          const side = f.side ?? "";
          return [fieldKey(f.item, f.side), { ...m, side, csv: [m.theme, f.item, m.kind_word, side].map(csvQuoted).join(";"), tail: new Map() }];
        }),
      );
    const plan: RoundPlan = {
      cells: [round.id, safeText(round.title), safeText(round.scan_id), String(round.version)],
      teams: new Map(),
    };
    const teams = d.groups.slice(1);
    // No teams: every response belongs to the whole round (its team is empty).
    if (teams.length === 0) plan.teams.set("", { label: "", fields: fieldsOf([...total.stats.fields, ...texts]), layouts: new Map() });
    for (const g of teams) {
      const shown = g.disclosure.status === "shown";
      plan.teams.set(g.team ?? "", {
        label: shown && g.team !== null ? safeText(teamLabel(g.team).replace(/^Team /, "")) : "",
        fields: fieldsOf([...(shown ? g.stats.fields : total.stats.fields), ...texts]),
        layouts: new Map(),
      });
    }
    plans.set(round.id, plan);
  }

  await sql.begin("isolation level repeatable read", async (tx) => {
    await tx`create temp table export_rounds (round_id uuid primary key, names boolean) on commit drop`;
    await insertAll(
      tx,
      "export_rounds",
      rounds.map((d) => ({ round_id: d.round.id, names: options.names && !d.round.anonymous })),
      ["round_id", "names"],
    );
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

    // Each batch of responses comes with its answers as arrays; the rows are made here, each
    // answer looked up in its team's allowed fields (in memory), in the response's own order.
    // The numeric answers come as three joined strings (item ids have no tabs): the items and
    // sides are the same for nearly every response of a round, so they are resolved to fields
    // once per team and order, not per answer.
    const split = (text: string, sep: string) => (text === "" ? [] : text.split(sep));
    for (let lo = 1; lo <= count; lo += batchSize) {
      const batch = await tx<
        {
          key: string;
          name: string | null;
          round_id: string;
          team: string;
          num_items: string;
          num_sides: string;
          num_values: string;
          text_items: string[];
          /** "" for an answer without a side (postgres.js reads a null in an array as "NULL"). */
          text_sides: string[];
          text_values: string[];
        }[]
      >`
        select o.key, o.name, x.round_id, coalesce(x.team, '') as team,
          array_to_string(x.num_items, E'\t') as num_items,
          array_to_string(x.num_sides, E'\t', '') as num_sides,
          array_to_string(x.num_values, ',') as num_values,
          x.text_items, array_replace(x.text_sides, null, '') as text_sides,
          array_replace(x.text_values, null, '') as text_values
        from export_order o
        join responses x on x.id = o.response_id
        where o.ord between ${lo} and ${lo + batchSize - 1}
        order by o.ord
      `;
      // CSV lines are made as strings straight away (an array per answer is garbage to collect).
      const csv = sink.format === "csv";
      const rows: string[][] = [];
      let text = "";
      for (const r of batch) {
        const plan = plans.get(r.round_id)!;
        const team = plan.teams.get(r.team);
        if (!team) continue;
        const head = options.names ? [r.key, r.name ?? "", ...plan.cells, team.label] : [r.key, ...plan.cells, team.label];
        const headCsv = csv ? head.map(csvQuoted).join(";") : "";
        const add = (f: FieldPlan | undefined, item: string, raw: string) => {
          if (raw === "" || !f) return;
          if (csv) {
            let tail = f.kind === "text" ? undefined : f.tail.get(raw);
            if (tail === undefined) {
              const value = f.kind === "text" ? safeText(raw) : raw;
              tail = `${csvQuoted(value)};${csvQuoted(f.labels[value] ?? "")}`;
              if (f.kind !== "text") f.tail.set(raw, tail);
            }
            text += `${headCsv};${f.csv};${tail}\r\n`;
          } else {
            const value = f.kind === "text" ? safeText(raw) : raw;
            rows.push([...head, f.theme, item, f.kind_word, f.side, value, f.labels[value] ?? ""]);
          }
        };
        const layoutKey = `${r.num_items}\n${r.num_sides}`;
        let layout = team.layouts.get(layoutKey);
        if (!layout) {
          const items = split(r.num_items, "\t");
          const sides = r.num_sides.split("\t");
          layout = { items, fields: items.map((item, i) => team.fields.get(fieldKey(item, sides[i] ?? ""))) };
          // Bounded: answers that skip questions in many ways make many orders.
          if (team.layouts.size >= 1_000) team.layouts.clear();
          team.layouts.set(layoutKey, layout);
        }
        const values = split(r.num_values, ",");
        for (let i = 0; i < values.length; i++) add(layout.fields[i], layout.items[i]!, values[i]!);
        for (let i = 0; i < r.text_items.length; i++) add(team.fields.get(fieldKey(r.text_items[i]!, r.text_sides[i]!)), r.text_items[i]!, r.text_values[i]!);
      }
      if (sink.format === "csv") await sink.write(text);
      else await sink.write(rows);
    }
  });
}
