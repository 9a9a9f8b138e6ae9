// Recipients of a round with their state, and response rates per round and per team.
import type { Queryable } from "../db/connect.ts";
import type { MailStatus } from "./mails-queries.ts";

export interface RecipientRow {
  id: string;
  name: string;
  email: string;
  team: string | null;
  status: "invited" | "opened" | "started" | "submitted";
  invitation: MailStatus | null;
  invitation_error: string | null;
  reminders: number;
  last_mail_at: Date | null;
  link_kept: boolean;
}

export async function listRecipients(sql: Queryable, roundId: string): Promise<RecipientRow[]> {
  return sql<RecipientRow[]>`
    select
      p.id, p.name, p.email, p.team, p.status,
      i.status as invitation, i.error as invitation_error,
      (select count(*)::int from mails m
        where m.respondent_id = p.id and m.kind = 'reminder' and m.status in ('sent', 'outbox')) as reminders,
      (select max(m.sent_at) from mails m where m.respondent_id = p.id) as last_mail_at,
      exists (select 1 from respondent_links l where l.respondent_id = p.id) as link_kept
    from respondents p
    left join mails i on i.dedupe_key = 'invite:' || p.id
    where p.round_id = ${roundId}
    order by p.team nulls last, p.name, p.id
  `;
}

export async function roundEmails(sql: Queryable, roundId: string): Promise<Set<string>> {
  const rows = await sql<{ email: string }[]>`select lower(email) as email from respondents where round_id = ${roundId}`;
  return new Set(rows.map((r) => r.email));
}

export interface RateRow {
  round_id: string;
  team: string | null;
  respondents: number;
  opened: number;
  started: number;
  submitted: number;
}

/** Per round and team (a row with team null and `all` true is the round's total). */
export async function responseRates(sql: Queryable, roundIds: string[]): Promise<(RateRow & { all: boolean })[]> {
  return sql<(RateRow & { all: boolean })[]>`
    select
      p.round_id,
      p.team,
      grouping(p.team) = 1 as all,
      count(*)::int as respondents,
      count(*) filter (where p.status in ('opened', 'started', 'submitted'))::int as opened,
      count(*) filter (where p.status in ('started', 'submitted'))::int as started,
      count(*) filter (where p.status = 'submitted')::int as submitted
    from respondents p
    where p.round_id = any(${roundIds}::uuid[])
    group by p.round_id, rollup (p.team)
    order by p.round_id, grouping(p.team) desc, p.team nulls last
  `;
}
