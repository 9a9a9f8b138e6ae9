import type { Queryable } from "../db/connect.ts";

export interface OutboxMail {
  id: string;
  kind: string;
  variant: string | null;
  roundId: string | null;
  roundTitle: string | null;
  to: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
  sentAt: Date | null;
}

/** Mails the app kept instead of sending (no SMTP configured), newest first. */
export async function listOutbox(sql: Queryable, roundId: string | null, limit: number): Promise<OutboxMail[]> {
  return sql<OutboxMail[]>`
    select
      m.id, m.kind, m.variant, m.round_id as "roundId", r.title as "roundTitle",
      coalesce(m.to_address, p.email) as "to",
      m.subject, m.text_body as text, m.html_body as html, m.sent_at as "sentAt"
    from mails m
    left join respondents p on p.id = m.respondent_id
    left join rounds r on r.id = m.round_id
    where m.status = 'outbox'
      and ${roundId === null ? sql`true` : sql`m.round_id = ${roundId}`}
    order by m.sent_at desc, m.id
    limit ${limit}
  `;
}

/**
 * Clears the bodies of outbox copies in rounds that have closed: they hold the personal link in
 * plain text. Subject, recipient and time stay. Returns how many mails were cleared.
 */
export async function clearClosedRoundBodies(sql: Queryable, now: Date): Promise<number> {
  const cleared = await sql`
    update mails
    set text_body = null, html_body = null
    where id in (
      select m.id
      from mails m
      join rounds r on r.id = m.round_id
      where (m.text_body is not null or m.html_body is not null)
        and r.closes_at <= ${now}
      for update of m skip locked
    )
  `;
  return cleared.count;
}
