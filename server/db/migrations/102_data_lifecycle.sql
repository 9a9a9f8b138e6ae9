-- How long personal data is kept (server/lifecycle/), and whether people may log in with a password.

alter table settings
  -- Months after a round closes until its names, e-mail addresses, mails and drafts are deleted;
  -- the answers stay, no longer linked to anyone.
  add column retention_months int not null default 12 check (retention_months between 1 and 120),
  -- Months the audit log keeps an entry. At least 6, so nobody can make a change and then purge
  -- the record of it: lowering this is itself an entry that stays.
  add column audit_retention_months int not null default 24 check (audit_retention_months between 6 and 120),
  -- False: only organisation accounts (OpenID Connect) log in; ignored while OIDC is not configured.
  add column password_login boolean not null default true;

-- The audit log's guard (migration 100) now reads the setting.
create or replace function audit_retention_months() returns int
language sql stable as $$
  select coalesce((select audit_retention_months from settings where id), 24)
$$;

-- When the retention pass erased a round's personal data; such a round cannot mail anyone again.
alter table rounds add column personal_data_erased_at timestamptz null;

-- A respondent whose name, e-mail address and link were erased (retention, or an AVG request on
-- an anonymous round). The row stays so response rates and team counts still add up.
alter table respondents add column erased_at timestamptz null;

-- Stale drafts are found without reading every response.
create index responses_drafts on responses (updated_at) where status = 'draft';
