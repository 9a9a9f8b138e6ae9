-- Bursts through an open link that an admin excluded from the results (server/respond/bursts.ts).
-- The responses move here whole, out of `responses`, so every report, export and tally leaves
-- them out without knowing of exclusions (the tallies' delete trigger takes them out); putting an
-- exclusion back moves them back, to be counted again.
create table open_link_exclusions (
  id uuid primary key,
  round_id uuid not null references rounds on delete cascade,
  from_at timestamptz not null,
  to_at timestamptz not null,
  responses int not null,
  created_at timestamptz not null default now()
);
create index open_link_exclusions_round_id on open_link_exclusions (round_id);

create table excluded_responses (
  response_id uuid primary key,
  exclusion_id uuid not null references open_link_exclusions on delete cascade,
  -- the row of `responses` as it was (to_jsonb)
  response jsonb not null
);
create index excluded_responses_exclusion_id on excluded_responses (exclusion_id);
