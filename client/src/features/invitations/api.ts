// Respondents, invitations, reminders and response rates of one round (server/invitations/routes.ts).
import { adminRequest } from "../../lib/admin-http.ts";

export interface RoundInfo {
  id: string;
  title: string;
  group: string;
  scanId: string;
  closesAt: string;
  state: "open" | "closed" | "not-yet-open";
  anonymous: boolean;
}

export type RecipientState = "not-invited" | "queued" | "invited" | "opened" | "started" | "submitted" | "bounced" | "failed";

export interface Recipient {
  id: string;
  name: string;
  email: string;
  team: string | null;
  state: RecipientState;
  reminders: number;
  lastMailAt: string | null;
  error: string | null;
  /** False once the round has closed: the personal link is deleted, no mail can carry it. */
  linkKept: boolean;
}

export interface Rate {
  respondents: number;
  opened: number;
  started: number;
  submitted: number;
  rate: number | null;
  label: string;
}

export interface ResponseRate {
  total: Rate | null;
  teams: (Rate & { team: string | null })[];
}

export interface Recipients {
  transport: "smtp" | "outbox";
  recipients: Recipient[];
  responseRate: ResponseRate;
  /** From when "remind now" is offered: a minute after the last invitations (null: none yet). */
  remindableFrom: string | null;
  /** The server's clock when it answered, to compare remindableFrom with. */
  now: string;
}

export type TextKind = "invitation" | "reminderNotStarted" | "reminderStarted";
export interface MailText {
  subject: string;
  body: string;
}

export interface MailSettings {
  texts: Partial<Record<TextKind, MailText>>;
  remindersEnabled: boolean;
  reminderAfterDays: number;
  reminderIntervalDays: number;
  maxReminders: number;
}

/** What removing a respondent deleted (DELETE /api/admin/rounds/:id/respondents/:respondentId). */
export interface Removal {
  removed: true;
  responseDeleted: boolean;
  deletedResponse: "draft" | "submitted" | null;
  droppedMails: number;
  /** Why no response was deleted: there was none, or the round is anonymous (not linked). */
  reason: "no-response" | "anonymous-round" | null;
}

export interface CsvRowError {
  line: number;
  reason: string;
  message: string;
}

export interface NewRespondent {
  name: string;
  email: string;
  team?: string;
}

const round = (id: string) => `/api/admin/rounds/${encodeURIComponent(id)}`;

export async function fetchRound(id: string): Promise<{ round: RoundInfo; scanTitle: string } | null> {
  const [{ rounds }, { scans }] = await Promise.all([
    adminRequest<{ rounds: RoundInfo[] }>("GET", "/api/admin/rounds"),
    adminRequest<{ scans: { id: string; title: string }[] }>("GET", "/api/admin/scans"),
  ]);
  const found = rounds.find((r) => r.id === id);
  if (!found) return null;
  return { round: found, scanTitle: scans.find((s) => s.id === found.scanId)?.title ?? found.scanId };
}

export const fetchRecipients = (id: string) => adminRequest<Recipients>("GET", `${round(id)}/recipients`);

export const addRespondents = (id: string, respondents: NewRespondent[]) =>
  adminRequest<{ added: unknown[] }>("POST", `${round(id)}/respondents`, { respondents });

export const importCsv = (id: string, csv: string) =>
  adminRequest<{ added: number; errors: CsvRowError[] }>("POST", `${round(id)}/respondents/import`, { csv });

export const removeRespondent = (id: string, respondentId: string) =>
  adminRequest<Removal>("DELETE", `${round(id)}/respondents/${encodeURIComponent(respondentId)}`);

/** What a send queued, and how many it skipped because their link was deleted (409 `links-deleted` when that was everyone). */
export interface Queued {
  queued: number;
  withoutLink: number;
  /** Reminders: skipped because they had one less than a day ago, or five in all. */
  capped: number;
}

export const sendInvitations = (id: string) => adminRequest<Queued>("POST", `${round(id)}/invitations`, {});

export const remindNow = (id: string) => adminRequest<Queued>("POST", `${round(id)}/reminders`, {});

export const fetchMailSettings = (id: string) =>
  adminRequest<MailSettings & { defaults: Record<TextKind, MailText> }>("GET", `${round(id)}/mail-settings`);

export const saveMailSettings = (id: string, settings: MailSettings) =>
  adminRequest<{ saved: true }>("PUT", `${round(id)}/mail-settings`, settings);
