-- Logging in with the organisation's account through OpenID Connect (server/oidc/).

-- An account that only logs in through OpenID Connect has no password.
alter table accounts alter column password_hash drop not null;

-- The identity provider's issuer and subject ("sub") an account is linked to; the pair is unique.
-- role_source: 'admin' when an admin (or the CLI) chose the role, 'oidc' when the provider's
-- claims did; a role from claims is renewed at every login and ends when the claims drop it.
alter table accounts
  add column oidc_issuer text null,
  add column oidc_subject text null,
  add column role_source text not null default 'admin' check (role_source in ('admin', 'oidc')),
  add constraint accounts_oidc_pair check ((oidc_issuer is null) = (oidc_subject is null));

create unique index accounts_oidc_identity on accounts (oidc_issuer, oidc_subject)
  where oidc_subject is not null;

-- A login on its way through the provider: found by the sha256 of a random value in a short-lived
-- cookie of the browser that started it, so only that browser can finish it, once.
create table oidc_flows (
  id_hash text primary key,
  state text not null,
  nonce text not null,
  code_verifier text not null,
  return_to text not null,
  expires_at timestamptz not null
);

create index oidc_flows_expires_at on oidc_flows (expires_at);

-- People who logged in with their organisation's account but have no role yet: no access until
-- an admin gives them one (or turns them away).
create table oidc_requests (
  id uuid primary key,
  issuer text not null,
  subject text not null,
  email text not null,
  name text not null default '',
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  unique (issuer, subject)
);
