create table scans (
  id text primary key,
  title text not null,
  created_at timestamptz not null default now()
);

create table scan_versions (
  id serial primary key,
  scan_id text not null references scans,
  version int not null,
  checksum text not null,
  source text not null,
  compiled jsonb not null,
  created_at timestamptz not null default now(),
  unique (scan_id, version),
  unique (scan_id, checksum)
);

create table rounds (
  id uuid primary key,
  scan_version_id int not null references scan_versions,
  title text not null,
  group_name text not null,
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  anonymous boolean not null,
  allow_edit boolean not null,
  min_group_size int not null default 5,
  open_token_hash text unique null,
  series_id uuid null,
  created_at timestamptz not null default now(),
  check (closes_at > opens_at)
);

create table respondents (
  id uuid primary key,
  round_id uuid not null references rounds,
  name text not null,
  email text not null,
  team text null,
  token_hash text not null unique,
  status text not null default 'invited'
    check (status in ('invited', 'opened', 'started', 'submitted')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index respondents_round_id on respondents (round_id);

create table responses (
  id uuid primary key,
  round_id uuid not null references rounds,
  scan_version_id int not null references scan_versions,
  respondent_id uuid null references respondents,
  owner_hash text null,
  -- true for responses through a round's open link: many visitors share one owner_hash
  open_link boolean not null default false,
  team text null,
  status text not null check (status in ('draft', 'submitted')),
  data jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz null,
  check ((respondent_id is null) <> (owner_hash is null))
);

-- one response per personal link, whether the round is anonymous or not
create unique index responses_one_per_respondent on responses (respondent_id)
  where respondent_id is not null;
create unique index responses_one_per_anonymous_token on responses (owner_hash)
  where owner_hash is not null and not open_link;
create index responses_round_id on responses (round_id);

create table answers (
  response_id uuid not null references responses on delete cascade,
  round_id uuid not null,
  item_id text not null,
  side text null check (side in ('current', 'desired')),
  value_num integer null,
  value_text text null
);

create index answers_response_id on answers (response_id);
create index answers_round_item on answers (round_id, item_id);
