-- Round lifecycle (issue 12): closing early, moving dates, reopening, archiving, deleting.

-- An archived round is hidden from the overview but keeps its data and stays reportable.
alter table rounds add column archived_at timestamptz null;

-- When a closed round was last reopened, and how many times. A report of a reopened round
-- withholds a group whose responses changed since the reopening by fewer than the minimum group
-- size: those few answers would otherwise follow by subtraction from the report that was shown
-- before (server/reports/round-report.ts).
alter table rounds add column reopened_at timestamptz null;
alter table rounds add column reopen_count int not null default 0;

-- When the round was closed before its planned date ("close now"); null otherwise.
alter table rounds add column closed_early_at timestamptz null;

-- No response is submitted after its round closed. Drafts and submits reuse a link's round row
-- for a few seconds (server/respond/service.ts), so without this a submit could still land just
-- after an early close, when the results may already be on screen. Comparing the response's own
-- submission time, not the clock, leaves copies of older data (a restore, a move to another
-- database) alone.
create function responses_submitted_before_close() returns trigger
language plpgsql as $$
begin
  if new.submitted_at > (select closes_at from rounds where id = new.round_id) then
    raise exception 'the round of response % is closed', new.id
      using errcode = 'check_violation', constraint = 'responses_submitted_before_close';
  end if;
  return new;
end
$$;

create trigger responses_submitted_before_close
  before insert or update of status, submitted_at on responses
  for each row when (new.status = 'submitted')
  execute function responses_submitted_before_close();
