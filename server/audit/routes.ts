import { createRoute, z } from "@hono/zod-openapi";
import { requireRole, type AuthEnv } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { adminSecurity, apiRoutes, json } from "../lib/openapi.ts";
import { auditActionIds, auditActions, type AuditAction } from "./actions.ts";
import { listAuditActors, listAuditEntries, type AuditRow } from "./queries.ts";
import { audit } from "./record.ts";

const moment = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .openapi({ description: "A date (2025-03-01) or a date and time with offset." });

export const auditQuerySchema = z.object({
  actor: z.string().trim().min(1).max(320).optional().openapi({ description: 'The actor\'s e-mail address (or "API-token", "Peilstok", "opdrachtregel (…)").' }),
  round: z.uuid().optional(),
  action: z.enum(auditActionIds as [AuditAction, ...AuditAction[]]).optional(),
  from: moment.optional().openapi({ description: "From this moment (inclusive)." }),
  to: moment.optional().openapi({ description: "Until this moment (exclusive); a date means its start." }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    actor: z.object({
      kind: z.enum(["account", "token", "system", "cli", "anonymous"]),
      id: z.uuid().nullable(),
      email: z.string().nullable().openapi({ description: "The e-mail address at the time, or API-token, Peilstok (the scheduler), opdrachtregel (a command)." }),
    }),
    action: z.string(),
    actionLabel: z.string().openapi({ description: "The action in Dutch." }),
    round: z.object({ id: z.uuid(), title: z.string().nullable(), group: z.string().nullable() }).nullable(),
    target: z
      .object({ kind: z.string(), id: z.string().nullable(), label: z.string().nullable() })
      .nullable()
      .openapi({ description: "What the action was about besides the round: an account, a respondent (by id only), a series, a scan." }),
    details: z.record(z.string(), z.unknown()),
    clientAddress: z.string().nullable(),
  })
  .openapi("AuditEntry");
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pages: z.number().int(),
  actors: z.array(z.string()).openapi({ description: "Everyone who appears as an actor, for the person filter." }),
  actions: z.array(z.object({ id: z.string(), label: z.string() })).openapi({ description: "The action catalogue with Dutch labels." }),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export function auditEntryView(r: AuditRow): AuditEntryView {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: { kind: r.actor_kind, id: r.actor_id, email: r.actor_email },
    action: r.action,
    actionLabel: auditActions[r.action as AuditAction] ?? r.action,
    round: r.round_id ? { id: r.round_id, title: r.round_title, group: r.round_group } : null,
    target: r.target_kind ? { kind: r.target_kind, id: r.target_id, label: r.target_label } : null,
    details: r.details,
    clientAddress: r.client_address,
  };
}

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["audit"],
  summary: "The audit log, newest first, filtered by person, round, action and period, and paged (admin)",
  security: adminSecurity,
  middleware: requireRole("admin"),
  request: { query: auditQuerySchema },
  responses: { 200: json(auditPageSchema, "One page of entries, the total, the actors and the action catalogue") },
});

/** The audit log, admins only. Mounted at /api/admin/audit. */
export function auditRoutes(sql: Sql) {
  return apiRoutes<AuthEnv>().openapi(listRoute, async (c) => {
    const q = c.req.valid("query");
    const filter = {
      actor: q.actor,
      roundId: q.round,
      action: q.action,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    };
    const [{ rows, total }, actors] = await Promise.all([
      listAuditEntries(sql, filter, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }),
      listAuditActors(sql),
    ]);
    // Reading the log is itself an entry, written after the page was read (so it does not show itself).
    await audit(c, sql, "audit.view", {
      roundId: q.round,
      details: { page: q.page, ...(q.actor ? { actor: q.actor } : {}), ...(q.action ? { action: q.action } : {}) },
    });
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        entries: rows.map(auditEntryView),
        total,
        page: q.page,
        pageSize: q.pageSize,
        pages: Math.max(1, Math.ceil(total / q.pageSize)),
        actors,
        actions: auditActionIds.map((id) => ({ id, label: auditActions[id] })),
      },
      200,
    );
  });
}
