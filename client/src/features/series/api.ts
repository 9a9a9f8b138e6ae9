// Series of repeated rounds: the series page and opening its next round.
import { adminRequest } from "../../lib/admin-http.ts";
import type { SeriesDetail } from "../../../../server/series/detail.ts";

export type { SeriesDetail };

export const fetchSeries = (id: string) => adminRequest<SeriesDetail>("GET", `/api/admin/series/${encodeURIComponent(id)}`);

export const openNextRound = (id: string) =>
  adminRequest<{ roundId: string; respondents: number }>("POST", `/api/admin/series/${encodeURIComponent(id)}/open-next`);
