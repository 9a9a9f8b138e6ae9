-- "Wants more" (issue 12): for paired current/desired items, how many respondents want more than
-- there is (desired > current), per statement and per theme. That compares the two answers of one
-- response, which value counts cannot give, so each counted response also adds derived rows to
-- answer_tallies, beside its answers:
--   side 'more',       item_id = the pair item, value_num = sign(desired − current)
--   side 'theme-more', item_id = the theme,     value_num = sign of the theme's summed
--                      (desired − current), reversed statements counted the other way round
-- A report then reads them like any tally (server/reports/tallies.ts).

-- Which pair items count in their theme, per scan version (versions never change). Discriminating
-- statements count only when the scan's gap score says so (`score gap discriminating in-theme`,
-- dsl/aggregators/gap.ts); otherwise they are reported apart.
create table pair_items (
  scan_version_id int not null references scan_versions on delete cascade,
  item_id text not null,
  theme_id text not null,
  reversed boolean not null,
  primary key (scan_version_id, item_id)
);

create function pair_items_of(v int, compiled jsonb) returns table (
  scan_version_id int, item_id text, theme_id text, reversed boolean
)
language sql immutable as $$
  select v, i ->> 'id', i ->> 'theme', coalesce((i ->> 'reverse')::boolean, false)
  from jsonb_array_elements(compiled -> 'model' -> 'items') i
  where i ->> 'kind' = 'pair'
    and (
      not coalesce((i ->> 'discriminating')::boolean, false)
      or exists (
        select 1 from jsonb_array_elements(compiled -> 'model' -> 'aggregators') a
        where a ->> 'name' = 'gap' and a -> 'params' ->> 'discriminating' = 'in-theme'
      )
    )
$$;

create function scan_versions_pair_items() returns trigger
language plpgsql as $$
begin
  insert into pair_items select * from pair_items_of(new.id, new.compiled);
  return null;
end
$$;

create trigger scan_versions_pair_items
  after insert on scan_versions
  for each row execute function scan_versions_pair_items();

insert into pair_items select p.* from scan_versions v cross join lateral pair_items_of(v.id, v.compiled) p;

-- Everything one response adds to the tallies: its numeric answers, then the derived rows above.
create function tally_values(v int, items text[], sides text[], vals int[]) returns table (
  item_id text, side text, value_num int
)
language sql stable as $$
  with a as (
    select a.item_id, a.side, a.value_num
    from unnest(items, sides, vals) as a (item_id, side, value_num)
    where a.value_num is not null
  ),
  d as (
    select a.item_id,
      max(a.value_num) filter (where a.side = 'desired') - max(a.value_num) filter (where a.side = 'current') as diff
    from a
    where a.side is not null
    group by a.item_id
  )
  select a.item_id, coalesce(a.side, ''), a.value_num from a
  union all
  select d.item_id, 'more', sign(d.diff)::int from d where d.diff is not null
  union all
  select p.theme_id, 'theme-more', sign(sum(case when p.reversed then -d.diff else d.diff end))::int
  from d
  join pair_items p on p.scan_version_id = v and p.item_id = d.item_id
  where d.diff is not null
  group by p.theme_id
$$;

create or replace function response_tallies_remove() returns trigger
language plpgsql as $$
begin
  -- A round being deleted drops its tallies first: nothing is left to subtract.
  if exists (select 1 from answer_tallies where round_id = old.round_id) then
    update answer_tallies t
    set count = t.count - o.count
    from (
      select coalesce(old.team, '') as team, a.item_id, a.side, a.value_num, count(*)::int as count
      from tally_values(old.scan_version_id, old.num_items, old.num_sides, old.num_values) a
      group by 1, 2, 3, 4
      order by 1, 2, 3, 4
    ) o
    where t.round_id = old.round_id and t.shard = tally_shard(old.id) and t.team = o.team
      and t.item_id = o.item_id and t.side = o.side and t.value_num = o.value_num;
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  new.tallied := false;
  return new;
end
$$;

create or replace function responses_move_tallies() returns trigger
language plpgsql as $$
begin
  if not new.tallied then
    return null;
  end if;
  update answer_tallies t
  set count = t.count + d.delta
  from (
    select x.team, a.item_id, a.side, a.value_num, sum(x.delta)::int as delta
    from tally_values(new.scan_version_id, new.num_items, new.num_sides, new.num_values) a
    cross join (values (coalesce(old.team, ''), -1), (coalesce(new.team, ''), 1)) as x (team, delta)
    group by 1, 2, 3, 4
  ) d
  where t.round_id = new.round_id and t.shard = tally_shard(new.id) and t.team = d.team
    and t.item_id = d.item_id and t.side = d.side and t.value_num = d.value_num;
  insert into answer_tallies (round_id, team, item_id, side, value_num, shard, count)
  select new.round_id, coalesce(new.team, ''), a.item_id, a.side, a.value_num, tally_shard(new.id), count(*)
  from tally_values(new.scan_version_id, new.num_items, new.num_sides, new.num_values) a
  group by 1, 2, 3, 4, 5, 6
  on conflict (round_id, team, item_id, side, value_num, shard) do nothing;
  return null;
end
$$;

-- Responses counted before this migration lack their derived rows: the next report counts them
-- again (with the tallies gone first, the trigger above has nothing to subtract).
delete from answer_tallies;
update responses set tallied = false where tallied;
