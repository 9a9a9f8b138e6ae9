// Series of repeated rounds: opening the next round (carrying over the respondents), noticing
// when a round is due, and the actions of the previous round beside the new scores.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Cadence } from "../../dsl/model.ts";
import type { Clock } from "../lib/clock.ts";
import type { Queryable, Sql } from "../db/connect.ts";
import { insertRound } from "../rounds/queries.ts";
import { latestVersion } from "../scans/queries.ts";
import { AppError, notFound } from "../lib/errors.ts";
import type { Invitations } from "../invitations/service.ts";
import { render } from "../invitations/mail-templates.ts";
import { getCompiled } from "../scans/queries.ts";
import { answeredBy } from "../privacy/answered-by.ts";
import { teamConflictError, teamConflicts } from "../privacy/team-respondents.ts";
import { privacyFloor } from "../settings/service.ts";

const dayMs = 86_400_000;

const unitDays: Record<Cadence["unit"], number> = { days: 1, weeks: 7, months: 30.44 };

/**
 * A scan's declared cadence in days; a scan declared `once` (or without a cadence) that is
 * repeated anyway gets the book's quickscan rhythm of every three to four months.
 */
export function cadenceDays(cadence: Cadence | null): [number, number] {
  if (!cadence) return [91, 122];
  const days = unitDays[cadence.unit];
  return [Math.round(cadence.min * days), Math.round(cadence.max * days)];
}

export const seriesCreateSchema = z
  .object({
    /** The round the series starts from; it joins the series. */
    roundId: z.uuid(),
    title: z.string().trim().min(1).max(200),
    /** Without these, the cadence the scan file declares (`cadence every 3-4 months`) is used. */
    cadenceMinDays: z.number().int().min(1).max(3650).optional(),
    cadenceMaxDays: z.number().int().min(1).max(3650).optional(),
    roundDays: z.number().int().min(1).max(365).default(21),
    autoOpen: z.boolean().default(false),
  })
  .refine((s) => (s.cadenceMinDays === undefined) === (s.cadenceMaxDays === undefined), {
    path: ["cadenceMaxDays"],
    message: "give both cadenceMinDays and cadenceMaxDays, or neither",
  })
  .refine((s) => (s.cadenceMaxDays ?? 0) >= (s.cadenceMinDays ?? 0), { path: ["cadenceMaxDays"], message: "must be at least cadenceMinDays" });
export type SeriesCreate = z.infer<typeof seriesCreateSchema>;

interface SeriesRow {
  id: string;
  scan_id: string;
  group_name: string;
  title: string;
  cadence_min_days: number;
  cadence_max_days: number;
  round_days: number;
  auto_open: boolean;
}

interface LastRound {
  id: string;
  title: string;
  opens_at: Date;
  anonymous: boolean;
  allow_edit: boolean;
  min_group_size: number;
}

export class SeriesService {
  constructor(
    private readonly sql: Sql,
    private readonly invitations: Invitations,
    readonly clock: Clock = invitations.clock,
  ) {}

  async create(input: SeriesCreate): Promise<{ id: string }> {
    return this.sql.begin(async (tx) => {
      const [round] = await tx<{ scan_id: string; group_name: string; series_id: string | null; cadence: Cadence | null }[]>`
        select v.scan_id, r.group_name, r.series_id, v.compiled -> 'model' -> 'cadence' as cadence
        from rounds r join scan_versions v on v.id = r.scan_version_id
        where r.id = ${input.roundId}
        for update of r
      `;
      if (!round) throw notFound("round");
      if (round.series_id) throw new AppError(409, "already-in-series", "this round already belongs to a series");
      const id = randomUUID();
      const [minDays, maxDays] =
        input.cadenceMinDays !== undefined && input.cadenceMaxDays !== undefined
          ? [input.cadenceMinDays, input.cadenceMaxDays]
          : cadenceDays(round.cadence);
      await tx`
        insert into series (id, scan_id, group_name, title, cadence_min_days, cadence_max_days, round_days, auto_open)
        values (${id}, ${round.scan_id}, ${round.group_name}, ${input.title}, ${minDays},
                ${maxDays}, ${input.roundDays}, ${input.autoOpen})
      `;
      await tx`update rounds set series_id = ${id} where id = ${input.roundId}`;
      return { id };
    });
  }

  private async lastRound(tx: Queryable, seriesId: string): Promise<LastRound | undefined> {
    const [row] = await tx<LastRound[]>`
      select id, title, opens_at, anonymous, allow_edit, min_group_size
      from rounds where series_id = ${seriesId}
      order by opens_at desc, created_at desc
      limit 1
    `;
    return row;
  }

  /**
   * Opens the next round of the series now: the scan's latest version, the same group and
   * settings, every respondent of the last round carried over with a new link, invitations queued.
   * Idempotent per last round (a second call while the new round exists opens nothing).
   */
  async openNext(seriesId: string, { onlyIfDue = false } = {}): Promise<{ roundId: string; respondents: number } | null> {
    const now = this.clock();
    const result = await this.sql.begin(async (tx) => {
      const [series] = await tx<SeriesRow[]>`select * from series where id = ${seriesId} for update`;
      if (!series) throw notFound("series");
      const last = await this.lastRound(tx, seriesId);
      if (!last) throw notFound("round in series");
      const due = new Date(last.opens_at.getTime() + series.cadence_min_days * dayMs);
      if (onlyIfDue && due > now) return null;
      if (last.opens_at > now) throw new AppError(409, "next-round-exists", "the next round is already planned");
      const version = await latestVersion(tx, series.scan_id);
      if (!version) throw notFound(`scan ${series.scan_id}`);
      const people = await tx<{ name: string; email: string; team: string | null }[]>`
        select name, email, team from respondents
        where round_id = ${last.id} and erased_at is null
        order by created_at, id
      `;
      // The latest version may be answered by teams where the last one was not.
      const compiled = await getCompiled(tx, version.id);
      if (compiled && answeredBy(compiled.model) === "team") {
        const conflicts = teamConflicts(series.group_name, [], people);
        if (conflicts.length > 0) throw teamConflictError(conflicts);
      }
      const roundId = randomUUID();
      const number = (await tx<{ n: number }[]>`select count(*)::int as n from rounds where series_id = ${seriesId}`)[0]!.n + 1;
      await insertRound(tx, {
        id: roundId,
        scanVersionId: version.id,
        title: `${series.title} — ronde ${number}`,
        groupName: series.group_name,
        opensAt: now,
        closesAt: new Date(now.getTime() + series.round_days * dayMs),
        anonymous: last.anonymous,
        allowEdit: last.allow_edit,
        // The floor may have been raised since the last round.
        minGroupSize: Math.max(last.min_group_size, await privacyFloor(tx)),
        openTokenHash: null,
      });
      await tx`update rounds set series_id = ${seriesId} where id = ${roundId}`;
      await tx`
        insert into round_mail_settings (round_id, texts, reminders_enabled, reminder_after_days, reminder_interval_days, max_reminders)
        select ${roundId}, texts, reminders_enabled, reminder_after_days, reminder_interval_days, max_reminders
        from round_mail_settings where round_id = ${last.id}
      `;
      return { roundId, people };
    });
    if (!result) return null;
    if (result.people.length > 0) await this.invitations.addRespondents(result.roundId, result.people, { invite: true });
    return { roundId: result.roundId, respondents: result.people.length };
  }

  /**
   * For every series whose next round is due: opens it (auto-open series) or mails the group's
   * teamleaders once per due round. Safe on several instances: opening locks the series row and
   * notices are deduplicated by key.
   */
  async runDue(): Promise<{ opened: number; notices: number }> {
    const now = this.clock();
    const due = await this.sql<(SeriesRow & { last_opens_at: Date; last_id: string })[]>`
      select s.*, l.opens_at as last_opens_at, l.id as last_id
      from series s
      join lateral (
        select id, opens_at from rounds r where r.series_id = s.id order by opens_at desc, created_at desc limit 1
      ) l on true
      where l.opens_at + make_interval(days => s.cadence_min_days) <= ${now}
    `;
    let opened = 0;
    let notices = 0;
    for (const s of due) {
      if (s.auto_open) {
        try {
          if (await this.openNext(s.id, { onlyIfDue: true })) opened++;
          continue;
        } catch (err) {
          // A round that may not open (its scan is now answered by teams and the respondents are
          // people) must not stop the other series, nor the mail pass: the teamleaders are told instead.
          if (!(err instanceof AppError)) throw err;
        }
      }
      const leaders = await this.sql<{ email: string; name: string }[]>`
        select a.email, a.name from accounts a join account_teams t on t.account_id = a.id
        where a.role = 'teamleader' and t.team = ${s.group_name}
      `;
      const latest = new Date(s.last_opens_at.getTime() + s.cadence_max_days * dayMs);
      for (const leader of leaders) {
        const mail = render(
          {
            subject: "Tijd voor een nieuwe ronde: {scan}",
            body: `Beste {naam},\n\nDe volgende ronde van {scan} ({ronde}) is aan de beurt: uiterlijk {sluitdatum}. Open hem in Peilstok:\n\n{link}`,
          },
          {
            naam: leader.name || leader.email,
            scan: s.title,
            ronde: s.group_name,
            sluitdatum: new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeZone: this.invitations.timeZone }).format(latest),
            link: `${this.invitations.publicUrl}/admin/series/${s.id}`,
          },
        );
        const rows = await this.sql`
          insert into mails (id, dedupe_key, kind, to_address, payload, next_attempt_at, created_at)
          values (${randomUUID()}, ${`series-due:${s.id}:${s.last_id}:${leader.email}`}, 'series-due', ${leader.email},
                  ${this.sql.json({ ...mail })}, ${now}, ${now})
          on conflict (dedupe_key) do nothing
          returning id
        `;
        notices += rows.length;
      }
    }
    return { opened, notices };
  }
}
