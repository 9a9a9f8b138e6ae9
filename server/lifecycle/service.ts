// The data lifecycle, run by the scheduler pass of every instance (server/invitations/scheduler.ts),
// at most once an hour each. Every step is idempotent and safe to run on several instances at once.
// 1. Stale drafts expire: `draftPolicy`.
// 2. Rounds closed longer ago than the retention setting lose their personal data (names, e-mail
//    addresses, links, mails, drafts); their submitted answers stay, linked to no one.
// 3. Audit entries older than the audit retention setting are purged.
import { purgeAuditLog } from "../audit/queries.ts";
import { recordAudit } from "../audit/record.ts";
import type { Sql } from "../db/connect.ts";
import { systemClock, type Clock } from "../lib/clock.ts";
import type { Log } from "../lib/log.ts";
import { readSettings } from "../settings/service.ts";
import { deleteExpiredOidcFlows, deleteStaleDrafts, eraseRoundPersonalData, roundsPastRetention } from "./queries.ts";

/**
 * A draft (a started, unsubmitted response) is deleted 30 days after its round closed (room for
 * the round to be extended or reopened), or after 180 days without a change while its round
 * stays open. The respondent's own browser keeps its copy either way.
 */
export const draftPolicy = { afterCloseDays: 30, idleDays: 180 } as const;

export interface LifecycleSummary {
  draftsExpired: number;
  roundsErased: number;
  auditPurged: number;
}

export class Lifecycle {
  private readonly clock: Clock;
  private lastRun = 0;

  constructor(
    private readonly sql: Sql,
    private readonly options: { log: Log; clock?: Clock; intervalMs?: number },
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** For the scheduler: runs when the last run is older than the interval (an hour). */
  async runDue(): Promise<LifecycleSummary | null> {
    const now = this.clock().getTime();
    if (now - this.lastRun < (this.options.intervalMs ?? 60 * 60 * 1000)) return null;
    this.lastRun = now;
    try {
      return await this.run();
    } catch (err) {
      this.options.log.error("data lifecycle: the pass failed (it runs again in an hour)", err);
      return null;
    }
  }

  async run(): Promise<LifecycleSummary> {
    const now = this.clock();
    const { settings } = await readSettings(this.sql);
    const summary: LifecycleSummary = { draftsExpired: 0, roundsErased: 0, auditPurged: 0 };

    for (const { round_id, n } of await deleteStaleDrafts(this.sql, now, draftPolicy)) {
      summary.draftsExpired += n;
      await recordAudit(this.sql, { action: "lifecycle.drafts-expired", actor: { kind: "system" }, roundId: round_id, details: { drafts: n, ...draftPolicy } });
    }

    for (const { id } of await roundsPastRetention(this.sql, now, settings.retentionMonths)) {
      const erased = await this.sql.begin(async (tx) => {
        const done = await eraseRoundPersonalData(tx, id, now, settings.retentionMonths);
        if (done) {
          await recordAudit(tx, {
            action: "lifecycle.retention",
            actor: { kind: "system" },
            roundId: id,
            details: { ...done, retentionMonths: settings.retentionMonths },
          });
        }
        return done;
      });
      if (erased) summary.roundsErased++;
    }

    summary.auditPurged = await purgeAuditLog(this.sql);
    if (summary.auditPurged > 0) {
      await recordAudit(this.sql, {
        action: "lifecycle.audit-purge",
        actor: { kind: "system" },
        details: { entries: summary.auditPurged, auditRetentionMonths: settings.auditRetentionMonths },
      });
    }
    await deleteExpiredOidcFlows(this.sql);
    if (summary.draftsExpired || summary.roundsErased || summary.auditPurged) {
      this.options.log.info(
        `data lifecycle: ${summary.draftsExpired} stale drafts, personal data of ${summary.roundsErased} rounds, ${summary.auditPurged} old audit entries deleted`,
      );
    }
    return summary;
  }
}
