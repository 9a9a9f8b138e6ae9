// Action plans: what a team does about an element or theme that scored low, and, in the next
// round's report, each action beside the element's new score.
import { randomUUID } from "node:crypto";
import { z } from "@hono/zod-openapi";
import { compareItems, type Break } from "../../dsl/compare.ts";
import type { Queryable, Sql } from "../db/connect.ts";
import { findReportRound, previousRound } from "../reports/tallies.ts";
import { notFound } from "../lib/errors.ts";
import { compiledLoader, seriesReport, type LoadCompiled } from "../reports/round-report.ts";

export const actionStatuses = ["planned", "doing", "done", "dropped"] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export const actionCreateSchema = z.object({
  target: z.object({ kind: z.enum(["item", "theme"]), id: z.string().min(1).max(100) }),
  what: z.string().trim().min(1).max(2000),
  who: z.string().trim().min(1).max(200),
  dueOn: z.iso.date().nullable().default(null),
  status: z.enum(actionStatuses).default("planned"),
});
export const actionUpdateSchema = z.object({
  what: z.string().trim().min(1).max(2000).optional(),
  who: z.string().trim().min(1).max(200).optional(),
  dueOn: z.iso.date().nullable().optional(),
  status: z.enum(actionStatuses).optional(),
});

export const actionSchema = z
  .object({
    id: z.uuid(),
    roundId: z.uuid(),
    target: z.object({ kind: z.enum(["item", "theme"]), id: z.string() }),
    what: z.string(),
    who: z.string(),
    dueOn: z.iso.date().nullable(),
    status: z.enum(actionStatuses),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Action");
export type Action = z.infer<typeof actionSchema>;

export const followUpSchema = z.object({
  previousRound: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  actions: z.array(
    actionSchema.extend({
      title: z.string(),
      previousScore: z.number().nullable(),
      currentScore: z.number().nullable(),
      comparable: z.boolean(),
      summary: z.string().openapi({ description: 'In Dutch, e.g. "actie afgerond; missie ging van 2 naar 3".' }),
    }),
  ),
});
export type FollowUp = z.infer<typeof followUpSchema>;

interface ActionRow {
  id: string;
  round_id: string;
  target_kind: "item" | "theme";
  target_id: string;
  what: string;
  who: string;
  due_on: string | null;
  status: ActionStatus;
  updated_at: Date;
}

const toJson = (a: ActionRow): Action => ({
  id: a.id,
  roundId: a.round_id,
  target: { kind: a.target_kind, id: a.target_id },
  what: a.what,
  who: a.who,
  dueOn: a.due_on,
  status: a.status,
  updatedAt: a.updated_at.toISOString(),
});

async function listFor(sql: Queryable, roundId: string): Promise<ActionRow[]> {
  return sql<ActionRow[]>`
    select id, round_id, target_kind, target_id, what, who, to_char(due_on, 'YYYY-MM-DD') as due_on, status, updated_at
    from actions where round_id = ${roundId}
    order by created_at, id
  `;
}

const statusNl: Record<ActionStatus, string> = { planned: "gepland", doing: "bezig", done: "actie afgerond", dropped: "actie vervallen" };
const changeNl: Record<Break, string> = {
  scale: "schaal gewijzigd",
  kind: "soort vraag gewijzigd",
  reverse: "telrichting gewijzigd",
  options: "antwoordmogelijkheden gewijzigd",
  removed: "vraag verwijderd",
  added: "vraag nieuw",
};
const num = (n: number | null) => (n === null ? "?" : String(Math.round(n * 10) / 10).replace(".", ","));

export class ActionService {
  private readonly load: LoadCompiled;
  constructor(private readonly sql: Sql) {
    this.load = compiledLoader(sql);
  }

  async list(roundId: string) {
    return (await listFor(this.sql, roundId)).map(toJson);
  }

  async create(roundId: string, input: z.infer<typeof actionCreateSchema>, now: Date) {
    const [round] = await this.sql`select 1 from rounds where id = ${roundId}`;
    if (!round) throw notFound("round");
    const id = randomUUID();
    await this.sql`
      insert into actions (id, round_id, target_kind, target_id, what, who, due_on, status, created_at, updated_at)
      values (${id}, ${roundId}, ${input.target.kind}, ${input.target.id}, ${input.what}, ${input.who},
              ${input.dueOn}, ${input.status}, ${now}, ${now})
    `;
    return (await this.list(roundId)).find((a) => a.id === id)!;
  }

  async update(roundId: string, actionId: string, input: z.infer<typeof actionUpdateSchema>, now: Date) {
    const rows = await this.sql`
      update actions set
        what = coalesce(${input.what ?? null}, what),
        who = coalesce(${input.who ?? null}, who),
        due_on = ${input.dueOn === undefined ? this.sql`due_on` : input.dueOn},
        status = coalesce(${input.status ?? null}, status),
        updated_at = ${now}
      where id = ${actionId} and round_id = ${roundId}
      returning id
    `;
    if (rows.length === 0) throw notFound("action");
    return (await this.list(roundId)).find((a) => a.id === actionId)!;
  }

  /**
   * The previous round's actions beside the element's score then and now, for this round's
   * report: "actie afgerond; missie ging van 2 naar 3", or "actie afgerond; missie niet
   * vergelijkbaar: schaal gewijzigd" when the scan version changed the element.
   */
  async followUp(roundId: string): Promise<FollowUp> {
    const round = await findReportRound(this.sql, roundId);
    if (!round) throw notFound("round");
    const prev = await previousRound(this.sql, round);
    if (!prev) return { previousRound: null, actions: [] };
    const actions = await listFor(this.sql, prev.id);
    if (actions.length === 0) return { previousRound: { id: prev.id, title: prev.title }, actions: [] };
    const series = await seriesReport(this.sql, roundId, this.load);
    const at = (id: string) => series.rounds.find((r) => r.round.id === id)?.means ?? {};
    const [before, now] = [at(prev.id), at(roundId)];
    const { model } = await this.load(round.scan_version_id);
    // Scores on another scale or of another kind of question say nothing about progress, so the
    // summary compares only what the report compares (the same rule as its `comparability`).
    const previousModel = prev.scan_version_id === round.scan_version_id ? model : (await this.load(prev.scan_version_id)).model;
    const notComparable =
      previousModel === model ? [] : compareItems(previousModel, model).filter((c) => !c.comparable);
    const brokenFor = (kind: "item" | "theme", id: string) =>
      notComparable.find((c) =>
        kind === "item"
          ? c.item === id
          : [model, previousModel].some((m) => m.items.some((i) => i.id === c.item && i.theme === id)),
      );
    const score = (means: Record<string, number | null>, kind: "item" | "theme", id: string): number | null => {
      const keys =
        kind === "item"
          ? series.items.filter((i) => i.item === id && i.side !== "desired").map((i) => i.key)
          : series.items.filter((i) => i.theme === id && i.side !== "desired").map((i) => i.key);
      const values = keys.map((k) => means[k]).filter((v): v is number => typeof v === "number");
      return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    };
    return {
      previousRound: { id: prev.id, title: prev.title },
      actions: actions.map((a) => {
        const title =
          a.target_kind === "item"
            ? (model.items.find((i) => i.id === a.target_id)?.title.nl ?? a.target_id)
            : (model.themes.find((t) => t.id === a.target_id)?.title.nl ?? a.target_id);
        const from = score(before, a.target_kind, a.target_id);
        const to = score(now, a.target_kind, a.target_id);
        const broken = brokenFor(a.target_kind, a.target_id);
        return {
          ...toJson(a),
          title,
          previousScore: from === null ? null : Math.round(from * 100) / 100,
          currentScore: to === null ? null : Math.round(to * 100) / 100,
          comparable: !broken,
          summary: broken?.comparable === false
            ? `${statusNl[a.status]}; ${title} niet vergelijkbaar: ${changeNl[broken.change]}`
            : `${statusNl[a.status]}; ${title} ging van ${num(from)} naar ${num(to)}`,
        };
      }),
    };
  }
}
