-- Tallies are no longer added to while a submission is stored: a submit only writes its response
-- and answers, and the next report folds every submitted response not yet counted into the
-- tallies (server/db/stats.ts, foldTallies). This takes the tally upsert, and the waiting on
-- tally rows it caused, off the submit path. Removing answers (a re-submit, a deleted response)
-- and moving a response to another team still adjust the tallies at once, but only for responses
-- already counted.
alter table responses add column tallied boolean not null default false;
-- Until now every stored answer was counted by the insert trigger.
update responses set tallied = true where status = 'submitted';
create index responses_untallied on responses (round_id) where status = 'submitted' and not tallied;

drop trigger answers_tally_insert on answers;

create or replace function answer_tallies_remove() returns trigger
language plpgsql as $$
begin
  update answer_tallies t
  set count = t.count - o.count
  from (
    select o.round_id, coalesce(r.team, '') as team, o.item_id, coalesce(o.side, '') as side,
      o.value_num, tally_shard(o.response_id) as shard, count(*)::int as count
    from old_answers o
    join responses r on r.id = o.response_id
    where o.value_num is not null and r.tallied
    group by 1, 2, 3, 4, 5, 6
    order by 1, 2, 3, 4, 5, 6
  ) o
  where t.round_id = o.round_id and t.team = o.team and t.item_id = o.item_id
    and t.side = o.side and t.value_num = o.value_num and t.shard = o.shard;
  -- A re-submit then marks the response not tallied (server/db/responses.ts, markSubmitted), so
  -- its new answers are counted by the next fold. (Not here: during a response's own deletion
  -- its row cannot be updated.)
  return null;
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
    select a.round_id, x.team, a.item_id, coalesce(a.side, '') as side, a.value_num,
      tally_shard(a.response_id) as shard, sum(x.delta)::int as delta
    from answers a
    cross join (values (coalesce(old.team, ''), -1), (coalesce(new.team, ''), 1)) as x (team, delta)
    where a.response_id = new.id and a.value_num is not null
    group by 1, 2, 3, 4, 5, 6
  ) d
  where t.round_id = d.round_id and t.team = d.team and t.item_id = d.item_id
    and t.side = d.side and t.value_num = d.value_num and t.shard = d.shard;
  insert into answer_tallies (round_id, team, item_id, side, value_num, shard, count)
  select a.round_id, coalesce(new.team, ''), a.item_id, coalesce(a.side, ''), a.value_num,
    tally_shard(a.response_id), count(*)
  from answers a
  where a.response_id = new.id and a.value_num is not null
  group by 1, 2, 3, 4, 5, 6
  on conflict (round_id, team, item_id, side, value_num, shard) do nothing;
  return null;
end
$$;
