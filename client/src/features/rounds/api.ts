// A round's lifecycle from the admin pages: its details, closing it now, changing its dates,
// reopening, archiving and deleting it (server/rounds/lifecycle.ts), and its open link's limits.
import type { RoundDetail } from "../../../../server/rounds/lifecycle.ts";
import type { DeletedRound } from "../../../../server/rounds/lifecycle.ts";
import type { OpenLinkLimits } from "../../../../server/respond/open-link.ts";
import { adminRequest } from "../../lib/admin-http.ts";

export type { RoundDetail, DeletedRound };

const base = (id: string) => `/api/admin/rounds/${encodeURIComponent(id)}`;

export const fetchRoundDetail = (id: string) => adminRequest<RoundDetail>("GET", base(id));
export const closeRound = (id: string) => adminRequest<{ closedAt: string; round: RoundDetail }>("POST", `${base(id)}/close`);
export const changeRound = (id: string, change: { title?: string; opensAt?: string; closesAt?: string }) =>
  adminRequest<RoundDetail>("PATCH", base(id), change);
export const reopenRound = (id: string, closesAt: string) => adminRequest<RoundDetail>("POST", `${base(id)}/reopen`, { closesAt });
export const archiveRound = (id: string, archived: boolean) =>
  adminRequest<RoundDetail>("POST", `${base(id)}/${archived ? "archive" : "unarchive"}`);
export const deleteRound = (id: string) => adminRequest<DeletedRound>("DELETE", base(id));

/** The open link's cap, hourly rate and one response per device, and how much of it is used (server/respond/open-link-routes.ts). */
export interface OpenLinkState {
  limits: OpenLinkLimits;
  usage: { admitted: number; lastHour: number };
}
export type { OpenLinkLimits };
export const fetchOpenLink = (id: string) => adminRequest<OpenLinkState>("GET", `${base(id)}/open-link`);
export const saveOpenLinkLimits = (id: string, limits: OpenLinkLimits) => adminRequest<OpenLinkState>("PUT", `${base(id)}/open-link`, limits);
