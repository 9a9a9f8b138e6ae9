import { Hono } from "hono";
import { z } from "zod";
import { principalOf, requireRole, requireRoundAccess, teamScope, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { findSettings, saveSettings } from "./mails-queries.ts";
import { listRecipients, responseRates, type RateRow } from "./recipients-queries.ts";
import { listOutbox } from "./outbox-queries.ts";
import { AppError, notFound } from "../lib/errors.ts";
import type { Invitations } from "./service.ts";
import { defaultTexts, mailTextsSchema } from "./mail-templates.ts";
import { respondentInputSchema } from "../rounds/service.ts";
import { valid, validParam } from "../lib/request-validator.ts";

const roundParamSchema = z.object({ id: z.uuid() });
const respondentParamSchema = z.object({ id: z.uuid(), respondentId: z.uuid() });
export const idsSchema = z.object({ respondentIds: z.array(z.uuid()).max(10_000).optional() });
export const addSchema = z.object({
  respondents: z.array(respondentInputSchema).min(1).max(10_000),
  invite: z.boolean().default(false),
});
export const importSchema = z.object({ csv: z.string().max(5_000_000), invite: z.boolean().default(false) });
export const settingsSchema = z.object({
  texts: mailTextsSchema.default({}),
  remindersEnabled: z.boolean().default(true),
  reminderAfterDays: z.number().int().min(0).max(365).default(10),
  reminderIntervalDays: z.number().int().min(1).max(365).default(7),
  maxReminders: z.number().int().min(0).max(10).default(2),
});
export const outboxQuerySchema = z.object({
  round: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Why a removal deleted no response: there was none, or an anonymous round cannot find it. */
export type KeptResponseReason = "no-response" | "anonymous-round";

const keptResponseMessages: Record<KeptResponseReason, string> = {
  "no-response": "the respondent had no response",
  "anonymous-round":
    "this round is anonymous: no response is linked to a respondent, so their answers, if submitted, stay in the report",
};

export type RecipientState =
  | "not-invited"
  | "queued"
  | "invited"
  | "opened"
  | "started"
  | "submitted"
  | "bounced"
  | "failed";

function rate(r: RateRow) {
  return {
    respondents: r.respondents,
    opened: r.opened,
    started: r.started,
    submitted: r.submitted,
    rate: r.respondents ? Math.round((r.submitted / r.respondents) * 1000) / 10 : null,
    label: `${r.submitted}/${r.respondents}`,
  };
}

async function roundRates(sql: Sql, roundIds: string[]) {
  const rows = await responseRates(sql, roundIds);
  const out = new Map<string, { total: ReturnType<typeof rate>; teams: (ReturnType<typeof rate> & { team: string | null })[] }>();
  for (const row of rows) {
    let entry = out.get(row.round_id);
    if (!entry) out.set(row.round_id, (entry = { total: rate(row), teams: [] }));
    if (row.all) entry.total = rate(row);
    else entry.teams.push({ team: row.team, ...rate(row) });
  }
  return out;
}

/**
 * Respondents, invitations, reminders and response rates of a round. Mounted at
 * /api/admin/rounds next to the round routes; every route is under `/:id` and checks round access.
 */
export function invitationRoutes(sql: Sql, invitations: Invitations) {
  const round = validParam(roundParamSchema, "round");
  const access = requireRoundAccess(sql);
  return new Hono<AuthEnv>()
    .use("/:id/*", access)
    .get("/:id/recipients", round, async (c) => {
      const { id } = c.req.valid("param");
      const [recipients, rates, remindableFrom] = await Promise.all([
        listRecipients(sql, id),
        roundRates(sql, [id]),
        invitations.remindableFrom(id),
      ]);
      c.header("Cache-Control", "no-store");
      return c.json({
        transport: invitations.transportKind,
        recipients: recipients.map((r) => {
          const state: RecipientState =
            r.status !== "invited" ? r.status
            : r.invitation === null || r.invitation === "cancelled" ? "not-invited"
            : r.invitation === "queued" || r.invitation === "sending" ? "queued"
            : r.invitation === "bounced" || r.invitation === "failed" ? r.invitation
            : "invited";
          return {
            id: r.id,
            name: r.name,
            email: r.email,
            team: r.team,
            state,
            reminders: r.reminders,
            lastMailAt: r.last_mail_at?.toISOString() ?? null,
            error: r.invitation_error,
            // False once the round has closed: mails can no longer carry their link.
            linkKept: r.link_kept,
          };
        }),
        responseRate: rates.get(id) ?? { total: null, teams: [] },
        // The admin page offers "remind now" from then on (null: no invitations yet).
        remindableFrom: remindableFrom?.toISOString() ?? null,
        now: invitations.clock().toISOString(),
      });
    })
    .get("/:id/response-rate", round, async (c) => {
      const { id } = c.req.valid("param");
      return c.json((await roundRates(sql, [id])).get(id) ?? { total: null, teams: [] });
    })
    .post("/:id/respondents", requireRole("admin"), round, valid("json", addSchema), async (c) => {
      const { respondents, invite } = c.req.valid("json");
      const added = await invitations.addRespondents(c.req.valid("param").id, respondents, { invite });
      return c.json({ added }, 201);
    })
    .post("/:id/respondents/import", requireRole("admin"), round, async (c) => {
      // JSON `{ csv, invite }` from the admin page, or a raw text/csv upload (`?invite=true`).
      const type = c.req.header("content-type") ?? "";
      let input: z.infer<typeof importSchema>;
      if (type.startsWith("text/csv") || type.startsWith("text/plain")) {
        input = { csv: await c.req.text(), invite: c.req.query("invite") === "true" };
      } else {
        const parsed = importSchema.safeParse(await c.req.json().catch(() => null));
        if (!parsed.success) throw new AppError(400, "invalid-body", "expected { csv, invite } or a text/csv body");
        input = parsed.data;
      }
      const result = await invitations.importCsv(c.req.valid("param").id, input.csv, { invite: input.invite });
      return c.json(result, 200);
    })
    .delete("/:id/respondents/:respondentId", requireRole("admin"), validParam(respondentParamSchema, "respondent"), async (c) => {
      const { id, respondentId } = c.req.valid("param");
      const removed = await invitations.removeRespondent(id, respondentId);
      const reason: KeptResponseReason | null =
        removed.anonymous ? "anonymous-round" : removed.response === null ? "no-response" : null;
      return c.json({
        removed: true,
        responseDeleted: removed.response !== null,
        deletedResponse: removed.response,
        droppedMails: removed.droppedMails,
        reason,
        message: reason ? keptResponseMessages[reason] : null,
      });
    })
    .post("/:id/invitations", requireRole("admin"), round, valid("json", idsSchema), async (c) => {
      return c.json(await invitations.invite(c.req.valid("param").id, c.req.valid("json").respondentIds ?? null), 202);
    })
    .post("/:id/reminders", requireRole("admin", "teamleader"), round, valid("json", idsSchema), async (c) => {
      return c.json(await invitations.remindNow(c.req.valid("param").id, c.req.valid("json").respondentIds ?? null), 202);
    })
    .get("/:id/mail-settings", round, async (c) => {
      const s = await findSettings(sql, c.req.valid("param").id);
      return c.json({
        texts: s.texts,
        // What a text left unset reads, so the admin page can show and preview it.
        defaults: defaultTexts,
        remindersEnabled: s.reminders_enabled,
        reminderAfterDays: s.reminder_after_days,
        reminderIntervalDays: s.reminder_interval_days,
        maxReminders: s.max_reminders,
      });
    })
    .put("/:id/mail-settings", requireRole("admin"), round, valid("json", settingsSchema), async (c) => {
      const { id } = c.req.valid("param");
      const [exists] = await sql`select 1 from rounds where id = ${id}`;
      if (!exists) throw notFound("round");
      const s = c.req.valid("json");
      await saveSettings(
        sql,
        {
          round_id: id,
          texts: s.texts,
          reminders_enabled: s.remindersEnabled,
          reminder_after_days: s.reminderAfterDays,
          reminder_interval_days: s.reminderIntervalDays,
          max_reminders: s.maxReminders,
        },
        invitations.clock(),
      );
      return c.json({ saved: true });
    });
}

/** The outbox (mails kept in the app when no SMTP server is configured) and rates at a glance. Mounted at /api/admin/mail. */
export function mailRoutes(sql: Sql, invitations: Invitations) {
  return new Hono<AuthEnv>()
    .get("/outbox", requireRole("admin"), valid("query", outboxQuerySchema), async (c) => {
      const { round, limit } = c.req.valid("query");
      c.header("Cache-Control", "no-store");
      return c.json({ transport: invitations.transportKind, mails: await listOutbox(sql, round ?? null, limit) });
    })
    .get("/response-rates", async (c) => {
      const scope = teamScope(principalOf(c));
      const rounds = await sql<{ id: string; title: string; group_name: string; closes_at: Date }[]>`
        select id, title, group_name, closes_at
        from rounds
        where ${scope === null ? sql`true` : sql`group_name = any(${scope})`}
        order by created_at desc
        limit 200
      `;
      const rates = await roundRates(sql, rounds.map((r) => r.id));
      return c.json({
        rounds: rounds.map((r) => ({
          id: r.id,
          title: r.title,
          group: r.group_name,
          closesAt: r.closes_at.toISOString(),
          ...(rates.get(r.id) ?? { total: null, teams: [] }),
        })),
      });
    });
}
