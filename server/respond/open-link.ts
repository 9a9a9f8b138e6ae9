// Open links (issue 11): one client could swamp a round through its open link (1,000 submits with
// fresh response ids in 45 s, all accepted). Now:
// - a cap on the responses an open link takes, and a rate: new responses per hour. Both are set
//   per round (defaults below) and checked in the database under a lock on the round's row, so
//   every instance shares them and parallel submits cannot slip past;
// - one browser is one respondent: a device cookie (random, HttpOnly, set by the respondent API)
//   is stored per round only as a hash, and a round allows one response per device, unless it is
//   answered on one shared device (residents interviewed on a tablet);
// - the report shows bursts of open-link responses, and an admin can exclude one
//   (server/respond/bursts.ts).
import { randomBytes } from "node:crypto";
import { z } from "@hono/zod-openapi";
import type { Queryable } from "../db/connect.ts";
import { AppError } from "../lib/errors.ts";
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
 * A respondent request's device: the browser's cookie, or a new one. `used` tells the route to
 * (re)send the cookie: only an open link uses it.
 */
export interface Device {
  id: string;
  fresh: boolean;
  used: boolean;
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
 * Lets a new response in through a round's open link, or refuses it: 409 `open-link-full` at the
 * cap, 429 `open-link-busy` (with Retry-After) past the hourly rate. One update of the round's
 * row, so instances and parallel requests count together, and nothing scans the responses.
 */
export async function admitNewResponse(sql: Queryable, roundId: string, responseId: string): Promise<void> {
  // Committed without waiting for the disk (synchronous_commit off for this statement only): every
  // submit through the link updates this one row, and waiting for each flush with its lock held
  // made parallel submits wait in line for each other's fsync (the submit bench fell from 65% to
  // 25% of the ceiling). A crash can forget the last counts; the answer's own insert after it is
  // still acknowledged only once it is on disk.
  const admitted = await sql`
    update rounds
    set open_link_bucket = ${bucketNow(sql)} - 1, open_link_bucket_at = now(),
      open_link_admitted = open_link_admitted + 1
    where id = ${roundId}
      and open_link_admitted < open_link_max_responses
      and ${bucketNow(sql)} >= 1
      and not exists (select 1 from responses where id = ${responseId})
      and set_config('synchronous_commit', 'off', true) = 'off'
  `;
  if (admitted.count > 0) return;
  const [round] = await sql<{ known: boolean; full: boolean; max_responses: number; per_hour: number; bucket: number }[]>`
    select exists (select 1 from responses where id = ${responseId}) as known,
      open_link_admitted >= open_link_max_responses as full, open_link_max_responses as max_responses,
      open_link_per_hour as per_hour, ${bucketNow(sql)} as bucket
    from rounds where id = ${roundId}
  `;
  // A response that exists (a retry, an edit, a draft being submitted) was counted when it came in.
  if (!round || round.known) return;
  if (round.full) {
    throw new AppError(409, "open-link-full", `this open link has taken the ${round.max_responses} responses it allows`);
  }
  const seconds = Math.max(1, Math.ceil(((1 - round.bucket) * 3600) / round.per_hour));
  const error = new AppError(429, "open-link-busy", `this open link takes ${round.per_hour} new responses an hour; try again in ${seconds} s`);
  error.retryAfter = seconds;
  throw error;
}
