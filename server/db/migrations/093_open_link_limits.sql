-- Open links (issue 11): one client could swamp a round through its open link. Each round now
-- has a cap on the responses its open link takes and a rate (new responses per hour), counted on
-- the round's row so every instance shares them (server/respond/open-link.ts), and one browser is one
-- respondent: a device cookie, kept per round as a hash, allows one response per device unless
-- the round is answered on a shared device (interviews on one tablet).
alter table rounds
  add column open_link_max_responses int not null default 1000
    check (open_link_max_responses between 1 and 100000),
  add column open_link_per_hour int not null default 200
    check (open_link_per_hour between 1 and 100000),
  add column open_link_one_per_device boolean not null default true,
  -- new responses let in through the open link (what the cap counts)
  add column open_link_admitted int not null default 0,
  -- the rate as a token bucket of open_link_per_hour, refilled at that many an hour: what is left
  -- of it at open_link_bucket_at (null: full)
  add column open_link_bucket double precision null,
  add column open_link_bucket_at timestamptz null;

-- sha256('device:' || round id || ':' || the browser's device cookie); null for personal links
-- and for rounds answered on a shared device
alter table responses add column device_hash text null;
create unique index responses_one_per_device on responses (round_id, device_hash)
  where device_hash is not null;
-- the rate: open-link responses of a round by the time they were started
create index responses_open_link_created_at on responses (round_id, created_at) where open_link;
