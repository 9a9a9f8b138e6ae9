// A round's life after it was created: closing it now, moving its dates, reopening it, archiving
// and deleting it. Each change locks the round's row, checks the change against the round's state
// at that moment and writes in one transaction.
import { z } from "@hono/zod-openapi";
import type { Queryable, Sql } from "../db/connect.ts";
import { deleteClosedRoundLinks } from "../invitations/link-seal.ts";
import { clearClosedRoundBodies } from "../invitations/outbox-queries.ts";
import { AppError, notFound } from "../lib/errors.ts";
import { roundState, roundStateSchema } from "./service.ts";

const dayMs = 86_400_000;

/**
 * A closed round can be reopened once, up to this many days after it closed, and for at most this
 * many days. Reopening brings back the risk that a few new answers follow by subtraction from the
 * report that was already shown: the report then withholds groups with 1 to min − 1 changed
 * responses (round-report.ts), which is exact for one reopening but not for a chain of them. The
 * personal links are gone by then too. A short window keeps reopening what it is for: a forgotten
 * group, a deadline that came too early.
 */
export const REOPEN_WINDOW_DAYS = 14;

const isoDate = z.iso.datetime({ offset: true });

export const roundChangeSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    opensAt: isoDate.optional(),
    closesAt: isoDate.optional(),
  })
  .refine((c) => c.title !== undefined || c.opensAt !== undefined || c.closesAt !== undefined, {
    message: "give at least one of title, opensAt, closesAt",
  });
export type RoundChange = z.infer<typeof roundChangeSchema>;

export const reopenSchema = z.strictObject({ closesAt: isoDate });
export type Reopen = z.infer<typeof reopenSchema>;

interface LockedRound {
  id: string;
  title: string;
  opens_at: Date;
  closes_at: Date;
  archived_at: Date | null;
  series_id: string | null;
  reopen_count: number;
}

export const roundDetailSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    group: z.string(),
    scanId: z.string(),
    scanTitle: z.string(),
    version: z.number().int(),
    opensAt: z.iso.datetime(),
    closesAt: z.iso.datetime(),
    state: roundStateSchema,
    anonymous: z.boolean(),
    allowEdit: z.boolean(),
    minGroupSize: z.number().int(),
    hasOpenLink: z.boolean(),
    seriesId: z.uuid().nullable(),
    archivedAt: z.iso.datetime().nullable(),
    closedEarlyAt: z.iso.datetime().nullable(),
    reopenedAt: z.iso.datetime().nullable(),
    reopenCount: z.number().int(),
    reopenableUntil: z.iso.datetime().nullable().openapi({ description: "Until when a closed round can be reopened; null when it is not closed or too late." }),
    reopenBlocked: z.string().nullable().openapi({ description: "Why a closed round cannot be reopened, in Dutch; null when it can." }),
    counts: z
      .object({
        respondents: z.number().int(),
        drafts: z.number().int(),
        submitted: z.number().int(),
        mails: z.number().int(),
        keptLinks: z.number().int(),
        actions: z.number().int(),
      })
      .openapi({ description: "What deleting the round would delete." }),
  })
  .openapi("RoundDetail");
export type RoundDetail = z.infer<typeof roundDetailSchema>;

const fieldError = (field: string, message: string) =>
  new AppError(400, "invalid-body", `the request body is invalid: ${field} ${message}`, [{ field, reason: "invalid", message }]);

async function lockRound(tx: Queryable, id: string): Promise<LockedRound> {
  const [row] = await tx<LockedRound[]>`
    select id, title, opens_at, closes_at, archived_at, series_id, reopen_count
    from rounds
    where id = ${id}
    for update
  `;
  if (!row) throw notFound("round");
  return row;
}

/** A later round of the same series (a next round opened after this one). */
async function laterRoundInSeries(tx: Queryable, round: LockedRound): Promise<boolean> {
  if (!round.series_id) return false;
  const [row] = await tx<{ later: boolean }[]>`
    select exists (
      select 1 from rounds
      where series_id = ${round.series_id} and id <> ${round.id} and opens_at > ${round.opens_at}
    ) as later
  `;
  return row!.later;
}

function reopenWindow(closesAt: Date, now: Date): { until: Date; open: boolean } {
  const until = new Date(closesAt.getTime() + REOPEN_WINDOW_DAYS * dayMs);
  return { until, open: now < until };
}

export async function roundDetail(sql: Queryable, id: string, now = new Date()): Promise<RoundDetail> {
  const [r] = await sql<
    {
      id: string;
      title: string;
      group_name: string;
      scan_id: string;
      scan_title: string;
      version: number;
      opens_at: Date;
      closes_at: Date;
      anonymous: boolean;
      allow_edit: boolean;
      min_group_size: number;
      has_open_link: boolean;
      series_id: string | null;
      archived_at: Date | null;
      closed_early_at: Date | null;
      reopened_at: Date | null;
      reopen_count: number;
      respondents: number;
      drafts: number;
      submitted: number;
      mails: number;
      kept_links: number;
      actions: number;
      later_in_series: boolean;
    }[]
  >`
    select r.id, r.title, r.group_name, v.scan_id, s.title as scan_title, v.version, r.opens_at,
      r.closes_at, r.anonymous, r.allow_edit, r.min_group_size,
      r.open_token_hash is not null as has_open_link, r.series_id, r.archived_at,
      r.closed_early_at, r.reopened_at, r.reopen_count,
      (select count(*)::int from respondents p where p.round_id = r.id) as respondents,
      (select count(*)::int from responses x where x.round_id = r.id and x.status = 'draft') as drafts,
      (select count(*)::int from responses x where x.round_id = r.id and x.status = 'submitted') as submitted,
      (select count(*)::int from mails m where m.round_id = r.id) as mails,
      (select count(*)::int from respondent_links l join respondents p on p.id = l.respondent_id
        where p.round_id = r.id) as kept_links,
      (select count(*)::int from actions a where a.round_id = r.id) as actions,
      exists (select 1 from rounds n where r.series_id is not null and n.series_id = r.series_id
        and n.id <> r.id and n.opens_at > r.opens_at) as later_in_series
    from rounds r
    join scan_versions v on v.id = r.scan_version_id
    join scans s on s.id = v.scan_id
    where r.id = ${id}
  `;
  if (!r) throw notFound("round");
  const state = roundState(r, now);
  const window = reopenWindow(r.closes_at, now);
  const reopenBlocked =
    state !== "closed"
      ? null
      : r.archived_at
        ? "De ronde is gearchiveerd: haal hem eerst uit het archief."
        : r.later_in_series
          ? "De volgende ronde van de reeks is al geopend."
          : r.reopen_count > 0
            ? "Een ronde kan één keer heropend worden, en deze is al eens heropend."
            : !window.open
            ? `Een ronde kan tot ${REOPEN_WINDOW_DAYS} dagen na het sluiten heropend worden.`
            : null;
  return {
    id: r.id,
    title: r.title,
    group: r.group_name,
    scanId: r.scan_id,
    scanTitle: r.scan_title,
    version: r.version,
    opensAt: r.opens_at.toISOString(),
    closesAt: r.closes_at.toISOString(),
    state,
    anonymous: r.anonymous,
    allowEdit: r.allow_edit,
    minGroupSize: r.min_group_size,
    hasOpenLink: r.has_open_link,
    seriesId: r.series_id,
    archivedAt: r.archived_at?.toISOString() ?? null,
    closedEarlyAt: r.closed_early_at?.toISOString() ?? null,
    reopenedAt: r.reopened_at?.toISOString() ?? null,
    reopenCount: r.reopen_count,
    reopenableUntil: state === "closed" && window.open ? window.until.toISOString() : null,
    reopenBlocked,
    counts: {
      respondents: r.respondents,
      drafts: r.drafts,
      submitted: r.submitted,
      mails: r.mails,
      keptLinks: r.kept_links,
      actions: r.actions,
    },
  };
}

/**
 * Closes an open round now: no more answers, links show the answers read-only, results appear,
 * and the personal links kept for mail are forgotten at once (not at the scheduler's next pass).
 */
export async function closeNow(sql: Sql, id: string, now = new Date()): Promise<{ closedAt: string; forgottenLinks: number }> {
  return sql.begin(async (tx) => {
    const round = await lockRound(tx, id);
    const state = roundState(round, now);
    if (state === "closed") throw new AppError(409, "round-closed", "this round is already closed");
    if (state === "not-yet-open") {
      throw new AppError(409, "round-not-open", "this round has not opened yet: move its dates or delete it");
    }
    await tx`update rounds set closes_at = ${now}, closed_early_at = ${now} where id = ${id}`;
    // The same deletes the scheduler runs for every closed round; this round is one of them now.
    const forgottenLinks = await deleteClosedRoundLinks(tx, now);
    await clearClosedRoundBodies(tx, now);
    return { closedAt: now.toISOString(), forgottenLinks };
  });
}

/**
 * Changes the title or dates. A closed round's dates stay (reopen it instead); an open round
 * closes in the future (close it now otherwise) and keeps its opening date once answers exist.
 */
export async function changeRound(sql: Sql, id: string, change: RoundChange, now = new Date()): Promise<void> {
  await sql.begin(async (tx) => {
    const round = await lockRound(tx, id);
    const state = roundState(round, now);
    const opensAt = change.opensAt ? new Date(change.opensAt) : round.opens_at;
    const closesAt = change.closesAt ? new Date(change.closesAt) : round.closes_at;
    const datesChange = opensAt.getTime() !== round.opens_at.getTime() || closesAt.getTime() !== round.closes_at.getTime();
    if (datesChange && state === "closed") {
      throw new AppError(409, "round-closed", "a closed round keeps its dates: reopen it to take answers again");
    }
    if (closesAt <= opensAt) throw fieldError("closesAt", "must be after opensAt");
    if (closesAt.getTime() !== round.closes_at.getTime() && closesAt <= now) {
      throw fieldError("closesAt", "must be in the future (to close the round now, use close)");
    }
    if (state === "open" && opensAt > now) {
      const [row] = await tx<{ responses: number }[]>`
        select count(*)::int as responses from responses where round_id = ${id}
      `;
      if (row!.responses > 0) {
        throw fieldError("opensAt", "cannot move into the future: the round has answers already");
      }
    }
    await tx`
      update rounds
      set title = ${change.title ?? round.title}, opens_at = ${opensAt}, closes_at = ${closesAt}
      where id = ${id}
    `;
  });
}

/** Takes answers again in a round that closed at most REOPEN_WINDOW_DAYS ago, until `closesAt`. */
export async function reopen(sql: Sql, id: string, input: Reopen, now = new Date()): Promise<void> {
  await sql.begin(async (tx) => {
    const round = await lockRound(tx, id);
    if (roundState(round, now) !== "closed") throw new AppError(409, "round-not-closed", "only a closed round can be reopened");
    if (round.archived_at) throw new AppError(409, "round-archived", "an archived round cannot be reopened: restore it first");
    if (round.reopen_count > 0) throw new AppError(409, "reopened-before", "a round can be reopened once, and this one was");
    if (await laterRoundInSeries(tx, round)) {
      throw new AppError(409, "next-round-exists", "the next round of this series has been opened already");
    }
    if (!reopenWindow(round.closes_at, now).open) {
      throw new AppError(409, "reopen-too-late", `a round can be reopened up to ${REOPEN_WINDOW_DAYS} days after it closed`);
    }
    const closesAt = new Date(input.closesAt);
    if (closesAt <= now) throw fieldError("closesAt", "must be in the future");
    if (closesAt.getTime() > now.getTime() + REOPEN_WINDOW_DAYS * dayMs) {
      throw fieldError("closesAt", `can be at most ${REOPEN_WINDOW_DAYS} days from now`);
    }
    await tx`
      update rounds
      set closes_at = ${closesAt}, reopened_at = ${now}, reopen_count = reopen_count + 1, closed_early_at = null
      where id = ${id}
    `;
  });
}

export async function archive(sql: Sql, id: string, archived: boolean, now = new Date()): Promise<void> {
  await sql.begin(async (tx) => {
    const round = await lockRound(tx, id);
    if (archived && roundState(round, now) !== "closed") {
      throw new AppError(409, "round-not-closed", "only a closed round can be archived: close it first");
    }
    await tx`update rounds set archived_at = ${archived ? now : null} where id = ${id}`;
  });
}

export const deletedRoundSchema = z
  .object({
    responses: z.number().int(),
    respondents: z.number().int(),
    mails: z.number().int(),
    actions: z.number().int(),
    seriesDeleted: z.boolean(),
  })
  .openapi("DeletedRound");
export type DeletedRound = z.infer<typeof deletedRoundSchema>;

/**
 * Deletes a round with everything in it, in one transaction: answers (in their responses), the
 * tallies, mails, respondents with their kept links, actions and mail settings. A series left
 * without rounds goes too.
 */
export async function deleteRound(sql: Sql, id: string): Promise<DeletedRound> {
  return sql.begin(async (tx) => {
    const round = await lockRound(tx, id);
    // Tallies first: then each deleted response's tally trigger finds nothing left to subtract.
    await tx`delete from answer_tallies where round_id = ${id}`;
    const responses = (await tx`delete from responses where round_id = ${id}`).count;
    const mails = (await tx`delete from mails where round_id = ${id}`).count;
    const actions = (await tx`delete from actions where round_id = ${id}`).count;
    // Their kept links (respondent_links) and any mail still addressed to them cascade.
    const respondents = (await tx`delete from respondents where round_id = ${id}`).count;
    await tx`delete from rounds where id = ${id}`;
    let seriesDeleted = false;
    if (round.series_id) {
      const gone = await tx`
        delete from series s
        where s.id = ${round.series_id} and not exists (select 1 from rounds r where r.series_id = s.id)
      `;
      seriesDeleted = gone.count > 0;
    }
    return { responses, respondents, mails, actions, seriesDeleted };
  });
}
