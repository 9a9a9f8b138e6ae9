-- A submitted response now holds its own answers, as parallel arrays in its row, instead of one
-- row per answer in a table of its own. A submit is then one insert of one row whatever the
-- scan's length: no answer rows, no foreign-key check per answer and no index entries per answer,
-- which were most of what a submit cost beyond a bare insert (the submit benchmark, issue 3).
--
-- Reading is unchanged: `answers` is now a view that unnests the arrays into one row per answer,
-- with the columns of the table it replaces (and the response's team), so reports still group
-- answers in SQL (server/db/stats.ts). Numeric answers (scale points) and text answers (choices,
-- open text) are kept in separate arrays, so a query for the few text answers of a round never
-- unnests its many numeric ones: the view's other branch is pruned by `value_text is not null`.
-- Element i of each array of a kind is answer i of that kind (server/db/answers.ts builds them).
-- Drafts keep their answers only in `data`; their arrays stay empty until they are submitted.
alter table responses
  add column num_items text[] not null default '{}',
  add column num_sides text[] not null default '{}',
  add column num_values integer[] not null default '{}',
  add column text_items text[] not null default '{}',
  add column text_sides text[] not null default '{}',
  add column text_values text[] not null default '{}',
  add constraint responses_answer_arrays check (
    cardinality(num_sides) = cardinality(num_items)
    and cardinality(num_values) = cardinality(num_items)
    and cardinality(text_sides) = cardinality(text_items)
    and cardinality(text_values) = cardinality(text_items)
  ),
  -- A side is 'current', 'desired' or null (array_remove removes nulls too).
  add constraint responses_answer_sides check (
    cardinality(array_remove(array_remove(array_remove(num_sides, 'current'), 'desired'), null)) = 0
    and cardinality(array_remove(array_remove(array_remove(text_sides, 'current'), 'desired'), null)) = 0
  );

-- The answer rows move into their responses; the tallies stay as they are. The table's triggers
-- go with it (the insert trigger was dropped in 050).
update responses r
set num_items = coalesce(n.items, '{}'), num_sides = coalesce(n.sides, '{}'),
  num_values = coalesce(n.nums, '{}'), text_items = coalesce(t.items, '{}'),
  text_sides = coalesce(t.sides, '{}'), text_values = coalesce(t.texts, '{}')
from (
  select distinct response_id from answers
) a
left join (
  select response_id,
    array_agg(item_id order by item_id, side, value_num) as items,
    array_agg(side order by item_id, side, value_num) as sides,
    array_agg(value_num order by item_id, side, value_num) as nums
  from answers
  where value_num is not null
  group by response_id
) n using (response_id)
left join (
  select response_id,
    array_agg(item_id order by item_id, side, value_text) as items,
    array_agg(side order by item_id, side, value_text) as sides,
    array_agg(value_text order by item_id, side, value_text) as texts
  from answers
  where value_num is null
  group by response_id
) t using (response_id)
where r.id = a.response_id;

drop trigger responses_delete_answers on responses;
drop function responses_delete_answers();
drop table answers;
drop function answer_tallies_remove();
drop function answer_tallies_add();

create view answers as
select r.id as response_id, r.round_id, r.team, a.item_id, a.side, a.value_num,
  null::text as value_text
from responses r
cross join lateral unnest(r.num_items, r.num_sides, r.num_values) as a (item_id, side, value_num)
union all
select r.id, r.round_id, r.team, t.item_id, t.side, null::integer, t.value_text
from responses r
cross join lateral unnest(r.text_items, r.text_sides, r.text_values) as t (item_id, side, value_text);

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
    from unnest(old.num_items, old.num_sides, old.num_values) as a (item_id, side, value_num)
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
      or old.num_items is distinct from new.num_items
      or old.num_sides is distinct from new.num_sides
      or old.num_values is distinct from new.num_values
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
    from unnest(new.num_items, new.num_sides, new.num_values) as a (item_id, side, value_num)
    cross join (values (coalesce(old.team, ''), -1), (coalesce(new.team, ''), 1)) as x (team, delta)
    where a.value_num is not null
    group by 1, 2, 3, 4
  ) d
  where t.round_id = new.round_id and t.shard = tally_shard(new.id) and t.team = d.team
    and t.item_id = d.item_id and t.side = d.side and t.value_num = d.value_num;
  insert into answer_tallies (round_id, team, item_id, side, value_num, shard, count)
  select new.round_id, coalesce(new.team, ''), a.item_id, coalesce(a.side, ''), a.value_num,
    tally_shard(new.id), count(*)
  from unnest(new.num_items, new.num_sides, new.num_values) as a (item_id, side, value_num)
  where a.value_num is not null
  group by 1, 2, 3, 4, 5, 6
  on conflict (round_id, team, item_id, side, value_num, shard) do nothing;
  return null;
end
$$;
