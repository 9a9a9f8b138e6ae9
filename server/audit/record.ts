// Recording who did what. A route adds one line after (or, for reads of personal data, before)
// its work: `await audit(c, sql, "report.view", { roundId })`. The actor, request id and client
// address come from the request. Work without a request (the scheduler, a command) uses
// `recordAudit` with its own actor.
import type { Context } from "hono";
import { clientAddress } from "../lib/client-address.ts";
import type { AuthEnv } from "../accounts/guard.ts";
import type { Queryable } from "../db/connect.ts";
import type { AuditAction, AuditTargetKind } from "./actions.ts";
import { insertAuditEntry } from "./queries.ts";

/**
 * Facts about an action. Never answer text, link tokens, passwords, session ids, or a
 * respondent's name or e-mail address (name respondents by id): `test/audit.test.ts` reads the
 * whole log after a run and fails if it finds any.
 */
export type AuditDetails = Record<string, string | number | boolean | null | readonly string[] | Record<string, unknown>>;

export interface AuditFields {
  /** Who acted, when the request's caller is not it yet (a login that just succeeded). */
  actor?: AuditActor | undefined;
  roundId?: string | null | undefined;
  target?: { kind: AuditTargetKind; id: string; label?: string | null | undefined } | undefined;
  details?: AuditDetails | undefined;
}

export type AuditActor =
  | { kind: "account"; id: string; email: string }
  | { kind: "token" }
  | { kind: "system" }
  | { kind: "cli"; user?: string | undefined }
  | { kind: "anonymous" };

export interface AuditEntry extends AuditFields {
  action: AuditAction;
  actor: AuditActor;
  clientAddress?: string | null | undefined;
  requestId?: string | null | undefined;
}

export function recordAudit(sql: Queryable, entry: AuditEntry): Promise<void> {
  const actor = entry.actor;
  return insertAuditEntry(sql, {
    actorKind: actor.kind,
    actorId: actor.kind === "account" ? actor.id : null,
    actorEmail:
      actor.kind === "account" ? actor.email
      : actor.kind === "token" ? "API-token"
      : actor.kind === "cli" ? (actor.user ? `opdrachtregel (${actor.user})` : "opdrachtregel")
      : actor.kind === "system" ? "Peilstok"
      : null,
    action: entry.action,
    roundId: entry.roundId ?? null,
    targetKind: entry.target?.kind ?? null,
    targetId: entry.target?.id ?? null,
    targetLabel: entry.target?.label ?? null,
    details: entry.details ?? {},
    clientAddress: entry.clientAddress ?? null,
    requestId: entry.requestId ?? null,
  });
}

/** The caller's address: TRUSTED_PROXY_HEADER's, or the socket's (app.request() in tests has none). */
export function requestAddress(c: Context): string | null {
  const address = clientAddress(c);
  return address === "unknown" ? null : address;
}

/**
 * Records an action of the request's caller: the logged-in account or the API token, or nobody
 * (a failed login, a respondent-side event) when there is none.
 */
export function audit(c: Context, sql: Queryable, action: AuditAction, fields: AuditFields = {}): Promise<void> {
  const principal = (c as Context<AuthEnv>).get("principal") ?? null;
  const actor: AuditActor =
    fields.actor ? fields.actor
    : principal === null ? { kind: "anonymous" }
    : principal.kind === "token" ? { kind: "token" }
    : { kind: "account", id: principal.accountId!, email: principal.email };
  return recordAudit(sql, {
    ...fields,
    action,
    actor,
    clientAddress: requestAddress(c),
    requestId: (c.get("requestId") as string | undefined) ?? null,
  });
}
