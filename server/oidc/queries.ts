import type { Queryable } from "../db/connect.ts";
import type { Role } from "../accounts/queries.ts";

export interface FlowRow {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
}

export async function insertFlow(sql: Queryable, flow: FlowRow & { idHash: string; expiresAt: Date }): Promise<void> {
  await sql`delete from oidc_flows where expires_at <= now()`;
  await sql`
    insert into oidc_flows (id_hash, state, nonce, code_verifier, return_to, expires_at)
    values (${flow.idHash}, ${flow.state}, ${flow.nonce}, ${flow.code_verifier}, ${flow.return_to}, ${flow.expiresAt})
  `;
}

/** Takes a flow once: a second callback with the same cookie finds nothing. */
export async function takeFlow(sql: Queryable, idHash: string): Promise<FlowRow | undefined> {
  const [row] = await sql<FlowRow[]>`
    delete from oidc_flows
    where id_hash = ${idHash}
    returning state, nonce, code_verifier, return_to, expires_at > now() as live
  `;
  return row && (row as FlowRow & { live: boolean }).live ? row : undefined;
}

export interface LinkedAccount {
  id: string;
  email: string;
  role: Role;
  teams: string[];
  role_source: "admin" | "oidc";
  deactivated_at: Date | null;
  oidc_subject: string | null;
}

const linkedColumns = (sql: Queryable) => sql`
  a.id, a.email, a.role, a.role_source, a.deactivated_at, a.oidc_subject,
  coalesce((select array_agg(t.team order by t.team) from account_teams t where t.account_id = a.id), '{}') as teams
`;

export async function findByIdentity(sql: Queryable, issuer: string, subject: string): Promise<LinkedAccount | undefined> {
  const [row] = await sql<LinkedAccount[]>`
    select ${linkedColumns(sql)} from accounts a
    where a.oidc_issuer = ${issuer} and a.oidc_subject = ${subject}
  `;
  return row;
}

export async function findByEmail(sql: Queryable, email: string): Promise<LinkedAccount | undefined> {
  const [row] = await sql<LinkedAccount[]>`select ${linkedColumns(sql)} from accounts a where a.email = ${email}`;
  return row;
}

export async function linkIdentity(sql: Queryable, accountId: string, issuer: string, subject: string): Promise<void> {
  await sql`
    update accounts
    set oidc_issuer = ${issuer}, oidc_subject = ${subject}, updated_at = now()
    where id = ${accountId}
  `;
}

export async function insertOidcAccount(
  sql: Queryable,
  a: { id: string; email: string; name: string; role: Role; teams: string[]; roleSource: "admin" | "oidc"; issuer: string; subject: string },
): Promise<void> {
  await sql`
    insert into accounts (id, email, name, password_hash, role, role_source, oidc_issuer, oidc_subject)
    values (${a.id}, ${a.email}, ${a.name}, null, ${a.role}, ${a.roleSource}, ${a.issuer}, ${a.subject})
  `;
  for (const team of a.teams) {
    await sql`insert into account_teams (account_id, team) values (${a.id}, ${team}) on conflict do nothing`;
  }
}

export async function setRoleSource(sql: Queryable, accountId: string, source: "admin" | "oidc"): Promise<void> {
  await sql`update accounts set role_source = ${source} where id = ${accountId}`;
}

export interface RequestRow {
  id: string;
  issuer: string;
  subject: string;
  email: string;
  name: string;
  first_seen_at: Date;
  last_seen_at: Date;
}

/** Records (or refreshes) someone waiting for a role. */
export async function upsertRequest(
  sql: Queryable,
  r: { id: string; issuer: string; subject: string; email: string; name: string },
): Promise<RequestRow> {
  const [row] = await sql<RequestRow[]>`
    insert into oidc_requests (id, issuer, subject, email, name)
    values (${r.id}, ${r.issuer}, ${r.subject}, ${r.email}, ${r.name})
    on conflict (issuer, subject) do update
      set email = excluded.email, name = excluded.name, last_seen_at = now()
    returning *
  `;
  return row!;
}

export async function listRequests(sql: Queryable): Promise<RequestRow[]> {
  return sql<RequestRow[]>`select * from oidc_requests order by last_seen_at desc`;
}

export async function takeRequest(sql: Queryable, id: string): Promise<RequestRow | undefined> {
  const [row] = await sql<RequestRow[]>`delete from oidc_requests where id = ${id} returning *`;
  return row;
}
