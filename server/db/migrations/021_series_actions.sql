-- Series of repeated rounds, and action plans (issue 5).

-- A series ties the rounds of one scan for one group (rounds.series_id) with a cadence.
create table series (
  id uuid primary key,
  scan_id text not null references scans,
  group_name text not null,
  title text not null,
  -- the next round is due cadence_min_days after the last one opened, at the latest cadence_max_days
  cadence_min_days int not null check (cadence_min_days >= 1),
  cadence_max_days int not null check (cadence_max_days >= cadence_min_days),
  -- how long each round stays open
  round_days int not null default 21 check (round_days >= 1),
  -- open the next round by itself when due (else the teamleader is reminded to open it)
  auto_open boolean not null default false,
  created_at timestamptz not null default now()
);

create index rounds_series on rounds (series_id) where series_id is not null;

-- Actions on an element (item) or theme of a round's report: what, who, by when, status.
create table actions (
  id uuid primary key,
  round_id uuid not null references rounds on delete cascade,
  target_kind text not null check (target_kind in ('item', 'theme')),
  target_id text not null,
  what text not null,
  who text not null,
  due_on date null,
  status text not null default 'planned' check (status in ('planned', 'doing', 'done', 'dropped')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index actions_round on actions (round_id);
