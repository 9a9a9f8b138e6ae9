-- Invitations and reminders by e-mail (issue 5).

-- Secrets the app makes for itself when none is configured (e.g. the key that seals links).
create table app_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);

-- A respondent's personal link, sealed (AES-256-GCM), so reminders can carry it again later.
-- The token itself is still only matched by its hash (respondents.token_hash).
create table respondent_links (
  respondent_id uuid primary key references respondents on delete cascade,
  sealed text not null
);

-- Per round: the editable mail texts and the reminder schedule.
create table round_mail_settings (
  round_id uuid primary key references rounds on delete cascade,
  -- { invitation: { subject, body }, reminderNotStarted: {...}, reminderStarted: {...} }; null: the default text
  texts jsonb not null default '{}',
  reminders_enabled boolean not null default true,
  reminder_after_days int not null default 10 check (reminder_after_days >= 0),
  reminder_interval_days int not null default 7 check (reminder_interval_days >= 1),
  max_reminders int not null default 2 check (max_reminders between 0 and 10),
  updated_at timestamptz not null default now()
);

-- The mail queue, which is also the outbox when no SMTP server is configured.
-- One row per mail that should exist; `dedupe_key` makes scheduling idempotent, so two app
-- instances (or a retry after a crash) never create the same mail twice.
create table mails (
  id uuid primary key,
  dedupe_key text not null unique,
  kind text not null check (kind in ('invitation', 'reminder', 'series-due')),
  round_id uuid null references rounds on delete cascade,
  respondent_id uuid null references respondents on delete cascade,
  -- 0 for an invitation, 1..n for the n-th reminder
  seq int not null default 0,
  -- for mails to people who are not respondents (a teamleader)
  to_address text null,
  -- queued → sending (leased by one instance) → sent | outbox | failed | bounced | cancelled
  status text not null default 'queued'
    check (status in ('queued', 'sending', 'sent', 'outbox', 'failed', 'bounced', 'cancelled')),
  -- the wording a reminder was sent with: 'not-started' | 'started'
  variant text null,
  attempts int not null default 0,
  next_attempt_at timestamptz not null,
  lease_id uuid null,
  lease_until timestamptz null,
  subject text null,
  -- kept only for the outbox (no SMTP): the admin reads the mail in the app
  text_body text null,
  html_body text null,
  message_id text null,
  error text null,
  payload jsonb null,
  created_at timestamptz not null,
  sent_at timestamptz null
);

create index mails_due on mails (next_attempt_at) where status in ('queued', 'sending');
create index mails_round on mails (round_id, respondent_id);
create index mails_respondent on mails (respondent_id, seq);
