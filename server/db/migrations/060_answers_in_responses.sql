-- A submitted response now holds its own answers, as parallel arrays in its row, instead of one
-- row per answer in a table of its own. A submit is then one insert of one row whatever the
-- scan's length: no answer rows, no foreign-key check per answer and no index entries per answer,
-- which were most of what a submit cost beyond a bare insert (the submit benchmark, issue 3).
--
-- Reading is unchanged: `answers` is now a view that unnests the arrays into one row per answer,
-- with the columns of the table it replaces, so reports still group answers in SQL
-- (server/db/stats.ts). Element i of each array is answer i (server/db/answers.ts builds them).
-- Drafts keep their answers only in `data`; their arrays stay empty until they are submitted.
alter table responses
  add column answer_items text[] not null default '{}',
  add column answer_sides text[] not null default '{}',
  add column answer_nums integer[] not null default '{}',
  add column answer_texts text[] not null default '{}',
  add constraint responses_answer_arrays check (
    cardinality(answer_sides) = cardinality(answer_items)
    and cardinality(answer_nums) = cardinality(answer_items)
    and cardinality(answer_texts) = cardinality(answer_items)
  ),
  -- A side is 'current', 'desired' or null (array_remove removes nulls too).
  add constraint responses_answer_sides check (
    cardinality(array_remove(array_remove(array_remove(answer_sides, 'current'), 'desired'), null)) = 0
  );

-- The answer rows move into their responses; the tallies stay as they are. The table's triggers
-- go with it (the insert trigger was dropped in 050).
update responses r
set answer_items = a.items, answer_sides = a.sides, answer_nums = a.nums, answer_texts = a.texts
from (
  select response_id,
    array_agg(item_id order by item_id, side, value_num, value_text) as items,
    array_agg(side order by item_id, side, value_num, value_text) as sides,
    array_agg(value_num order by item_id, side, value_num, value_text) as nums,
    array_agg(value_text order by item_id, side, value_num, value_text) as texts
  from answers
  group by response_id
) a
where r.id = a.response_id;

drop trigger responses_delete_answers on responses;
drop function responses_delete_answers();
drop table answers;
drop function answer_tallies_remove();
drop function answer_tallies_add();

create view answers as
select r.id as response_id, r.round_id, a.item_id, a.side, a.value_num, a.value_text
from responses r
cross join lateral unnest(r.answer_items, r.answer_sides, r.answer_nums, r.answer_texts)
  as a (item_id, side, value_num, value_text);

-- Tallies (010, 040, 050) hold a response's numeric answers once it is counted (`tallied`). When
-- a counted response's answers change or it is deleted, its old answers leave the tallies, and a
-- changed response is counted again, with its new answers, by the next fold
-- (server/db/stats.ts, foldTallies).
create function response_tallies_remove() returns trigger
language plpgsql as $$
begin
  update answer_tallies t
  set count = t.count - o.count
  from (
    select coalesce(old.team, '') as team, a.item_id, coalesce(a.side, '') as side, a.value_num,
      count(*)::int as count
    from unnest(old.answer_items, old.answer_sides, old.answer_nums) as a (item_id, side, value_num)
    where a.value_num is not null
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
  ) o
  where t.round_id = old.round_id and t.shard = tally_shard(old.id) and t.team = o.team
    and t.item_id = o.item_id and t.side = o.side and t.value_num = o.value_num;
  if tg_op = 'DELETE' then
    return old;
  end if;
  new.tallied := false;
  return new;
end
$$;

create trigger responses_tallies_change
  before update on responses
  for each row when (
    old.tallied and (
      not new.tallied
      or old.answer_items is distinct from new.answer_items
      or old.answer_sides is distinct from new.answer_sides
      or old.answer_nums is distinct from new.answer_nums
    )
  )
  execute function response_tallies_remove();

create trigger responses_tallies_delete
  before delete on responses
  for each row when (old.tallied)
  execute function response_tallies_remove();

-- Moving a counted response to another team moves its tallies with it (as in 050, now from the
-- response's own arrays).
create or replace function responses_move_tallies() returns trigger
language plpgsql as $$
begin
  if not new.tallied then
    return null;
  end if;
  update answer_tallies t
  set count = t.count + d.delta
  from (
    select x.team, a.item_id, coalesce(a.side, '') as side, a.value_num, sum(x.delta)::int as delta
    from unnest(new.answer_items, new.answer_sides, new.answer_nums) as a (item_id, side, value_num)
    cross join (values (coalesce(old.team, ''), -1), (coalesce(new.team, ''), 1)) as x (team, delta)
    where a.value_num is not null
    group by 1, 2, 3, 4
  ) d
  where t.round_id = new.round_id and t.shard = tally_shard(new.id) and t.team = d.team
    and t.item_id = d.item_id and t.side = d.side and t.value_num = d.value_num;
  insert into answer_tallies (round_id, team, item_id, side, value_num, shard, count)
  select new.round_id, coalesce(new.team, ''), a.item_id, coalesce(a.side, ''), a.value_num,
    tally_shard(new.id), count(*)
  from unnest(new.answer_items, new.answer_sides, new.answer_nums) as a (item_id, side, value_num)
  where a.value_num is not null
  group by 1, 2, 3, 4, 5, 6
  on conflict (round_id, team, item_id, side, value_num, shard) do nothing;
  return null;
end
$$;
