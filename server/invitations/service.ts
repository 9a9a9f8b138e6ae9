// Invitations and reminders: who is in a round, which mails are due, and sending them durably.
import { randomUUID } from "node:crypto";
import type { Clock } from "../lib/clock.ts";
import { systemClock } from "../lib/clock.ts";
import type { Queryable, Sql } from "../db/connect.ts";
import {
  claimDue,
  countWithoutLink,
  lastInvitationQueuedAt,
  markDelivered,
  markRetry,
  markUndeliverable,
  prewrittenKinds,
  queueDueReminders,
  queueInvitations,
  queueReminderNow,
  countCapped,
  reminderCap,
  type ClaimedMail,
  type MailKind,
} from "./mails-queries.ts";
import { recordAudit } from "../audit/record.ts";
import { clearClosedRoundBodies } from "./outbox-queries.ts";
import { roundEmails } from "./recipients-queries.ts";
import { insertRespondents, removeRespondent, type RemovedRespondent } from "./respondents-queries.ts";
import { AppError, notFound } from "../lib/errors.ts";
import { defaultTimeZone } from "../lib/env.ts";
import type { Log } from "../lib/log.ts";
import { deleteClosedRoundLinks, loadSealer, storeLinks, type LinkSealer } from "./link-seal.ts";
import { formatCloseDate, render, textFor, type RenderedMail } from "./mail-templates.ts";
import type { MailTransport } from "./mail-transport.ts";
import { newToken, tokenHash } from "../lib/tokens.ts";
import { parseRespondentCsv, type CsvRowError } from "./csv.ts";
import { checkNewRespondents, roundAudience, teamConflicts, teamsWithLink } from "../privacy/team-respondents.ts";

export interface InvitationsConfig {
  transport: MailTransport;
  publicUrl: string;
  /** LINK_KEY; when absent the app keeps a generated key in the database. */
  linkKey?: string | undefined;
  clock?: Clock;
  log: Log;
  /** How long a claimed mail stays with one instance before another may take it over. */
  leaseMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** Mails sent at the same time (SMTP connections). */
  concurrency?: number;
  /** IANA zone for the close date in mails (TIME_ZONE). */
  timeZone?: string;
}

export interface SendSummary {
  sent: number;
  outbox: number;
  retried: number;
  failed: number;
  bounced: number;
  cancelled: number;
}

export interface NewPerson {
  name: string;
  email: string;
  team?: string | null | undefined;
}

/** What an admin's "send" queued, and how many respondents it skipped for want of a kept link. */
export interface Queued {
  queued: number;
  withoutLink: number;
  /** Reminders only: respondents skipped by the cap on "remind now" (`reminderCap`). */
  capped: number;
}

/** Links kept for mail that a pass deleted because their round had closed. */
export interface ForgottenLinks {
  sealedLinks: number;
  outboxBodies: number;
}

const linksDeleted = (withoutLink: number) =>
  new AppError(
    409,
    "links-deleted",
    `no personal link is kept for ${withoutLink === 1 ? "this respondent" : `these ${withoutLink} respondents`}: ` +
      "links are deleted when a round closes, so no mail can carry theirs (a link they already have still works)",
  );

const reminderCapped = (nextAt: Date | null) =>
  new AppError(
    429,
    "reminder-cap",
    `those left had a reminder less than ${reminderCap.gapMs / 3_600_000} hours ago, or ${reminderCap.maxReminders} in all; ` +
      (nextAt ? `the next can go from ${nextAt.toISOString()}` : "no more reminders can be sent to them"),
  );

/** How long after invitations the admin pages wait before offering "remind now". */
export const reminderPauseMs = 60_000;

const emptySummary = (): SendSummary => ({ sent: 0, outbox: 0, retried: 0, failed: 0, bounced: 0, cancelled: 0 });

export class Invitations {
  readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private sealerPromise: Promise<LinkSealer> | null = null;
  private readonly messageDomain: string;
  /** Set by the scheduler: called when new mails were queued, to send them without waiting. */
  onQueued: () => void = () => {};

  constructor(
    private readonly sql: Sql,
    private readonly config: InvitationsConfig,
  ) {
    this.clock = config.clock ?? systemClock;
    this.leaseMs = config.leaseMs ?? 5 * 60_000;
    this.batchSize = config.batchSize ?? 50;
    this.maxAttempts = config.maxAttempts ?? 5;
    this.concurrency = config.concurrency ?? (config.transport.kind === "smtp" ? 4 : 1);
    this.messageDomain = new URL(config.publicUrl).hostname || "peilstok.local";
  }

  get publicUrl(): string {
    return this.config.publicUrl;
  }

  get timeZone(): string {
    return this.config.timeZone ?? defaultTimeZone;
  }

  /** Extra work for each scheduler pass (series that are due), run before sending. */
  readonly passes: (() => Promise<unknown>)[] = [];

  get transportKind(): "smtp" | "outbox" {
    return this.config.transport.kind;
  }

  sealer(): Promise<LinkSealer> {
    this.sealerPromise ??= loadSealer(this.sql, this.config.linkKey);
    this.sealerPromise.catch(() => (this.sealerPromise = null));
    return this.sealerPromise;
  }

  /**
   * Keeps the tokens of new respondents (sealed), so their invitations can be sent later. Inside
   * a transaction the key is read through it (the embedded pool has one connection), and not
   * remembered: a key generated in a transaction that rolls back never existed.
   */
  async keepLinks(tx: Queryable, links: { respondentId: string; token: string }[]): Promise<void> {
    if (links.length === 0) return;
    const sealer = this.sealerPromise ? await this.sealerPromise : await loadSealer(tx, this.config.linkKey);
    await storeLinks(tx, sealer, links);
  }

  private async openRound(tx: Queryable, roundId: string) {
    const [round] = await tx<{ id: string; closes_at: Date }[]>`
      select id, closes_at from rounds where id = ${roundId} for update
    `;
    if (!round) throw notFound("round");
    if (round.closes_at <= this.clock()) throw new AppError(409, "round-closed", "this round is closed");
    return round;
  }

  /** Adds respondents (fresh tokens, sealed links); with `invite`, queues their invitations. */
  async addRespondents(roundId: string, people: NewPerson[], { invite = false } = {}) {
    const now = this.clock();
    await this.sealer();
    const added = await this.sql.begin(async (tx) => {
      await this.openRound(tx, roundId);
      await checkNewRespondents(tx, roundId, people);
      const existing = await roundEmails(tx, roundId);
      const dupes = people.filter((p) => existing.has(p.email.toLowerCase()));
      if (dupes.length > 0) {
        throw new AppError(
          409,
          "respondent-exists",
          `already in this round: ${dupes.map((d) => d.email).join(", ")}`,
          dupes.map((d) => ({ field: "email", reason: "not-allowed", message: `${d.email} is already in this round` })),
        );
      }
      return this.insertPeople(tx, roundId, people, invite, now);
    });
    if (invite && added.length > 0) this.onQueued();
    return added;
  }

  private async insertPeople(tx: Queryable, roundId: string, people: NewPerson[], invite: boolean, now: Date) {
    const rows = people.map((p) => ({
      id: randomUUID(),
      token: newToken(),
      name: p.name,
      email: p.email.toLowerCase(),
      team: p.team ?? null,
    }));
    await insertRespondents(
      tx,
      rows.map((r) => ({ id: r.id, round_id: roundId, name: r.name, email: r.email, team: r.team, token_hash: tokenHash(r.token) })),
    );
    await this.keepLinks(tx, rows.map((r) => ({ respondentId: r.id, token: r.token })));
    if (invite) await queueInvitations(tx, roundId, now, rows.map((r) => r.id));
    return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, team: r.team }));
  }

  /** Bulk import: good rows are added, bad rows reported by line with the reason. */
  async importCsv(
    roundId: string,
    csv: string,
    { invite = false } = {},
  ): Promise<{ added: number; errors: CsvRowError[] }> {
    const now = this.clock();
    await this.sealer();
    const result = await this.sql.begin(async (tx) => {
      await this.openRound(tx, roundId);
      const parsed = parseRespondentCsv(csv, await roundEmails(tx, roundId));
      const { rows, errors } = await this.onePerTeam(tx, roundId, parsed);
      if (rows.length > 10_000) throw new AppError(413, "too-many-rows", "at most 10,000 respondents per import");
      await this.insertPeople(tx, roundId, rows, invite, now);
      return { added: rows.length, errors };
    });
    if (invite && result.added > 0) this.onQueued();
    return result;
  }

  /** For a scan answered by teams: rows that would give a team a second link become row errors. */
  private async onePerTeam(tx: Queryable, roundId: string, parsed: ReturnType<typeof parseRespondentCsv>) {
    const audience = await roundAudience(tx, roundId);
    if (!audience || audience.answeredBy !== "team") return parsed;
    const conflicts = teamConflicts(audience.group, await teamsWithLink(tx, roundId, audience.group), parsed.rows);
    if (conflicts.length === 0) return parsed;
    const refused = new Set(conflicts.map((c) => c.index));
    const errors: CsvRowError[] = conflicts.map((c) => ({
      line: parsed.rows[c.index]!.line,
      reason: "team-duplicate",
      message:
        c.earlier === null
          ? `team ${c.team} heeft al een link in deze ronde (deze scan vult elk team samen in, met één link per team)`
          : `team ${c.team} staat ook op regel ${parsed.rows[c.earlier]!.line} (deze scan vult elk team samen in, met één link per team)`,
    }));
    return {
      rows: parsed.rows.filter((_, i) => !refused.has(i)),
      errors: [...parsed.errors, ...errors].sort((a, b) => a.line - b.line),
    };
  }

  /**
   * Removes a respondent, their response (found only in rounds that are not anonymous), their
   * unsent mails and their link, in one transaction; also in a closed round, for erasure requests.
   */
  async removeRespondent(roundId: string, respondentId: string): Promise<RemovedRespondent> {
    const removed = await this.sql.begin((tx) => removeRespondent(tx, roundId, respondentId));
    if (!removed) throw notFound("respondent");
    return removed;
  }

  /**
   * Queues invitations for the respondents (all by default) that have none yet. Respondents whose
   * link was deleted (the round closed, then reopened) are skipped and counted; when nobody else
   * is left, a 409 says why.
   */
  async invite(roundId: string, respondentIds: string[] | null = null): Promise<Queued> {
    return this.queueNow("invitation", roundId, respondentIds);
  }

  /** A reminder now to the respondents (all by default) who have not submitted; like `invite`. */
  async remindNow(roundId: string, respondentIds: string[] | null = null): Promise<Queued> {
    return this.queueNow("reminder", roundId, respondentIds);
  }

  /**
   * From when the admin pages offer "remind now": a minute after the round's last invitations were
   * queued (null: none were), so nobody gets an invitation and a reminder in the same minute.
   */
  async remindableFrom(roundId: string): Promise<Date | null> {
    const last = await lastInvitationQueuedAt(this.sql, roundId);
    return last ? new Date(last.getTime() + reminderPauseMs) : null;
  }

  private async queueNow(
    kind: "invitation" | "reminder",
    roundId: string,
    respondentIds: string[] | null,
  ): Promise<Queued> {
    const now = this.clock();
    const queue = kind === "invitation" ? queueInvitations : queueReminderNow;
    const result = await this.sql.begin(async (tx) => ({
      queued: await queue(tx, roundId, now, respondentIds),
      withoutLink: await countWithoutLink(tx, kind, roundId, now, respondentIds),
      ...(kind === "reminder" ? await countCapped(tx, roundId, now, respondentIds) : { capped: 0, nextAt: null }),
    }));
    if (result.queued === 0 && result.capped > 0) throw reminderCapped(result.nextAt);
    if (result.queued === 0 && result.withoutLink > 0) throw linksDeleted(result.withoutLink);
    if (result.queued > 0) this.onQueued();
    return { queued: result.queued, withoutLink: result.withoutLink, capped: result.capped };
  }

  /**
   * Deletes the personal links kept for mail in every round that has closed: the sealed links and
   * the bodies of outbox copies. Nothing is mailed for a closed round, and in an anonymous round
   * these links are all that could tie a respondent to their response (ARCHITECTURE.md).
   */
  async forgetClosedLinks(): Promise<ForgottenLinks> {
    const now = this.clock();
    return {
      sealedLinks: await deleteClosedRoundLinks(this.sql, now),
      outboxBodies: await clearClosedRoundBodies(this.sql, now),
    };
  }

  scheduleReminders(): Promise<number> {
    return queueDueReminders(this.sql, this.clock());
  }

  /** Sends everything due, batch by batch, until nothing is left (or `maxBatches`). */
  async sendDue({ maxBatches = 1000 } = {}): Promise<SendSummary> {
    const summary = emptySummary();
    const byRound = new Map<string | null, Partial<Record<keyof SendSummary | MailKind, number>>>();
    for (let i = 0; i < maxBatches; i++) {
      const now = this.clock();
      const leaseId = randomUUID();
      const batch = await claimDue(this.sql, leaseId, now, new Date(now.getTime() + this.leaseMs), this.batchSize);
      if (batch.length === 0) break;
      let next = 0;
      const worker = async () => {
        while (next < batch.length) {
          const mail = batch[next++]!;
          const outcome = await this.deliver(mail, leaseId);
          summary[outcome]++;
          const counts = byRound.get(mail.round_id) ?? {};
          counts[outcome] = (counts[outcome] ?? 0) + 1;
          if (outcome === "sent" || outcome === "outbox") counts[mail.kind] = (counts[mail.kind] ?? 0) + 1;
          byRound.set(mail.round_id, counts);
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, batch.length) }, worker));
    }
    // One audit entry per round and pass, with counts: no addresses (server/audit/).
    for (const [roundId, counts] of byRound) {
      if (!counts.sent && !counts.outbox && !counts.bounced && !counts.failed) continue;
      await recordAudit(this.sql, { action: "mail.sent", actor: { kind: "system" }, roundId, details: counts });
    }
    return summary;
  }

  private compose(mail: ClaimedMail, sealer: LinkSealer): { to: string; rendered: RenderedMail; variant: string | null } | string {
    if (prewrittenKinds.has(mail.kind)) {
      const p = mail.payload as { subject: string; text: string; html: string } | null;
      if (!p || !mail.to_address) return "the notice has no recipient";
      return { to: mail.to_address, rendered: { subject: p.subject, text: p.text, html: p.html }, variant: null };
    }
    if (!mail.email || !mail.sealed) return "no personal link is kept for this respondent (links are deleted when a round closes)";
    const variant = mail.kind === "reminder" ? (mail.respondent_status === "started" ? "started" : "not-started") : null;
    const kind = mail.kind === "invitation" ? "invitation" : variant === "started" ? "reminderStarted" : "reminderNotStarted";
    const rendered = render(textFor(kind, mail.texts), {
      naam: mail.name ?? "",
      scan: mail.scan_title ?? "",
      ronde: mail.round_title ?? "",
      sluitdatum: mail.closes_at ? formatCloseDate(mail.closes_at, this.timeZone) : "",
      link: `${this.config.publicUrl}/r/${sealer.open(mail.sealed)}`,
    });
    return { to: mail.email, rendered, variant };
  }

  private async deliver(mail: ClaimedMail, leaseId: string): Promise<keyof SendSummary> {
    const now = this.clock();
    if (!prewrittenKinds.has(mail.kind)) {
      const cancel =
        !mail.respondent_id ? "the respondent was removed"
        : mail.respondent_status === "submitted" && mail.kind === "reminder" ? "already submitted"
        : mail.closes_at && mail.closes_at <= now ? "the round is closed"
        : null;
      if (cancel) {
        await markUndeliverable(this.sql, mail.id, leaseId, "cancelled", cancel);
        return "cancelled";
      }
    }
    const composed = this.compose(mail, await this.sealer());
    if (typeof composed === "string") {
      await markUndeliverable(this.sql, mail.id, leaseId, "failed", composed);
      return "failed";
    }
    const messageId = `<${mail.id}@${this.messageDomain}>`;
    const outcome = await this.config.transport.send({ ...composed.rendered, to: composed.to, messageId });
    if (outcome.status === "error") {
      if (outcome.permanent) {
        await markUndeliverable(this.sql, mail.id, leaseId, "bounced", outcome.message);
        return "bounced";
      }
      if (mail.attempts >= this.maxAttempts) {
        await markUndeliverable(this.sql, mail.id, leaseId, "failed", outcome.message);
        return "failed";
      }
      // 1, 2, 4, 8 … minutes, at most an hour.
      const backoff = Math.min(60, 2 ** (mail.attempts - 1)) * 60_000;
      await markRetry(this.sql, mail.id, leaseId, new Date(this.clock().getTime() + backoff), outcome.message);
      this.config.log.warn(`mail ${mail.id}: will retry (${outcome.message})`);
      return "retried";
    }
    const outbox = outcome.status === "outbox";
    const kept = await markDelivered(this.sql, mail.id, leaseId, this.clock(), {
      status: outcome.status,
      subject: composed.rendered.subject,
      variant: composed.variant,
      messageId,
      text: outbox ? composed.rendered.text : null,
      html: outbox ? composed.rendered.html : null,
    });
    if (!kept) this.config.log.warn(`mail ${mail.id}: its lease ran out while sending`);
    return outbox ? "outbox" : "sent";
  }

  /** One scheduler pass: forget the links of closed rounds, queue due reminders, then send what is due. */
  async tick(): Promise<SendSummary & { reminders: number; forgotten: ForgottenLinks }> {
    const forgotten = await this.forgetClosedLinks();
    for (const pass of this.passes) await pass();
    const reminders = await this.scheduleReminders();
    return { reminders, forgotten, ...(await this.sendDue()) };
  }
}
