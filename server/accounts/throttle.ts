// Login throttling, shared by every instance through the database (migration 091). Each attempt
// is counted before its password is checked, per account (the e-mail address tried) and per
// client address, in one short transaction, so parallel guesses cannot all slip through before
// the first failure is written. Past a few free attempts each further one must wait, twice as
// long as the one before, up to 15 minutes; a success clears the account's count. While a key
// waits, attempts are refused unchecked (429), also with the right password: otherwise the
// limit would only slow guessing down, never stop it. Unknown e-mail addresses are counted and
// answered exactly like known ones; only a real account holder gets a mail, so the guesser
// learns nothing about which addresses exist.
import type { Queryable, Sql } from "../db/connect.ts";
import { sha256 } from "../lib/tokens.ts";

export interface ThrottlePolicy {
  /** Attempts without any wait. */
  free: number;
  /** The first wait; each further attempt doubles it. */
  firstWaitMs: number;
  maxWaitMs: number;
  /** A run of failures is forgotten after this long without an attempt. */
  forgetAfterMs: number;
}

export interface LoginThrottleConfig {
  account: ThrottlePolicy;
  /** Wider: many people log in from one office or campus address. */
  address: ThrottlePolicy;
  /** After this many failures in a run the account holder gets a mail, once per run. */
  notifyAfter: number;
}

export const defaultLoginThrottle: LoginThrottleConfig = {
  account: { free: 5, firstWaitMs: 2_000, maxWaitMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  address: { free: 30, firstWaitMs: 1_000, maxWaitMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  notifyAfter: 10,
};

export interface LoginKeys {
  account: string;
  address: string;
}

export const loginKeys = (email: string, address: string): LoginKeys => ({
  account: `account:${sha256(email.trim().toLowerCase())}`,
  address: `address:${sha256(address)}`,
});

interface Row {
  key: string;
  failures: number;
  last_attempt_at: Date;
  blocked_until: Date | null;
}

export type Reservation = { allowed: true; accountFailures: number } | { allowed: false; retryAfterMs: number };

/** The wait after the `failures`-th attempt, or 0 while it is still free. */
export function waitAfter(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxWaitMs, policy.firstWaitMs * 2 ** (failures - policy.free));
}

/**
 * Counts one attempt for both keys, or refuses it while either must wait. Rows are locked in key
 * order, so two attempts never deadlock.
 */
export async function reserveAttempt(sql: Sql, keys: LoginKeys, config: LoginThrottleConfig, now = new Date()): Promise<Reservation> {
  return sql.begin(async (tx) => {
    await tx`
      insert into login_throttle (key, failures, last_attempt_at)
      values (${keys.account}, 0, ${now}), (${keys.address}, 0, ${now})
      on conflict (key) do nothing
    `;
    const rows = await tx<Row[]>`
      select key, failures, last_attempt_at, blocked_until
      from login_throttle
      where key in (${keys.account}, ${keys.address})
      order by key
      for update
    `;
    const waits = rows.map((r) => (r.blocked_until ? r.blocked_until.getTime() - now.getTime() : 0));
    const longest = Math.max(0, ...waits);
    if (longest > 0) return { allowed: false, retryAfterMs: longest };
    let accountFailures = 0;
    for (const row of rows) {
      const policy = row.key === keys.account ? config.account : config.address;
      const fresh = now.getTime() - row.last_attempt_at.getTime() > policy.forgetAfterMs;
      const failures = (fresh ? 0 : row.failures) + 1;
      const wait = waitAfter(policy, failures);
      await tx`
        update login_throttle
        set failures = ${failures},
            last_attempt_at = ${now},
            blocked_until = ${wait > 0 ? new Date(now.getTime() + wait) : null},
            notified_at = case when ${fresh} then null else notified_at end
        where key = ${row.key}
      `;
      if (row.key === keys.account) accountFailures = failures;
    }
    return { allowed: true, accountFailures };
  });
}

/** The right password: the account starts afresh; the address gets its attempt back. */
export async function attemptSucceeded(sql: Queryable, keys: LoginKeys, config: LoginThrottleConfig, now = new Date()): Promise<void> {
  await sql`delete from login_throttle where key = ${keys.account}`;
  const [row] = await sql<{ failures: number }[]>`
    update login_throttle set failures = greatest(failures - 1, 0)
    where key = ${keys.address}
    returning failures
  `;
  if (row && waitAfter(config.address, row.failures) === 0) {
    await sql`update login_throttle set blocked_until = null where key = ${keys.address} and blocked_until > ${now}`;
  }
}

/**
 * Whether this failure should be told to the account holder: true once per run of failures, from
 * `notifyAfter` on (the row is marked in the same statement, so only one instance tells).
 */
export async function claimNotice(sql: Queryable, keys: LoginKeys, config: LoginThrottleConfig, now = new Date()): Promise<boolean> {
  const rows = await sql`
    update login_throttle set notified_at = ${now}
    where key = ${keys.account} and failures >= ${config.notifyAfter} and notified_at is null
    returning key
  `;
  return rows.length > 0;
}

/** Forgets runs of failures nobody has continued for a day (called by the hourly sweep). */
export async function forgetOldAttempts(sql: Queryable, now = new Date()): Promise<number> {
  const rows = await sql`
    delete from login_throttle
    where last_attempt_at < ${new Date(now.getTime() - 24 * 60 * 60_000)}
      and (blocked_until is null or blocked_until < ${now})
    returning key
  `;
  return rows.length;
}
