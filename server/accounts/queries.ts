import type { Queryable } from "../db/connect.ts";

export type Role = "admin" | "teamleader" | "viewer";
export const roles: readonly Role[] = ["admin", "teamleader", "viewer"];

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  /** Null for an account that logs in only through OpenID Connect. */
  password_hash: string | null;
  role: Role;
  teams: string[];
  created_at: Date;
  last_login_at: Date | null;
  /** Null while the account is active. */
  deactivated_at: Date | null;
  /** Whether logging in also takes a code (server/accounts/two-factor.ts). */
  two_factor: boolean;
}

const accountColumns = (sql: Queryable) => sql`
  a.id, a.email, a.name, a.password_hash, a.role, a.created_at, a.last_login_at, a.deactivated_at,
  a.totp_enabled_at is not null as two_factor,
  coalesce(
    (select array_agg(t.team order by t.team) from account_teams t where t.account_id = a.id),
    '{}'
  ) as teams
`;

export async function countAccounts(sql: Queryable): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from accounts`;
  return row!.n;
}

export async function insertAccount(
  sql: Queryable,
  account: { id: string; email: string; name: string; passwordHash: string; role: Role; teams: string[] },
): Promise<void> {
  await sql`
    insert into accounts (id, email, name, password_hash, role)
    values (${account.id}, ${account.email}, ${account.name}, ${account.passwordHash}, ${account.role})
  `;
  for (const team of account.teams) {
    await sql`
      insert into account_teams (account_id, team)
      values (${account.id}, ${team})
      on conflict do nothing
    `;
  }
}

export async function findAccountByEmail(sql: Queryable, email: string): Promise<AccountRow | undefined> {
  const [row] = await sql<AccountRow[]>`
    select ${accountColumns(sql)}
    from accounts a
    where a.email = ${email}
  `;
  return row;
}

export async function findAccount(sql: Queryable, id: string): Promise<AccountRow | undefined> {
  const [row] = await sql<AccountRow[]>`
    select ${accountColumns(sql)}
    from accounts a
    where a.id = ${id}
  `;
  return row;
}

export async function listAccounts(sql: Queryable): Promise<AccountRow[]> {
  return sql<AccountRow[]>`
    select ${accountColumns(sql)}
    from accounts a
    order by a.email
  `;
}

export async function setPassword(sql: Queryable, accountId: string, passwordHash: string): Promise<void> {
  await sql`
    update accounts
    set password_hash = ${passwordHash}, updated_at = now()
    where id = ${accountId}
  `;
  // A new password ends every existing session of the account.
  await sql`delete from sessions where account_id = ${accountId}`;
}

/** Sets the role and the teams (which replace the old ones). */
export async function setRole(sql: Queryable, accountId: string, role: Role, teams: string[]): Promise<void> {
  await sql`update accounts set role = ${role}, updated_at = now() where id = ${accountId}`;
  await sql`delete from account_teams where account_id = ${accountId}`;
  for (const team of teams) {
    await sql`
      insert into account_teams (account_id, team)
      values (${accountId}, ${team})
      on conflict do nothing
    `;
  }
}

/** Deactivating ends every session of the account at once; reactivating lets it log in again. */
export async function setActive(sql: Queryable, accountId: string, active: boolean): Promise<void> {
  await sql`
    update accounts
    set deactivated_at = ${active ? sql`null` : sql`coalesce(deactivated_at, now())`}, updated_at = now()
    where id = ${accountId}
  `;
  if (!active) await sql`delete from sessions where account_id = ${accountId}`;
}

export async function countActiveAdmins(sql: Queryable): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n
    from accounts
    where role = 'admin' and deactivated_at is null
  `;
  return row!.n;
}

export async function markLogin(sql: Queryable, accountId: string): Promise<void> {
  await sql`update accounts set last_login_at = now() where id = ${accountId}`;
}

export async function insertSession(
  sql: Queryable,
  session: { idHash: string; accountId: string; expiresAt: Date },
): Promise<void> {
  await sql`
    insert into sessions (id_hash, account_id, expires_at)
    values (${session.idHash}, ${session.accountId}, ${session.expiresAt})
  `;
}

/** The account behind a live session; expired sessions and deactivated accounts find nothing. */
export async function findSessionAccount(sql: Queryable, idHash: string): Promise<AccountRow | undefined> {
  const [row] = await sql<AccountRow[]>`
    select ${accountColumns(sql)}
    from sessions s
    join accounts a on a.id = s.account_id
    where s.id_hash = ${idHash} and s.expires_at > now() and a.deactivated_at is null
  `;
  return row;
}

export async function deleteSession(sql: Queryable, idHash: string): Promise<void> {
  await sql`delete from sessions where id_hash = ${idHash}`;
}

/** Returns how many were deleted. */
export async function deleteExpiredSessions(sql: Queryable): Promise<number> {
  const deleted = await sql`delete from sessions where expires_at <= now()`;
  return deleted.count;
}
