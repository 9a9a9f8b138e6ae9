// The audit log (GET /api/admin/audit, server/audit/routes.ts), and the rounds to filter by.
import type { AuditEntryView, AuditPage } from "../../../../server/audit/routes.ts";
import { adminRequest } from "../../lib/admin-http.ts";
import { fromZonedInput } from "../../lib/format-date.ts";

export type { AuditEntryView, AuditPage };

export interface AuditFilter {
  actor?: string | undefined;
  round?: string | undefined;
  action?: string | undefined;
  /** yyyy-mm-dd, inclusive. */
  from?: string | undefined;
  /** yyyy-mm-dd, inclusive (sent as the next day, which the API excludes). */
  to?: string | undefined;
  page?: number | undefined;
}

function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function fetchAuditPage(filter: AuditFilter, pageSize = 50): Promise<AuditPage> {
  const q = new URLSearchParams();
  if (filter.actor) q.set("actor", filter.actor);
  if (filter.round) q.set("round", filter.round);
  if (filter.action) q.set("action", filter.action);
  // Days start at midnight in the organisation's time zone (TIME_ZONE), not the browser's.
  const start = (day: string) => fromZonedInput(`${day}T00:00`);
  const from = filter.from ? start(filter.from) : null;
  const to = filter.to ? start(dayAfter(filter.to)) : null;
  if (from) q.set("from", from);
  if (to) q.set("to", to);
  q.set("page", String(filter.page ?? 1));
  q.set("pageSize", String(pageSize));
  return adminRequest<AuditPage>("GET", `/api/admin/audit?${q}`);
}

export interface RoundOption {
  id: string;
  title: string;
  group: string;
}

export const fetchRoundOptions = () =>
  adminRequest<{ rounds: RoundOption[] }>("GET", "/api/admin/rounds").then((r) => r.rounds.map(({ id, title, group }) => ({ id, title, group })));
