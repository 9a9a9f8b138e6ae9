// A round's lifecycle from the admin pages: its details, closing it now, changing its dates,
// reopening, archiving and deleting it (server/rounds/lifecycle.ts).
import type { RoundDetail } from "../../../../server/rounds/lifecycle.ts";
import type { DeletedRound } from "../../../../server/rounds/lifecycle.ts";
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
