-- Report statistics kept current as answers are stored: per round, team, item, side and value,
-- how many answers gave that value. A report then reads a few hundred tally rows instead of
-- grouping every answer of a round (100,000 responses to the bachelorscan are 9 million answer
-- rows). The tallies are themselves a GROUP BY over the answers of each insert or delete
-- statement; server/db/stats.ts can recompute them from `answers` to check them.
-- Only numeric answers are tallied; choices and open text are grouped directly when asked.
-- team and side are '' rather than null so they can be part of the primary key.
create table answer_tallies (
  round_id uuid not null,
  team text not null,
  item_id text not null,
  side text not null,
  value_num integer not null,
  count integer not null,
  primary key (round_id, team, item_id, side, value_num)
);

create function answer_tallies_add() returns trigger
language plpgsql as $$
begin
  -- Sorted so that concurrent submits lock tally rows in the same order (no deadlock).
  insert into answer_tallies as t (round_id, team, item_id, side, value_num, count)
  select n.round_id, coalesce(r.team, ''), n.item_id, coalesce(n.side, ''), n.value_num, count(*)
  from new_answers n
  join responses r on r.id = n.response_id
  where n.value_num is not null
  group by 1, 2, 3, 4, 5
  order by 1, 2, 3, 4, 5
  on conflict (round_id, team, item_id, side, value_num)
  do update set count = t.count + excluded.count;
  return null;
end
$$;

create function answer_tallies_remove() returns trigger
language plpgsql as $$
begin
  update answer_tallies t
  set count = t.count - o.count
  from (
    select o.round_id, coalesce(r.team, '') as team, o.item_id, coalesce(o.side, '') as side,
      o.value_num, count(*)::int as count
    from old_answers o
    join responses r on r.id = o.response_id
    where o.value_num is not null
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5
  ) o
  where t.round_id = o.round_id and t.team = o.team and t.item_id = o.item_id
    and t.side = o.side and t.value_num = o.value_num;
  return null;
end
$$;

create trigger answers_tally_insert
  after insert on answers
  referencing new table as new_answers
  for each statement execute function answer_tallies_add();

create trigger answers_tally_delete
  after delete on answers
  referencing old table as old_answers
  for each statement execute function answer_tallies_remove();

-- The tally triggers find a response's team through `responses`; when a response is deleted its
-- answers go first, while the response row can still be read.
create function responses_delete_answers() returns trigger
language plpgsql as $$
begin
  delete from answers where response_id = old.id;
  return old;
end
$$;

create trigger responses_delete_answers
  before delete on responses
  for each row execute function responses_delete_answers();

-- Moving a response to another team moves its tallies with it.
create function responses_move_tallies() returns trigger
language plpgsql as $$
begin
  update answer_tallies t
  set count = t.count + d.delta
  from (
    select a.round_id, x.team, a.item_id, coalesce(a.side, '') as side, a.value_num,
      sum(x.delta)::int as delta
    from answers a
    cross join (values (coalesce(old.team, ''), -1), (coalesce(new.team, ''), 1)) as x (team, delta)
    where a.response_id = new.id and a.value_num is not null
    group by 1, 2, 3, 4, 5
  ) d
  where t.round_id = d.round_id and t.team = d.team and t.item_id = d.item_id
    and t.side = d.side and t.value_num = d.value_num;
  insert into answer_tallies (round_id, team, item_id, side, value_num, count)
  select a.round_id, coalesce(new.team, ''), a.item_id, coalesce(a.side, ''), a.value_num, count(*)
  from answers a
  where a.response_id = new.id and a.value_num is not null
  group by 1, 2, 3, 4, 5
  on conflict (round_id, team, item_id, side, value_num) do nothing;
  return null;
end
$$;

create trigger responses_move_tallies
  after update of team on responses
  for each row when (old.team is distinct from new.team)
  execute function responses_move_tallies();
