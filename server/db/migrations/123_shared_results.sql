-- A respondent's own result, shared by their own choice (issue 12, the Traptrede's progress talk):
-- a snapshot of the answers they picked, behind a link of its own that they can send to whom they
-- like and take back. Only the token's hash is stored. The owner is known by a hash of their own
-- link token and response id, which the database alone cannot compute: a share does not point at a
-- response, and no admin page lists shares (server/reports/shared-results.ts).
create table shared_results (
  id uuid primary key,
  token_hash text not null unique,
  owner_hash text not null,
  round_id uuid not null references rounds on delete cascade,
  content jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create index shared_results_owner on shared_results (owner_hash);
create index shared_results_expiry on shared_results (expires_at);
