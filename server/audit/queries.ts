import type { Queryable } from "../db/connect.ts";

export interface NewAuditEntry {
  actorKind: "account" | "token" | "system" | "cli" | "anonymous";
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  roundId: string | null;
  targetKind: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: Record<string, unknown>;
  clientAddress: string | null;
  requestId: string | null;
}

export async function insertAuditEntry(sql: Queryable, e: NewAuditEntry): Promise<void> {
  await sql`
    insert into audit_log (
      actor_kind, actor_id, actor_email, action, round_id, target_kind, target_id, target_label,
      details, client_address, request_id
    )
    values (
      ${e.actorKind}, ${e.actorId}, ${e.actorEmail}, ${e.action}, ${e.roundId}, ${e.targetKind},
      ${e.targetId}, ${e.targetLabel}, ${sql.json(e.details as never)}, ${e.clientAddress}, ${e.requestId}
    )
  `;
}

export interface AuditFilter {
  actor?: string | undefined;
  roundId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor_kind: NewAuditEntry["actorKind"];
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  round_id: string | null;
  round_title: string | null;
  round_group: string | null;
  target_kind: string | null;
  target_id: string | null;
  target_label: string | null;
  details: Record<string, unknown>;
  client_address: string | null;
}

function where(sql: Queryable, f: AuditFilter) {
  return sql`
    where true
      ${f.actor ? sql`and a.actor_email = ${f.actor}` : sql``}
      ${f.roundId ? sql`and a.round_id = ${f.roundId}` : sql``}
      ${f.action ? sql`and a.action = ${f.action}` : sql``}
      ${f.from ? sql`and a.at >= ${f.from}` : sql``}
      ${f.to ? sql`and a.at < ${f.to}` : sql``}
  `;
}

/** One page of entries, newest first, and how many match in all. */
export async function listAuditEntries(
  sql: Queryable,
  filter: AuditFilter,
  { offset, limit }: { offset: number; limit: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const [count] = await sql<{ n: number }[]>`select count(*)::int as n from audit_log a ${where(sql, filter)}`;
  const rows = await sql<AuditRow[]>`
    select a.id::text as id, a.at, a.actor_kind, a.actor_id, a.actor_email, a.action, a.round_id,
      r.title as round_title, r.group_name as round_group, a.target_kind, a.target_id, a.target_label,
      a.details, a.client_address
    from audit_log a
    left join rounds r on r.id = a.round_id
    ${where(sql, filter)}
    order by a.at desc, a.id desc
    offset ${offset}
    limit ${limit}
  `;
  return { rows, total: count!.n };
}

/** Everyone who appears as an actor, for the page's person filter. */
export async function listAuditActors(sql: Queryable): Promise<string[]> {
  const rows = await sql<{ actor_email: string }[]>`
    select distinct actor_email
    from audit_log
    where actor_email is not null
    order by actor_email
  `;
  return rows.map((r) => r.actor_email);
}

/** Entries in which an e-mail address acts or is the target (an AVG access request). */
export async function auditEntriesAbout(sql: Queryable, email: string): Promise<AuditRow[]> {
  return sql<AuditRow[]>`
    select a.id::text as id, a.at, a.actor_kind, a.actor_id, a.actor_email, a.action, a.round_id,
      r.title as round_title, r.group_name as round_group, a.target_kind, a.target_id, a.target_label,
      a.details, a.client_address
    from audit_log a
    left join rounds r on r.id = a.round_id
    where a.actor_email = ${email} or (a.target_kind in ('account', 'person', 'oidc-request') and a.target_label = ${email})
    order by a.at, a.id
  `;
}

/**
 * Deletes the entries older than the retention period, through `audit_purge()` (migration 100),
 * the one way the app removes entries. Returns how many went.
 */
export async function purgeAuditLog(sql: Queryable): Promise<number> {
  const [row] = await sql<{ purged: string }[]>`select audit_purge() as purged`;
  return Number(row!.purged);
}
