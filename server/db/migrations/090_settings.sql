-- Organisation-wide settings: exactly one row, read by every instance. Each feature adds its own
-- typed columns in its own migration (with a default, so the one row stays valid) and lists them
-- in server/settings/service.ts.
create table settings (
  id boolean primary key default true check (id),
  -- The privacy floor: no round of a scan answered by individuals may name a smaller minimum
  -- group size, and reports use the larger of the two. Never below 3 (ARCHITECTURE.md).
  min_group_size int not null default 5 check (min_group_size between 3 and 1000),
  updated_at timestamptz not null default now()
);
insert into settings (id) values (true);

-- Rounds created before the floor existed may name less; reports use the floor for them anyway,
-- and the stored value now says so too.
update rounds set min_group_size = 5 where min_group_size < 5;

-- The last line of defence: whatever code path writes a round, its minimum cannot be set below
-- the floor. A round whose minimum is left as it was (a date change) is not checked again, so
-- raising the floor later does not lock older rounds; reports apply the new floor to them.
create function rounds_min_group_size_floor() returns trigger
language plpgsql as $$
declare
  floor_size int;
begin
  if tg_op = 'UPDATE' and new.min_group_size = old.min_group_size then
    return new;
  end if;
  select min_group_size into floor_size from settings;
  if new.min_group_size < coalesce(floor_size, 3) then
    raise exception 'minimum group size % is below the privacy floor %', new.min_group_size, floor_size
      using errcode = 'check_violation', constraint = 'rounds_min_group_size_floor';
  end if;
  return new;
end
$$;

create trigger rounds_min_group_size_floor
  before insert or update of min_group_size on rounds
  for each row execute function rounds_min_group_size_floor();
