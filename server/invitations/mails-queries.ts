// The mail queue (and outbox): scheduling is idempotent by `dedupe_key`, sending claims rows
// with FOR UPDATE SKIP LOCKED and a lease, so several app instances share the work without
// sending a mail twice.
import { randomUUID } from "node:crypto";
import type { Queryable } from "../db/connect.ts";
import type { MailTexts } from "./mail-templates.ts";

export type MailStatus = "queued" | "sending" | "sent" | "outbox" | "failed" | "bounced" | "cancelled";
export type MailKind = "invitation" | "reminder" | "series-due" | "account-notice";

/** Mails written in full when queued (`payload`), to someone who is not a respondent. */
export const prewrittenKinds: ReadonlySet<MailKind> = new Set(["series-due", "account-notice"]);

/** Queues a mail written in full, once per `dedupeKey`; true when it was new. */
export async function queuePrewritten(
  sql: Queryable,
  mail: { dedupeKey: string; kind: MailKind; to: string; subject: string; text: string; html: string; now: Date },
): Promise<boolean> {
  const rows = await sql`
    insert into mails (id, dedupe_key, kind, to_address, payload, next_attempt_at, created_at)
    values (${randomUUID()}, ${mail.dedupeKey}, ${mail.kind}, ${mail.to},
            ${sql.json({ subject: mail.subject, text: mail.text, html: mail.html })}, ${mail.now}, ${mail.now})
    on conflict (dedupe_key) do nothing
    returning id
  `;
  return rows.length > 0;
}

export interface MailSettingsRow {
  round_id: string;
  texts: MailTexts;
  reminders_enabled: boolean;
  reminder_after_days: number;
  reminder_interval_days: number;
  max_reminders: number;
}

export const defaultSettings = {
  reminders_enabled: true,
  reminder_after_days: 10,
  reminder_interval_days: 7,
  max_reminders: 2,
};

export async function findSettings(sql: Queryable, roundId: string): Promise<MailSettingsRow> {
  const [row] = await sql<MailSettingsRow[]>`
    select round_id, texts, reminders_enabled, reminder_after_days, reminder_interval_days, max_reminders
    from round_mail_settings
    where round_id = ${roundId}
  `;
  return row ?? { round_id: roundId, texts: {}, ...defaultSettings };
}

export async function saveSettings(sql: Queryable, s: MailSettingsRow, now: Date): Promise<void> {
  await sql`
    insert into round_mail_settings (
      round_id, texts, reminders_enabled, reminder_after_days, reminder_interval_days, max_reminders, updated_at
    )
    values (
      ${s.round_id}, ${sql.json(s.texts as never)}, ${s.reminders_enabled}, ${s.reminder_after_days},
      ${s.reminder_interval_days}, ${s.max_reminders}, ${now}
    )
    on conflict (round_id) do update set
      texts = excluded.texts,
      reminders_enabled = excluded.reminders_enabled,
      reminder_after_days = excluded.reminder_after_days,
      reminder_interval_days = excluded.reminder_interval_days,
      max_reminders = excluded.max_reminders,
      updated_at = excluded.updated_at
  `;
}

/** Whether respondent `p`'s sealed link is kept (it is deleted once the round closes). */
const hasLink = (sql: Queryable, kept: boolean) =>
  kept
    ? sql`exists (select 1 from respondent_links l where l.respondent_id = p.id)`
    : sql`not exists (select 1 from respondent_links l where l.respondent_id = p.id)`;

/** Respondents of an open round (all, or the given ones) who have not answered and have no invitation yet. */
const invitable = (sql: Queryable, roundId: string, now: Date, respondentIds: string[] | null) => sql`
  from respondents p
  join rounds r on r.id = p.round_id
  where p.round_id = ${roundId}
    and r.closes_at > ${now}
    -- Someone who already answered (through a link handed over another way) needs no invitation.
    and p.status <> 'submitted'
    and ${respondentIds === null ? sql`true` : sql`p.id = any(${respondentIds}::uuid[])`}
    and not exists (select 1 from mails i where i.dedupe_key = 'invite:' || p.id)
`;

/**
 * Queues an invitation for each respondent of the round that has none yet and whose link is
 * kept; sent from the round's opening.
 */
export async function queueInvitations(
  sql: Queryable,
  roundId: string,
  now: Date,
  respondentIds: string[] | null,
): Promise<number> {
  const rows = await sql`
    insert into mails (id, dedupe_key, kind, round_id, respondent_id, seq, next_attempt_at, created_at)
    select
      gen_random_uuid(), 'invite:' || p.id, 'invitation', p.round_id, p.id, 0,
      greatest(${now}::timestamptz, r.opens_at), ${now}
    ${invitable(sql, roundId, now, respondentIds)}
      and ${hasLink(sql, true)}
    on conflict (dedupe_key) do nothing
    returning id
  `;
  return rows.length;
}

/**
 * Queues every reminder that is due: to respondents who have not submitted, in open rounds with
 * reminders on, `after` days after the invitation went out and `interval` days after the previous
 * reminder, at most `max` times, while their link is kept. The dedupe key `remind:<respondent>:<n>`
 * means a second instance running the same query at the same moment inserts nothing.
 */
export async function queueDueReminders(sql: Queryable, now: Date): Promise<number> {
  const rows = await sql`
    insert into mails (id, dedupe_key, kind, round_id, respondent_id, seq, next_attempt_at, created_at)
    select
      gen_random_uuid(), 'remind:' || p.id || ':' || (last.seq + 1), 'reminder', p.round_id, p.id,
      last.seq + 1, ${now}, ${now}
    from respondents p
    join rounds r on r.id = p.round_id
    left join round_mail_settings s on s.round_id = r.id
    join lateral (
      select max(m.seq) as seq, max(m.sent_at) as sent_at
      from mails m
      where m.respondent_id = p.id and m.kind in ('invitation', 'reminder') and m.status in ('sent', 'outbox')
    ) last on last.seq is not null
    where p.status <> 'submitted'
      and r.opens_at <= ${now}
      and r.closes_at > ${now}
      and coalesce(s.reminders_enabled, ${defaultSettings.reminders_enabled})
      and last.seq < coalesce(s.max_reminders, ${defaultSettings.max_reminders})
      and last.sent_at + make_interval(days => case
            when last.seq = 0 then coalesce(s.reminder_after_days, ${defaultSettings.reminder_after_days})
            else coalesce(s.reminder_interval_days, ${defaultSettings.reminder_interval_days})
          end) <= ${now}
      and not exists (
        select 1 from mails q
        where q.respondent_id = p.id and q.status in ('queued', 'sending')
      )
      and ${hasLink(sql, true)}
    on conflict (dedupe_key) do nothing
    returning id
  `;
  return rows.length;
}

/** Respondents of an open round (all, or the given ones) who were invited and have not submitted. */
const remindable = (sql: Queryable, roundId: string, now: Date, respondentIds: string[] | null) => sql`
  from respondents p
  join rounds r on r.id = p.round_id
  join lateral (
    select max(m.seq) as seq, max(m.created_at) filter (where m.kind = 'reminder') as reminded_at
    from mails m
    where m.respondent_id = p.id and m.kind in ('invitation', 'reminder') and m.status in ('sent', 'outbox')
  ) last on last.seq is not null
  where p.round_id = ${roundId}
    and p.status <> 'submitted'
    and r.closes_at > ${now}
    and ${respondentIds === null ? sql`true` : sql`p.id = any(${respondentIds}::uuid[])`}
    and not exists (
      select 1 from mails q
      where q.respondent_id = p.id and q.status in ('queued', 'sending')
    )
`;

/** When invitations of the round were last queued, or null when none were. */
export async function lastInvitationQueuedAt(sql: Queryable, roundId: string): Promise<Date | null> {
  const [row] = await sql<{ at: Date | null }[]>`
    select max(created_at) as at from mails where round_id = ${roundId} and kind = 'invitation'
  `;
  return row?.at ?? null;
}

/**
 * The cap on "send a reminder now" (issue 11): a respondent gets at most one reminder a day from
 * it, and never more than `maxReminders` reminders in all (the scheduled ones included), however
 * often the button is pressed.
 */
export const reminderCap = { gapMs: 24 * 3_600_000, maxReminders: 5 };

const withinCap = (sql: Queryable, now: Date) => sql`
  (last.reminded_at is null or last.reminded_at <= ${new Date(now.getTime() - reminderCap.gapMs)})
  and last.seq < ${reminderCap.maxReminders}
`;

/** Those "send a reminder now" would remind but for the cap, and when the first of them may be reminded again (null: never). */
export async function countCapped(
  sql: Queryable,
  roundId: string,
  now: Date,
  respondentIds: string[] | null,
): Promise<{ capped: number; nextAt: Date | null }> {
  const [row] = await sql<{ capped: number; next_at: Date | null }[]>`
    select count(*)::int as capped,
      min(last.reminded_at) filter (where last.seq < ${reminderCap.maxReminders}) + make_interval(secs => ${reminderCap.gapMs / 1000}) as next_at
    ${remindable(sql, roundId, now, respondentIds)}
      and ${hasLink(sql, true)}
      and not (${withinCap(sql, now)})
  `;
  return { capped: row!.capped, nextAt: row!.next_at };
}

/** An admin's "send a reminder now" to the given (or all) respondents who have not submitted and whose link is kept. */
export async function queueReminderNow(
  sql: Queryable,
  roundId: string,
  now: Date,
  respondentIds: string[] | null,
): Promise<number> {
  const rows = await sql`
    insert into mails (id, dedupe_key, kind, round_id, respondent_id, seq, next_attempt_at, created_at)
    select
      gen_random_uuid(), 'remind:' || p.id || ':' || (last.seq + 1), 'reminder', p.round_id, p.id,
      last.seq + 1, ${now}, ${now}
    ${remindable(sql, roundId, now, respondentIds)}
      and ${hasLink(sql, true)}
      and ${withinCap(sql, now)}
    on conflict (dedupe_key) do nothing
    returning id
  `;
  return rows.length;
}

/**
 * Respondents that `queueInvitations` (kind "invitation") or `queueReminderNow` ("reminder") skip
 * because their link was deleted (the round had closed).
 */
export async function countWithoutLink(
  sql: Queryable,
  kind: "invitation" | "reminder",
  roundId: string,
  now: Date,
  respondentIds: string[] | null,
): Promise<number> {
  const candidates = kind === "invitation" ? invitable : remindable;
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n
    ${candidates(sql, roundId, now, respondentIds)}
      and ${hasLink(sql, false)}
  `;
  return row!.n;
}

export interface ClaimedMail {
  id: string;
  kind: MailKind;
  seq: number;
  attempts: number;
  round_id: string | null;
  respondent_id: string | null;
  to_address: string | null;
  payload: Record<string, unknown> | null;
  name: string | null;
  email: string | null;
  respondent_status: string | null;
  sealed: string | null;
  round_title: string | null;
  closes_at: Date | null;
  scan_title: string | null;
  texts: MailTexts | null;
}

/**
 * Leases up to `limit` due mails to this caller until `leaseUntil`. Rows another instance holds
 * are skipped, not waited for; a lease that ran out (its instance crashed) is taken over.
 */
export async function claimDue(
  sql: Queryable,
  leaseId: string,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedMail[]> {
  return sql<ClaimedMail[]>`
    with claimed as (
      update mails m
      set status = 'sending', lease_id = ${leaseId}, lease_until = ${leaseUntil}, attempts = m.attempts + 1
      where m.id in (
        select id
        from mails
        where (status = 'queued' and next_attempt_at <= ${now})
           or (status = 'sending' and lease_until <= ${now})
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked
      )
      returning m.id, m.kind, m.seq, m.attempts, m.round_id, m.respondent_id, m.to_address, m.payload, m.next_attempt_at
    )
    select
      c.id, c.kind, c.seq, c.attempts, c.round_id, c.respondent_id, c.to_address, c.payload,
      p.name, p.email, p.status as respondent_status, l.sealed,
      r.title as round_title, r.closes_at, v.compiled->'model'->'title'->>'nl' as scan_title,
      s.texts
    from claimed c
    left join respondents p on p.id = c.respondent_id
    left join respondent_links l on l.respondent_id = c.respondent_id
    left join rounds r on r.id = c.round_id
    left join scan_versions v on v.id = r.scan_version_id
    left join round_mail_settings s on s.round_id = c.round_id
    order by c.next_attempt_at, c.id
  `;
}

export interface Delivered {
  status: "sent" | "outbox";
  subject: string;
  variant: string | null;
  messageId: string;
  /** Only for the outbox. */
  text: string | null;
  html: string | null;
}

/** Records a delivery, if this caller still holds the lease. */
export async function markDelivered(sql: Queryable, id: string, leaseId: string, now: Date, d: Delivered): Promise<boolean> {
  const rows = await sql`
    update mails
    set status = ${d.status}, sent_at = ${now}, subject = ${d.subject}, variant = ${d.variant},
        message_id = ${d.messageId}, text_body = ${d.text}, html_body = ${d.html},
        lease_id = null, lease_until = null, error = null
    where id = ${id} and lease_id = ${leaseId}
    returning id
  `;
  return rows.length === 1;
}

export async function markUndeliverable(
  sql: Queryable,
  id: string,
  leaseId: string,
  status: "failed" | "bounced" | "cancelled",
  error: string | null,
): Promise<void> {
  await sql`
    update mails
    set status = ${status}, error = ${error}, lease_id = null, lease_until = null
    where id = ${id} and lease_id = ${leaseId}
  `;
}

export async function markRetry(sql: Queryable, id: string, leaseId: string, at: Date, error: string): Promise<void> {
  await sql`
    update mails
    set status = 'queued', next_attempt_at = ${at}, error = ${error}, lease_id = null, lease_until = null
    where id = ${id} and lease_id = ${leaseId}
  `;
}
