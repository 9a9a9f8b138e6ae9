import type { CompiledScan } from "../../../../dsl/model.ts";
import type { AccountView } from "../../../../server/accounts/service.ts";
import { adminRequest } from "../../lib/admin-http.ts";
import type { AdminRole } from "../../lib/admin-session.ts";
import type { MailKind } from "../../lib/labels.ts";

export type Role = AdminRole;

export interface ScanSummary {
  id: string;
  title: string;
  versions: { id: number; version: number; checksum: string; createdAt: string; answeredBy: "individual" | "team" }[];
}

export interface RoundSummary {
  id: string;
  title: string;
  group: string;
  scanId: string;
  version: number;
  opensAt: string;
  closesAt: string;
  state: "open" | "closed" | "not-yet-open";
  anonymous: boolean;
  hasOpenLink: boolean;
  seriesId: string | null;
  counts: { respondents: number; drafts: number; submitted: number };
}

export interface CreatedRound {
  round: { id: string; title: string; group: string; version: number };
  links: { name: string; email: string; url: string }[];
  openLink: string | null;
}

export interface RoundInput {
  scanId: string;
  title: string;
  group: string;
  opensAt: string;
  closesAt: string;
  anonymous?: boolean;
  allowEdit: boolean;
  openLink: boolean;
  /** The open link's cap, rate per hour and one response per browser (server/respond/open-link.ts). */
  openLinkLimits?: { maxResponses: number; perHour: number; onePerDevice: boolean };
  /** At least the organisation's privacy floor; absent: the floor. */
  minGroupSize?: number;
  respondents: { name: string; email: string; team?: string }[];
}

export const fetchScans = () => adminRequest<{ scans: ScanSummary[] }>("GET", "/api/admin/scans").then((r) => r.scans);
export const fetchRounds = (archived: "no" | "yes" = "no") =>
  adminRequest<{ rounds: RoundSummary[] }>("GET", `/api/admin/rounds?archived=${archived}`).then((r) => r.rounds);
export const fetchScanVersions = (scanId: string) =>
  adminRequest<{ versions: { version: number; createdAt: string }[] }>("GET", `/api/admin/scans/${encodeURIComponent(scanId)}/versions`).then(
    (r) => r.versions,
  );
export const fetchScanVersion = (scanId: string, version: number) =>
  adminRequest<{ compiled: CompiledScan }>("GET", `/api/admin/scans/${encodeURIComponent(scanId)}/versions/${version}`);
export const createSeries = (input: { roundId: string; title: string }) =>
  adminRequest<{ id: string }>("POST", "/api/admin/series", input);
export const createRound = (input: RoundInput) => adminRequest<CreatedRound>("POST", "/api/admin/rounds", input);

export interface OutboxMail {
  id: string;
  kind: MailKind;
  /** A reminder's wording: "not-started" or "started". */
  variant: string | null;
  roundId: string | null;
  roundTitle: string | null;
  to: string | null;
  subject: string | null;
  text: string | null;
  /** The HTML part, as the recipient's mail program shows it; null once cleared (the round closed). */
  html: string | null;
  sentAt: string | null;
}

/** The newest mails kept in the app, of one round or of all. */
export const fetchOutbox = (roundId: string | null) =>
  adminRequest<{ transport: string; mails: OutboxMail[] }>(
    "GET",
    `/api/admin/mail/outbox${roundId ? `?round=${encodeURIComponent(roundId)}` : ""}`,
  );

/** An account as the admin API shows it. */
export type Account = AccountView;

/** Role and teams, or active: false (deactivate, ends its sessions) / true (reactivate). */
export interface AccountChange {
  role?: Role;
  teams?: string[];
  active?: boolean;
}

export const fetchAccounts = () => adminRequest<{ accounts: Account[] }>("GET", "/api/admin/accounts").then((r) => r.accounts);
export const createAccount = (input: { email: string; name: string; role: Role; teams: string[] }) =>
  adminRequest<{ email: string; password: string | null }>("POST", "/api/admin/accounts", input);
export const updateAccount = (id: string, change: AccountChange) =>
  adminRequest<{ account: Account }>("PATCH", `/api/admin/accounts/${encodeURIComponent(id)}`, change).then((r) => r.account);
