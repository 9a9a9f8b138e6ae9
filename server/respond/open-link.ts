// Open links (issue 11): one client could swamp a round through its open link (1,000 submits with
// fresh response ids in 45 s, all accepted). Now:
// - a cap on the responses an open link takes, and a rate: new responses per hour. Both are set
//   per round (defaults below) and counted in the database under a lock on the round's row, so
//   every instance shares them and parallel submits cannot slip past. A submit takes its place
//   from a small lease its instance holds (OpenLinkAdmissions below), a draft straight from the
//   row (admitNewResponse);
// - one browser is one respondent: a device cookie (random, HttpOnly, set by the respondent API)
//   is stored per round only as a hash, and a round allows one response per device, unless it is
//   answered on one shared device (residents interviewed on a tablet);
// - the report shows bursts of open-link responses, and an admin can exclude one
//   (server/respond/bursts.ts).
import { randomBytes } from "node:crypto";
import { z } from "@hono/zod-openapi";
import type { Queryable, Sql } from "../db/connect.ts";
import { AppError } from "../lib/errors.ts";
import type { Log } from "../lib/log.ts";
import { sha256 } from "../lib/tokens.ts";

export const openLinkDefaults = { maxResponses: 1000, perHour: 200, onePerDevice: true } as const;

export const openLinkLimitsSchema = z
  .object({
    maxResponses: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .openapi({ description: `Responses the open link takes in all (submitted); ${openLinkDefaults.maxResponses} by default.` }),
    perHour: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .openapi({ description: `New responses the open link takes in any hour; ${openLinkDefaults.perHour} by default.` }),
    onePerDevice: z.boolean().openapi({
      description: "One response per browser (by default). Off for a round answered on one shared device, such as interviews on a tablet.",
    }),
  })
  .openapi("OpenLinkLimits");
export type OpenLinkLimits = z.infer<typeof openLinkLimitsSchema>;

/** The device cookie: one per browser, for every open link (kept per round only as a hash). */
export const deviceCookie = "peilstok_device";
export const deviceCookiePath = "/api/respond";

export const newDeviceId = () => randomBytes(24).toString("base64url");
export const isDeviceId = (value: string | undefined): value is string => value !== undefined && /^[A-Za-z0-9_-]{32}$/.test(value);

/** What is stored of a device: not linkable between rounds. */
export const deviceHash = (roundId: string, device: string) => sha256(`device:${roundId}:${device}`);

/**
 * A respondent request's device: the browser's cookie, if it sent one. Only an open link that
 * allows one response per device needs it: `deviceId` gives this browser a new one then, which
 * the route sends as a cookie (`fresh`).
 */
export interface Device {
  id: string | null;
  fresh: boolean;
}

/** The request's device id, new when the browser had none. */
export function deviceId(device: Device): string {
  if (device.id === null) {
    device.id = newDeviceId();
    device.fresh = true;
  }
  return device.id;
}

export async function readOpenLinkLimits(sql: Queryable, roundId: string): Promise<OpenLinkLimits | undefined> {
  const [row] = await sql<{ max_responses: number; per_hour: number; one_per_device: boolean }[]>`
    select open_link_max_responses as max_responses, open_link_per_hour as per_hour,
      open_link_one_per_device as one_per_device
    from rounds where id = ${roundId}
  `;
  return row && { maxResponses: row.max_responses, perHour: row.per_hour, onePerDevice: row.one_per_device };
}

export async function writeOpenLinkLimits(sql: Queryable, roundId: string, limits: OpenLinkLimits): Promise<boolean> {
  const result = await sql`
    update rounds
    set open_link_max_responses = ${limits.maxResponses}, open_link_per_hour = ${limits.perHour},
      open_link_one_per_device = ${limits.onePerDevice}
    where id = ${roundId}
  `;
  return result.count > 0;
}

export interface OpenLinkUsage {
  admitted: number;
  lastHour: number;
}

/** How much of the cap is used, and how many responses were started in the last hour. */
export async function openLinkUsage(sql: Queryable, roundId: string): Promise<OpenLinkUsage> {
  const [row] = await sql<{ admitted: number; last_hour: number }[]>`
    select r.open_link_admitted as admitted,
      (select count(*)::int from responses x
       where x.round_id = r.id and x.open_link and x.created_at > now() - interval '1 hour') as last_hour
    from rounds r where r.id = ${roundId}
  `;
  return { admitted: row?.admitted ?? 0, lastHour: row?.last_hour ?? 0 };
}

/** What is left of the rate's bucket now, refilled since it was last taken from (SQL on `rounds`). */
const bucketNow = (sql: Queryable) => sql`
  least(
    open_link_per_hour::float8,
    coalesce(open_link_bucket, open_link_per_hour::float8)
      + open_link_per_hour * extract(epoch from now() - coalesce(open_link_bucket_at, now())) / 3600
  )
`;

/**
 * Commits this statement's transaction without waiting for the disk (synchronous_commit off for it
 * only): every new response through a link updates the round's one row, and waiting for each
 * flush with its lock held made parallel submits wait in line for each other's fsync (the submit
 * bench fell from 65% to 25% of the ceiling). A crash can forget the last counts; an answer's own
 * insert is still acknowledged only once it is on disk.
 */
const withoutWaitingForDisk = (sql: Queryable) => sql`set_config('synchronous_commit', 'off', true) = 'off'`;

/**
 * Lets a new response in through a round's open link, or refuses it: 409 `open-link-full` at the
 * cap, 429 `open-link-busy` (with Retry-After) past the hourly rate. One update of the round's
 * row, so instances and parallel requests count together, and nothing scans the responses.
 * A response id that exists (a retry, an edit, a draft being submitted) was counted when it came
 * in, and passes.
 */
export async function admitNewResponse(sql: Queryable, roundId: string, responseId: string): Promise<void> {
  if ((await leasePlaces(sql, roundId, 1, responseId)) === 0) await refuseUnlessKnown(sql, roundId, responseId);
}

/**
 * After a refusal by the round's row: passes for a response id that exists, otherwise throws what
 * the respondent is told (the cap reached, or the rate with the seconds until the next place).
 */
async function refuseUnlessKnown(sql: Queryable, roundId: string, responseId: string): Promise<void> {
  const [round] = await sql<{ known: boolean; full: boolean; max_responses: number; per_hour: number; bucket: number }[]>`
    select exists (select 1 from responses where id = ${responseId}) as known,
      open_link_admitted >= open_link_max_responses as full, open_link_max_responses as max_responses,
      open_link_per_hour as per_hour, ${bucketNow(sql)} as bucket
    from rounds where id = ${roundId}
  `;
  if (!round || round.known) return;
  if (round.full) {
    throw new AppError(409, "open-link-full", `this open link has taken the ${round.max_responses} responses it allows`);
  }
  const seconds = Math.max(1, Math.ceil(((1 - round.bucket) * 3600) / round.per_hour));
  const error = new AppError(429, "open-link-busy", `this open link takes ${round.per_hour} new responses an hour; try again in ${seconds} s`);
  error.retryAfter = seconds;
  throw error;
}

/**
 * Takes up to `wanted` places from a round's open link at once, within its cap and rate; how many
 * it got (0: refused). With `newResponseId`, none for a response id that exists already.
 */
async function leasePlaces(sql: Queryable, roundId: string, wanted: number, newResponseId?: string): Promise<number> {
  const [row] = await sql<{ places: number }[]>`
    with round as (
      select id, least(${wanted}, open_link_max_responses - open_link_admitted, floor(${bucketNow(sql)}))::int as places
      from rounds where id = ${roundId}
      for update
    )
    update rounds
    set open_link_bucket = ${bucketNow(sql)} - round.places, open_link_bucket_at = now(),
      open_link_admitted = open_link_admitted + round.places
    from round
    where rounds.id = round.id and round.places >= 1
      ${newResponseId === undefined ? sql`` : sql`and not exists (select 1 from responses where id = ${newResponseId})`}
      and ${withoutWaitingForDisk(sql)}
    returning round.places
  `;
  return row?.places ?? 0;
}

/** Gives places a lease did not use back to the round's cap and rate. */
async function returnPlaces(sql: Queryable, roundId: string, places: number): Promise<void> {
  await sql`
    update rounds
    set open_link_bucket = least(open_link_per_hour::float8, ${bucketNow(sql)} + ${places}), open_link_bucket_at = now(),
      open_link_admitted = greatest(0, open_link_admitted - ${places})
    where id = ${roundId} and ${withoutWaitingForDisk(sql)}
  `;
}

/** The places one instance holds for a round's open link. */
interface Lease {
  /** Taken from the round's row and not used yet. */
  left: number;
  /** The last lease's size, and when it was taken. */
  size: number;
  takenAt: number;
  usedAt: number;
  /** A lease being taken: waiters take from it when it comes. */
  taking: Promise<number> | null;
  /** Gives the unused places back once the link is quiet. */
  timer: NodeJS.Timeout | null;
}

/**
 * Admissions for submits through open links. Taking each place from the round's row cost a
 * statement per submit, with every parallel submit through the link waiting on that one row
 * (issue 13: on the 45-pair bachelorscan the submit reached 50% of the bare insert's throughput).
 * An instance now takes a small lease of places at once and hands them out itself: one place
 * when a link is quiet, twice the last lease when that was used up within a second (at most
 * `maxLease`). The round's row counts leased places as taken, so instances together never pass
 * the cap or the rate; places left unused go back once the link has been quiet for `idleMs`, and
 * at shutdown. A crash loses what its leases held: the link then closes up to `maxLease` places
 * early, never late. A place taken for a response that is then not stored (the id exists, or the
 * insert is refused) goes back to the lease.
 */
export class OpenLinkAdmissions {
  private readonly leases = new Map<string, Lease>();
  private readonly maxLease: number;
  private readonly idleMs: number;
  private readonly log: Log | undefined;

  constructor(
    private readonly sql: Sql,
    options: { maxLease?: number; idleMs?: number; log?: Log } = {},
  ) {
    this.maxLease = options.maxLease ?? 32;
    this.idleMs = options.idleMs ?? 2_000;
    this.log = options.log;
  }

  /**
   * A place for a submit of `responseId` through the round's open link: true when one was taken
   * (give it back with `giveBack` if the response is not stored), false for a response id that
   * exists (counted when it came in). Throws the refusal when the link is full or busy.
   */
  async take(roundId: string, responseId: string): Promise<boolean> {
    let lease = this.leases.get(roundId);
    if (!lease) {
      lease = { left: 0, size: 0, takenAt: 0, usedAt: 0, taking: null, timer: null };
      this.leases.set(roundId, lease);
    }
    for (;;) {
      if (lease.left > 0) {
        lease.left -= 1;
        lease.usedAt = Date.now();
        this.returnWhenQuiet(roundId, lease);
        return true;
      }
      if (lease.taking) {
        await lease.taking;
        continue;
      }
      if ((await this.takeLease(roundId, lease)) === 0) {
        await refuseUnlessKnown(this.sql, roundId, responseId);
        return false;
      }
    }
  }

  /** Takes a new lease from the round's row; requests that find it under way wait for it. */
  private takeLease(roundId: string, lease: Lease): Promise<number> {
    const now = Date.now();
    const size = lease.size > 0 && now - lease.takenAt < 1_000 ? Math.min(this.maxLease, lease.size * 2) : 1;
    const taking = leasePlaces(this.sql, roundId, size).then(
      (places) => {
        lease.left += places;
        lease.size = places;
        lease.takenAt = now;
        lease.taking = null;
        return places;
      },
      (err: unknown) => {
        lease.taking = null;
        throw err;
      },
    );
    lease.taking = taking;
    return taking;
  }

  /** A place `take` gave for a response that was not stored. */
  giveBack(roundId: string): void {
    const lease = this.leases.get(roundId);
    if (!lease) return;
    lease.left += 1;
    this.returnWhenQuiet(roundId, lease);
  }

  private returnWhenQuiet(roundId: string, lease: Lease): void {
    if (lease.timer) return;
    lease.timer = setTimeout(() => {
      lease.timer = null;
      const quietFor = Date.now() - lease.usedAt;
      if (quietFor < this.idleMs || lease.taking) {
        this.returnWhenQuiet(roundId, lease);
        return;
      }
      void this.giveBackToRound(roundId, lease);
    }, this.idleMs);
    lease.timer.unref();
  }

  private async giveBackToRound(roundId: string, lease: Lease): Promise<void> {
    const places = lease.left;
    if (places === 0) return;
    lease.left = 0;
    try {
      await returnPlaces(this.sql, roundId, places);
    } catch (err) {
      // The places stay counted as taken: the link closes that many early, never late.
      this.log?.warn(`open link: ${places} unused places of a round could not be given back (${(err as Error).message})`);
    }
  }

  /** Gives a round's unused places back now (its limits changed). */
  async giveBackAll(roundId: string): Promise<void> {
    const lease = this.leases.get(roundId);
    if (lease) await this.giveBackToRound(roundId, lease);
  }

  /** Gives every unused place back (at shutdown, before the database closes). */
  async close(): Promise<void> {
    await Promise.all(
      [...this.leases].map(([roundId, lease]) => {
        if (lease.timer) clearTimeout(lease.timer);
        return this.giveBackToRound(roundId, lease);
      }),
    );
  }
}
