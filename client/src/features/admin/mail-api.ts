// A new round's mail settings and first invitations (server/invitations/routes.ts).
import { adminRequest } from "../../lib/admin-http.ts";
import type { ReminderSchedule } from "../../components/reminder-schedule-fields.tsx";

export interface MailText {
  subject: string;
  body: string;
}

const round = (id: string) => `/api/admin/rounds/${encodeURIComponent(id)}`;

/** Texts left out keep the default wording. */
export const saveMailSettings = (roundId: string, settings: ReminderSchedule & { texts: { invitation?: MailText } }) =>
  adminRequest<{ saved: true }>("PUT", `${round(roundId)}/mail-settings`, settings);

export const sendInvitations = (roundId: string) => adminRequest<{ queued: number }>("POST", `${round(roundId)}/invitations`, {});
