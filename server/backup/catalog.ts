// What a database holds, read from its catalog: our tables in an order that satisfies their
// foreign keys, their columns, the sequences, and a checksum per table. Names come from the
// catalog and enter SQL only through postgres.js's identifier helper.
import { createHash } from "node:crypto";
import type { Queryable } from "../db/connect.ts";

export interface TableInfo {
  name: string;
  /** Columns a row is written with, in table order (generated columns are left out). */
  columns: string[];
}

/** Bookkeeping of the migrations themselves: each database has its own. */
const notData = new Set(["schema_migrations"]);

/**
 * Output settings that make a row's text the same on every server and in every session, so
 * checksums compare: times in UTC, ISO dates, shortest exact floats, hex bytea.
 */
export async function useStableText(tx: Queryable): Promise<void> {
  await tx`set local timezone to 'UTC'`;
  await tx`set local datestyle to 'ISO, YMD'`;
  await tx`set local intervalstyle to 'postgres'`;
  await tx`set local extra_float_digits to 1`;
  await tx`set local bytea_output to 'hex'`;
}

/** Relations in the public schema: tables, views, sequences and the like. */
export async function countRelations(sql: Queryable): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
  `;
  return row!.n;
}

export async function appliedMigrations(sql: Queryable): Promise<number[]> {
  const [exists] = await sql<{ found: string | null }[]>`select to_regclass('schema_migrations')::text as found`;
  if (!exists?.found) return [];
  const rows = await sql<{ version: number }[]>`select version from schema_migrations order by version`;
  return rows.map((r) => r.version);
}

/** Our tables, each after the tables its foreign keys point to. */
export async function listTables(sql: Queryable): Promise<TableInfo[]> {
  const tables = await sql<{ name: string; columns: string[] }[]>`
    select c.relname as name,
      array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    group by c.relname
    order by c.relname
  `;
  const edges = await sql<{ child: string; parent: string }[]>`
    select ch.relname as child, pa.relname as parent
    from pg_constraint k
    join pg_class ch on ch.oid = k.conrelid
    join pg_class pa on pa.oid = k.confrelid
    join pg_namespace n on n.oid = ch.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and ch.oid <> pa.oid
  `;
  const parents = new Map<string, string[]>();
  for (const e of edges) parents.set(e.child, [...(parents.get(e.child) ?? []), e.parent]);
  const byName = new Map(tables.filter((t) => !notData.has(t.name)).map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string) => {
    const table = byName.get(name);
    if (!table || state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new Error(`foreign keys form a cycle through ${name}`);
    state.set(name, "visiting");
    for (const parent of parents.get(name) ?? []) visit(parent);
    state.set(name, "done");
    ordered.push({ name: table.name, columns: table.columns });
  };
  for (const name of byName.keys()) visit(name);
  return ordered;
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export async function readSequences(sql: Queryable): Promise<SequenceState[]> {
  const names = await sql<{ name: string }[]>`
    select c.relname as name
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'S'
    order by c.relname
  `;
  const out: SequenceState[] = [];
  for (const { name } of names) {
    const [row] = await sql<{ last_value: string; is_called: boolean }[]>`
      select last_value::text as last_value, is_called from ${sql(name)}
    `;
    out.push({ name, lastValue: row!.last_value, isCalled: row!.is_called });
  }
  return out;
}

export async function writeSequences(sql: Queryable, sequences: SequenceState[]): Promise<void> {
  for (const s of sequences) {
    await sql`select setval(quote_ident(${s.name})::regclass, ${s.lastValue}::bigint, ${s.isCalled})`;
  }
}

export interface TableSum {
  rows: number;
  /**
   * md5 over the sorted md5s of the rows' `to_jsonb` text: independent of row order, and computed
   * the same way in JavaScript from the rows as they are read (`rowsChecksum`).
   */
  checksum: string;
}

/** Needs `useStableText` in the same transaction. */
export async function tableChecksum(sql: Queryable, table: string): Promise<TableSum> {
  const [row] = await sql<{ rows: number; checksum: string }[]>`
    select count(*)::int as rows, md5(coalesce(string_agg(h, '' order by h collate "C"), '')) as checksum
    from (select md5(to_jsonb(t)::text) as h from ${sql(table)} t) s
  `;
  return { rows: row!.rows, checksum: row!.checksum };
}

/** The checksum of `tableChecksum`, from the rows' hashes (hex md5s of their `to_jsonb` text). */
export function checksumOf(rowHashes: string[]): string {
  return createHash("md5").update([...rowHashes].sort().join("")).digest("hex");
}

export function rowHash(json: string): string {
  return createHash("md5").update(json, "utf8").digest("hex");
}

export async function countRows(sql: Queryable, table: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)}`;
  return row!.n;
}
