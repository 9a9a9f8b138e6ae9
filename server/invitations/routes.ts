import { createRoute, z } from "@hono/zod-openapi";
import { principalOf, requireRole, requireRoundAccess, teamScope, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { findSettings, saveSettings } from "./mails-queries.ts";
import { listRecipients, responseRates, type RateRow } from "./recipients-queries.ts";
import { listOutbox } from "./outbox-queries.ts";
import { AppError, notFound } from "../lib/errors.ts";
import type { Invitations } from "./service.ts";
import { defaultTexts, mailTextSchema, mailTextsSchema, textKinds } from "./mail-templates.ts";
import { respondentInputSchema } from "../rounds/service.ts";
import { csvRowReasons } from "./csv.ts";
import { adminSecurity, apiRoutes, documentedOnly, errorResponse, json, jsonBody, notFoundAs } from "../lib/openapi.ts";
import { audit } from "../audit/record.ts";

const roundParamSchema = z.object({ id: z.uuid(notFoundAs("round")) });
const respondentParamSchema = z.object({ id: z.uuid(notFoundAs("respondent")), respondentId: z.uuid(notFoundAs("respondent")) });
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
export const keptResponseReasonSchema = z.enum(["no-response", "anonymous-round"]);
export type KeptResponseReason = z.infer<typeof keptResponseReasonSchema>;

const keptResponseMessages: Record<KeptResponseReason, string> = {
  "no-response": "the respondent had no response",
  "anonymous-round":
    "this round is anonymous: no response is linked to a respondent, so their answers, if submitted, stay in the report",
};

export const recipientStateSchema = z.enum(["not-invited", "queued", "invited", "opened", "started", "submitted", "bounced", "failed"]);
export type RecipientState = z.infer<typeof recipientStateSchema>;

const rateSchema = z.object({
  respondents: z.number().int(),
  opened: z.number().int(),
  started: z.number().int(),
  submitted: z.number().int(),
  rate: z.number().nullable().openapi({ description: "Percentage submitted, one decimal." }),
  label: z.string().openapi({ description: "`submitted/respondents`, e.g. `3/30`." }),
});
const responseRateSchema = z
  .object({
    total: rateSchema.nullable(),
    teams: z.array(rateSchema.extend({ team: z.string().nullable() })),
  })
  .openapi("ResponseRate");
type ResponseRate = z.infer<typeof responseRateSchema>;

const queuedSchema = z.object({
  queued: z.number().int(),
  withoutLink: z
    .number()
    .int()
    .openapi({ description: "Respondents skipped: their link was deleted when the round closed (it was reopened since)." }),
  capped: z
    .number()
    .int()
    .openapi({ description: "Reminders: respondents skipped because they had one less than a day ago, or five in all (the cap on remind now)." }),
});

function rate(r: RateRow): z.infer<typeof rateSchema> {
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
  const out = new Map<string, { total: z.infer<typeof rateSchema>; teams: ResponseRate["teams"] }>();
  for (const row of rows) {
    let entry = out.get(row.round_id);
    if (!entry) out.set(row.round_id, (entry = { total: rate(row), teams: [] }));
    if (row.all) entry.total = rate(row);
    else entry.teams.push({ team: row.team, ...rate(row) });
  }
  return out;
}

const noRate: ResponseRate = { total: null, teams: [] };
const tags = ["invitations"];
const linksDeleted = errorResponse(
  "`links-deleted`: none could be queued, as the links of those left were deleted when the round closed.",
);

const recipientsRoute = createRoute({
  method: "get",
  path: "/{id}/recipients",
  tags,
  summary: "A round's recipients with their state, and its response rate per team",
  description:
    "The state is per round: not-invited → queued → invited → opened → started → submitted, or " +
    "bounced/failed where the mail server said so. It never links a person to answers.",
  security: adminSecurity,
  request: { params: roundParamSchema },
  responses: {
    200: json(
      z.object({
        transport: z.enum(["smtp", "outbox"]),
        recipients: z.array(
          z.object({
            id: z.uuid(),
            name: z.string(),
            email: z.string(),
            team: z.string().nullable(),
            state: recipientStateSchema,
            reminders: z.number().int(),
            lastMailAt: z.iso.datetime().nullable(),
            error: z.string().nullable(),
            linkKept: z
              .boolean()
              .openapi({ description: "Whether their personal link is still kept for mail; links are deleted when the round closes." }),
          }),
        ),
        responseRate: responseRateSchema,
        remindableFrom: z
          .iso.datetime()
          .nullable()
          .openapi({ description: 'From when the admin pages offer "remind now": a minute after the last invitations were queued.' }),
        now: z.iso.datetime().openapi({ description: "The server's time, to compare remindableFrom with." }),
      }),
      "Recipients",
    ),
  },
});

const responseRateRoute = createRoute({
  method: "get",
  path: "/{id}/response-rate",
  tags,
  summary: "Response rate of a round, in total and per team",
  security: adminSecurity,
  request: { params: roundParamSchema },
  responses: { 200: json(responseRateSchema, "Response rate") },
});

const addRoute = createRoute({
  method: "post",
  path: "/{id}/respondents",
  tags,
  summary: "Add respondents to a round (admin); optionally invite them at once",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: { params: roundParamSchema, body: jsonBody(addSchema) },
  responses: {
    201: json(
      z.object({ added: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string(), team: z.string().nullable() })) }),
      "Added",
    ),
    409: errorResponse(
      "The round is closed, an e-mail address is already in it (`respondent-exists`), or a team of a team scan would get a second link (`team-has-link`); with issues.",
    ),
  },
});

const importRoute = createRoute({
  method: "post",
  path: "/{id}/respondents/import",
  tags,
  summary: "Import respondents from CSV (name, e-mail, team) (admin); bad rows are reported by line, good rows are kept",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: {
    params: roundParamSchema,
    query: z.object({
      invite: z.string().optional().openapi({ description: "With a text/csv body: `true` invites the added respondents." }),
    }),
    body: {
      required: true,
      content: {
        "application/json": { schema: documentedOnly(importSchema) },
        "text/csv": { schema: { type: "string" } },
        "text/plain": { schema: { type: "string" } },
      },
    },
  },
  responses: {
    200: json(
      z.object({
        added: z.number().int(),
        errors: z.array(
          z.object({
            line: z.number().int(),
            reason: z.enum(csvRowReasons),
            message: z.string().openapi({ description: "In Dutch, for the admin." }),
          }),
        ),
      }),
      "Imported: the good rows were added; each bad row names its line and the reason",
    ),
    400: errorResponse("Neither `{ csv, invite }` nor a text/csv body."),
    409: errorResponse("The round is closed."),
    413: errorResponse("The body is larger than BODY_LIMIT_KB, or more than 10,000 rows."),
  },
});

const removeRoute = createRoute({
  method: "delete",
  path: "/{id}/respondents/{respondentId}",
  tags,
  summary: "Remove a respondent from a round (admin), with their response, their unsent mails and their link",
  description:
    "Their personal link answers 404 from then on, queued mails are not sent, and their response " +
    "(draft or submitted) is deleted, so the report and the response rate no longer count it. " +
    "In an anonymous round no response is linked to a respondent: nothing is deleted but the " +
    "respondent, and `reason` says so (`anonymous-round`); submitted answers stay in the report. " +
    "Also allowed in a closed round (a request to erase someone's data).",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: { params: respondentParamSchema },
  responses: {
    200: json(
      z.object({
        removed: z.literal(true),
        responseDeleted: z.boolean(),
        deletedResponse: z.enum(["draft", "submitted"]).nullable(),
        droppedMails: z.number().int().openapi({ description: "Queued mails that will not be sent." }),
        reason: keptResponseReasonSchema.nullable().openapi({ description: "Why no response was deleted; null when one was." }),
        message: z.string().nullable(),
      }),
      "Removed",
    ),
    404: errorResponse("No such round, no such respondent in this round, or a teamleader's round of another team."),
  },
});

const inviteRoute = createRoute({
  method: "post",
  path: "/{id}/invitations",
  tags,
  summary: "Queue invitations (admin): to the given respondents, or to everyone not invited yet",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: { params: roundParamSchema, body: { required: false, content: { "application/json": { schema: idsSchema } } } },
  responses: { 202: json(queuedSchema, "Queued"), 409: linksDeleted },
});

const remindRoute = createRoute({
  method: "post",
  path: "/{id}/reminders",
  tags,
  summary: "Send a reminder now to those who have not submitted (admin, teamleader of the round's team)",
  security: adminSecurity,
  middleware: requireRole("admin", "teamleader"),
  request: { params: roundParamSchema, body: { required: false, content: { "application/json": { schema: idsSchema } } } },
  responses: {
    202: json(queuedSchema, "Queued"),
    409: linksDeleted,
    429: errorResponse("`reminder-cap`: none could be queued, as everyone left had a reminder less than a day ago, or five in all."),
  },
});

const mailSettingsRoute = createRoute({
  method: "get",
  path: "/{id}/mail-settings",
  tags,
  summary: "A round's mail texts and reminder schedule",
  security: adminSecurity,
  request: { params: roundParamSchema },
  responses: {
    200: json(
      z.object({
        texts: mailTextsSchema,
        defaults: z
          .record(z.enum(textKinds), mailTextSchema)
          .openapi({ description: "What a text left unset reads: subject and body per text kind." }),
        remindersEnabled: z.boolean(),
        reminderAfterDays: z.number().int(),
        reminderIntervalDays: z.number().int(),
        maxReminders: z.number().int(),
      }),
      "Settings, and the default texts",
    ),
  },
});

const saveMailSettingsRoute = createRoute({
  method: "put",
  path: "/{id}/mail-settings",
  tags,
  summary: "Set a round's mail texts (placeholders {naam} {scan} {ronde} {sluitdatum} {link}) and reminder schedule (admin)",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: { params: roundParamSchema, body: jsonBody(settingsSchema) },
  responses: { 200: json(z.object({ saved: z.literal(true) }), "Saved") },
});

/**
 * Respondents, invitations, reminders and response rates of a round. Mounted at
 * /api/admin/rounds next to the round routes; every route is under `/:id` and checks round access.
 */
export function invitationRoutes(sql: Sql, invitations: Invitations) {
  const app = apiRoutes<AuthEnv>();
  app.use("/:id/*", requireRoundAccess(sql));
  return app
    .openapi(recipientsRoute, async (c) => {
      const { id } = c.req.valid("param");
      const [recipients, rates, remindableFrom] = await Promise.all([
        listRecipients(sql, id),
        roundRates(sql, [id]),
        invitations.remindableFrom(id),
      ]);
      await audit(c, sql, "respondent.list-view", { roundId: id, details: { respondents: recipients.length } });
      c.header("Cache-Control", "no-store");
      return c.json(
        {
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
          responseRate: rates.get(id) ?? noRate,
          // The admin page offers "remind now" from then on (null: no invitations yet).
          remindableFrom: remindableFrom?.toISOString() ?? null,
          now: invitations.clock().toISOString(),
        },
        200,
      );
    })
    .openapi(responseRateRoute, async (c) => {
      const { id } = c.req.valid("param");
      return c.json((await roundRates(sql, [id])).get(id) ?? noRate, 200);
    })
    .openapi(addRoute, async (c) => {
      const { respondents, invite } = c.req.valid("json");
      const added = await invitations.addRespondents(c.req.valid("param").id, respondents, { invite });
      await audit(c, sql, "respondent.add", { roundId: c.req.valid("param").id, details: { added: added.length, invite } });
      return c.json({ added }, 201);
    })
    .openapi(importRoute, async (c) => {
      // JSON `{ csv, invite }` from the admin page, or a raw text/csv upload (`?invite=true`).
      const type = c.req.header("content-type") ?? "";
      let input: z.infer<typeof importSchema>;
      if (type.startsWith("text/csv") || type.startsWith("text/plain")) {
        input = { csv: await c.req.text(), invite: c.req.valid("query").invite === "true" };
      } else {
        const parsed = importSchema.safeParse(await c.req.json().catch(() => null));
        if (!parsed.success) throw new AppError(400, "invalid-body", "expected { csv, invite } or a text/csv body");
        input = parsed.data;
      }
      const result = await invitations.importCsv(c.req.valid("param").id, input.csv, { invite: input.invite });
      await audit(c, sql, "respondent.import", {
        roundId: c.req.valid("param").id,
        details: { added: result.added, rejected: result.errors.length, invite: input.invite },
      });
      return c.json(result, 200);
    })
    .openapi(removeRoute, async (c) => {
      const { id, respondentId } = c.req.valid("param");
      const removed = await invitations.removeRespondent(id, respondentId);
      await audit(c, sql, "respondent.remove", {
        roundId: id,
        target: { kind: "respondent", id: respondentId },
        details: { anonymousRound: removed.anonymous, deletedResponse: removed.response, droppedMails: removed.droppedMails },
      });
      const reason: KeptResponseReason | null =
        removed.anonymous ? "anonymous-round" : removed.response === null ? "no-response" : null;
      return c.json(
        {
          removed: true as const,
          responseDeleted: removed.response !== null,
          deletedResponse: removed.response,
          droppedMails: removed.droppedMails,
          reason,
          message: reason ? keptResponseMessages[reason] : null,
        },
        200,
      );
    })
    .openapi(inviteRoute, async (c) => {
      const { id } = c.req.valid("param");
      const respondentIds = c.req.valid("json").respondentIds ?? null;
      const queued = await invitations.invite(id, respondentIds);
      await audit(c, sql, "mail.invite", { roundId: id, details: { ...queued, selected: respondentIds?.length ?? "all" } });
      return c.json(queued, 202);
    })
    .openapi(remindRoute, async (c) => {
      const { id } = c.req.valid("param");
      const respondentIds = c.req.valid("json").respondentIds ?? null;
      const queued = await invitations.remindNow(id, respondentIds);
      await audit(c, sql, "mail.remind", { roundId: id, details: { ...queued, selected: respondentIds?.length ?? "all" } });
      return c.json(queued, 202);
    })
    .openapi(mailSettingsRoute, async (c) => {
      const s = await findSettings(sql, c.req.valid("param").id);
      return c.json(
        {
          texts: s.texts,
          // What a text left unset reads, so the admin page can show and preview it.
          defaults: defaultTexts,
          remindersEnabled: s.reminders_enabled,
          reminderAfterDays: s.reminder_after_days,
          reminderIntervalDays: s.reminder_interval_days,
          maxReminders: s.max_reminders,
        },
        200,
      );
    })
    .openapi(saveMailSettingsRoute, async (c) => {
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
      await audit(c, sql, "mail.settings-change", {
        roundId: id,
        details: {
          textsChanged: Object.keys(s.texts), remindersEnabled: s.remindersEnabled, reminderAfterDays: s.reminderAfterDays,
          reminderIntervalDays: s.reminderIntervalDays, maxReminders: s.maxReminders,
        },
      });
      return c.json({ saved: true as const }, 200);
    });
}

const outboxRoute = createRoute({
  method: "get",
  path: "/outbox",
  tags,
  summary: "Mails kept in the app when no SMTP server is configured (admin)",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: { query: outboxQuerySchema },
  responses: {
    200: json(
      z.object({
        transport: z.enum(["smtp", "outbox"]),
        mails: z.array(
          z.object({
            id: z.uuid(),
            kind: z.string(),
            variant: z.string().nullable(),
            roundId: z.uuid().nullable(),
            roundTitle: z.string().nullable(),
            to: z.string().nullable(),
            subject: z.string().nullable(),
            text: z.string().nullable().openapi({ description: "Cleared once the round closes (it holds the personal link)." }),
            html: z.string().nullable(),
            sentAt: z.iso.datetime().nullable(),
          }),
        ),
      }),
      "The newest mails",
    ),
  },
});

const ratesRoute = createRoute({
  method: "get",
  path: "/response-rates",
  tags,
  summary: "Response rates of the caller's rounds at a glance, in total and per team",
  security: adminSecurity,
  responses: {
    200: json(
      z.object({
        rounds: z.array(
          z.object({ id: z.uuid(), title: z.string(), group: z.string(), closesAt: z.iso.datetime() }).extend(responseRateSchema.shape),
        ),
      }),
      "Rounds with their response rates, newest first (at most 200)",
    ),
  },
});

/** The outbox (mails kept in the app when no SMTP server is configured) and rates at a glance. Mounted at /api/admin/mail. */
export function mailRoutes(sql: Sql, invitations: Invitations) {
  return apiRoutes<AuthEnv>()
    .openapi(outboxRoute, async (c) => {
      const { round, limit } = c.req.valid("query");
      c.header("Cache-Control", "no-store");
      const mails = await listOutbox(sql, round ?? null, limit);
      await audit(c, sql, "mail.outbox-view", { roundId: round ?? null, details: { mails: mails.length } });
      return c.json({ transport: invitations.transportKind, mails }, 200);
    })
    .openapi(ratesRoute, async (c) => {
      const scope = teamScope(principalOf(c));
      const rounds = await sql<{ id: string; title: string; group_name: string; closes_at: Date }[]>`
        select id, title, group_name, closes_at
        from rounds
        where ${scope === null ? sql`true` : sql`group_name = any(${scope})`}
        order by created_at desc
        limit 200
      `;
      const rates = await roundRates(sql, rounds.map((r) => r.id));
      return c.json(
        {
          rounds: rounds.map((r) => ({
            id: r.id,
            title: r.title,
            group: r.group_name,
            closesAt: r.closes_at.toISOString(),
            ...(rates.get(r.id) ?? noRate),
          })),
        },
        200,
      );
    });
}
