-- Optional two-factor login (TOTP, RFC 6238) with one-time recovery codes. Secrets are sealed
-- with the link key (AES-256-GCM, as personal links are), never stored readable.
alter table accounts add column totp_secret text null;
-- a secret being set up, not yet confirmed with a code; replaced by every new setup
alter table accounts add column totp_pending text null;
alter table accounts add column totp_enabled_at timestamptz null;
-- the last time step a code was accepted for: a code works once (RFC 6238 section 5.2)
alter table accounts add column totp_last_step bigint null;

create table account_recovery_codes (
  account_id uuid not null references accounts on delete cascade,
  -- sha256 of the code, normalised (lower case, no dash)
  code_hash text not null,
  used_at timestamptz null,
  primary key (account_id, code_hash)
);
