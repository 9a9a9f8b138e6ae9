import type { Queryable } from "../db/connect.ts";

export interface ScanDraftRow {
  id: string;
  scan_id: string | null;
  title: string;
  source: string;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
  created_by_name: string | null;
  updated_by_name: string | null;
}

const columns = (sql: Queryable) => sql`
  d.id, d.scan_id, d.title, d.source, d.created_by, d.updated_by, d.created_at, d.updated_at,
  nullif(coalesce(c.name, c.email), '') as created_by_name,
  nullif(coalesce(u.name, u.email), '') as updated_by_name
`;

/** Drafts, newest change first; `author` limits them to the drafts one account started. */
export async function listDrafts(sql: Queryable, author: string | null | undefined): Promise<ScanDraftRow[]> {
  return sql<ScanDraftRow[]>`
    select ${columns(sql)}
    from scan_drafts d
    left join accounts c on c.id = d.created_by
    left join accounts u on u.id = d.updated_by
    where ${author === undefined ? sql`true` : sql`d.created_by is not distinct from ${author}`}
    order by d.updated_at desc, d.id
  `;
}

export async function findDraft(sql: Queryable, id: string): Promise<ScanDraftRow | undefined> {
  const [row] = await sql<ScanDraftRow[]>`
    select ${columns(sql)}
    from scan_drafts d
    left join accounts c on c.id = d.created_by
    left join accounts u on u.id = d.updated_by
    where d.id = ${id}
  `;
  return row;
}

export async function insertDraft(
  sql: Queryable,
  draft: { id: string; scanId: string | null; title: string; source: string; author: string | null },
): Promise<void> {
  await sql`
    insert into scan_drafts (id, scan_id, title, source, created_by, updated_by)
    values (${draft.id}, ${draft.scanId}, ${draft.title}, ${draft.source}, ${draft.author}, ${draft.author})
  `;
}

export async function updateDraft(
  sql: Queryable,
  draft: { id: string; scanId: string | null; title: string; source: string; author: string | null },
): Promise<boolean> {
  const rows = await sql`
    update scan_drafts
    set scan_id = ${draft.scanId}, title = ${draft.title}, source = ${draft.source},
      updated_by = ${draft.author}, updated_at = now()
    where id = ${draft.id}
    returning id
  `;
  return rows.length > 0;
}

export async function deleteDraft(sql: Queryable, id: string): Promise<boolean> {
  const rows = await sql`delete from scan_drafts where id = ${id} returning id`;
  return rows.length > 0;
}
