-- Drafts of scan files written in the browser editor. Teamleaders and admins save drafts; only
-- an admin publishes one (it then becomes an immutable scan version and the draft is deleted).
-- `scan_id` and `title` are what the draft's text said when it was last saved, for the list.
create table scan_drafts (
  id uuid primary key,
  scan_id text null,
  title text not null default '',
  source text not null,
  created_by uuid null references accounts (id) on delete set null,
  updated_by uuid null references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index scan_drafts_created_by on scan_drafts (created_by);
