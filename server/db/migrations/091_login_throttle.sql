-- Failed logins, shared by every instance (an in-memory count per instance would let a guesser
-- spread over instances, and forget everything on a restart). One row per account, keyed by the
-- SHA-256 of the e-mail address tried (also for addresses without an account, so the answers never
-- differ), and one per client address (also hashed). server/accounts/throttle.ts.
create table login_throttle (
  key text primary key,
  -- attempts since the last success, counted before the password is checked
  failures int not null default 0,
  last_attempt_at timestamptz not null,
  -- no attempt is checked before this time, not even with the right password
  blocked_until timestamptz null,
  -- when the account holder was told of this run of failures
  notified_at timestamptz null
);
create index login_throttle_last_attempt_at on login_throttle (last_attempt_at);

-- Mails about an account (a lockout notice) go to the account's address, written in full.
alter table mails drop constraint mails_kind_check;
alter table mails add constraint mails_kind_check
  check (kind in ('invitation', 'reminder', 'series-due', 'account-notice'));
