-- Admin accounts, the teams a teamleader answers for, and login sessions.
create table accounts (
  id uuid primary key,
  -- stored lowercased: e-mail addresses are compared case-insensitively
  email text not null unique check (email = lower(email)),
  name text not null default '',
  -- argon2id PHC string
  password_hash text not null,
  role text not null check (role in ('admin', 'teamleader', 'viewer')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_login_at timestamptz null
);

-- A teamleader sees the rounds whose group_name is one of their teams.
create table account_teams (
  account_id uuid not null references accounts on delete cascade,
  team text not null,
  primary key (account_id, team)
);

create table sessions (
  -- sha256 of the cookie value; the cookie itself is never stored
  id_hash text primary key,
  account_id uuid not null references accounts on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create index sessions_account_id on sessions (account_id);
