// Report API calls. Admin calls go with the login session cookie, or the API token someone entered
// instead (lib/admin-http.ts).
import { adminHeaders, adminRequest } from "../../lib/admin-http.ts";
import { ApiError, NetworkError, requestJson } from "../../lib/http.ts";
import type { OwnReport } from "../../../../server/reports/own-report.ts";
import type { RoundReport, SeriesReport } from "../../../../server/reports/round-report.ts";
import type { SharedResult, ShareSummary } from "../../../../server/reports/shared-results.ts";

export type { OwnReport, RoundReport, SeriesReport, SharedResult, ShareSummary };

async function adminFetch(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: adminHeaders("GET"),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, body?.error?.code ?? `http-${response.status}`, body?.error?.message ?? response.statusText);
  }
  return response;
}

const adminJson = <T,>(url: string) => adminRequest<T>("GET", url);

const base = (roundId: string) => `/api/admin/reports/rounds/${encodeURIComponent(roundId)}`;

export const fetchRoundReport = (roundId: string) => adminJson<RoundReport>(base(roundId));
export const fetchSeriesReport = (roundId: string) => adminJson<SeriesReport>(`${base(roundId)}/series`);

export type ExportFile = "export.xlsx" | "export.csv" | "answers.csv" | "codebook.csv";

/** Downloads an export through fetch, because a plain link cannot send the admin token. */
export async function downloadExport(roundId: string, file: ExportFile): Promise<void> {
  const response = await adminFetch(`${base(roundId)}/${file}`);
  const disposition = response.headers.get("content-disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? file;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fetchOwnReport(token: string, responseId: string | null): Promise<OwnReport> {
  const query = responseId ? `?response=${encodeURIComponent(responseId)}` : "";
  return requestJson<OwnReport>("GET", `/api/respond/${encodeURIComponent(token)}/report${query}`);
}

// Action plans of a round (what, who, by when, status), and last round's actions beside the new
// scores.
export type ActionStatus = "planned" | "doing" | "done" | "dropped";

export interface Action {
  id: string;
  roundId: string;
  target: { kind: "item" | "theme"; id: string };
  what: string;
  who: string;
  dueOn: string | null;
  status: ActionStatus;
  updatedAt: string;
}

export interface FollowUpAction extends Action {
  title: string;
  previousScore: number | null;
  currentScore: number | null;
  /** False when the scan version changed the element (see `dsl/compare.ts`): the scores do not compare. */
  comparable: boolean;
  summary: string;
}

export interface FollowUp {
  previousRound: { id: string; title: string } | null;
  actions: FollowUpAction[];
}

export type ActionInput = Pick<Action, "what" | "who" | "dueOn" | "status">;

const roundBase = (roundId: string) => `/api/admin/rounds/${encodeURIComponent(roundId)}`;

const adminWrite = <T,>(method: "POST" | "PATCH", url: string, body: unknown) => adminRequest<T>(method, url, body);

export const fetchActions = (roundId: string) => adminJson<{ actions: Action[] }>(`${roundBase(roundId)}/actions`).then((r) => r.actions);
export const fetchFollowUp = (roundId: string) => adminJson<FollowUp>(`${roundBase(roundId)}/actions/follow-up`);
export const createAction = (roundId: string, input: ActionInput & { target: Action["target"] }) =>
  adminWrite<Action>("POST", `${roundBase(roundId)}/actions`, input);
export const updateAction = (roundId: string, actionId: string, input: Partial<ActionInput>) =>
  adminWrite<Action>("PATCH", `${roundBase(roundId)}/actions/${encodeURIComponent(actionId)}`, input);

// A respondent's own result, shared by their own choice (server/reports/shared-results.ts).

const sharesUrl = (token: string, responseId: string | null) =>
  `/api/respond/${encodeURIComponent(token)}/shares${responseId ? `?response=${encodeURIComponent(responseId)}` : ""}`;

export const fetchShares = (token: string, responseId: string | null) =>
  requestJson<{ shares: ShareSummary[] }>("GET", sharesUrl(token, responseId)).then((r) => r.shares);

export const createShare = (
  token: string,
  responseId: string | null,
  input: { items: string[]; name?: string; message?: string; days: number },
) => requestJson<{ id: string; path: string; expiresAt: string }>("POST", sharesUrl(token, null), { ...input, ...(responseId ? { responseId } : {}) });

export const revokeShare = (token: string, responseId: string | null, id: string) =>
  requestJson<{ revoked: string }>(
    "DELETE",
    `/api/respond/${encodeURIComponent(token)}/shares/${encodeURIComponent(id)}${responseId ? `?response=${encodeURIComponent(responseId)}` : ""}`,
  );

export const fetchShared = (token: string) => requestJson<SharedResult>("GET", `/api/shared/${encodeURIComponent(token)}`);
