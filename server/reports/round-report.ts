// Round reports: statistics from SQL, the minimum group size applied per group and per field,
// then every `score` line of the scan computed by its aggregator.
import { z } from "@hono/zod-openapi";
import { compareItems } from "../../dsl/compare.ts";
import { NOT_APPLICABLE, type AggregatorDecl, type CompiledScan, type ScoringModel, type Side } from "../../dsl/model.ts";
import { findAggregator } from "../../dsl/aggregators/registry.ts";
import { rawMean, type AggregatorInput, type FieldStats, type GroupStats, type OpenAnswers, type WantsMoreStats } from "../../dsl/aggregators/stats.ts";
import { summariseItems, type ItemSummary } from "../../dsl/aggregators/item-summary.ts";
import type { Sql } from "../db/connect.ts";
import { getCompiled } from "../scans/queries.ts";
import {
  answeredCounts,
  choiceTallies,
  findReportRound,
  groupSizes,
  numericTallies,
  openAnswers,
  previousRound,
  seriesRounds,
  type GroupSizeRow,
  type ReportRoundRow,
  type TallyRow,
  type WantsMoreRow,
  wantsMoreTallies,
} from "./tallies.ts";
import { notFound } from "../lib/errors.ts";
import { discloseParts, disclosureText, minimumGroupSize, resultsReleased, shown, type Disclosure } from "../privacy/disclosure.ts";
import { answeredBy, type AnsweredBy } from "../privacy/answered-by.ts";
import { objectOf, schemaFor } from "../lib/openapi.ts";
import { itemComparisonSchema, scoringModelSchema } from "../scans/schemas.ts";

export type LoadCompiled = (scanVersionId: number) => Promise<CompiledScan>;

export function compiledLoader(sql: Sql): LoadCompiled {
  const cache = new Map<number, Promise<CompiledScan>>();
  return (id) => {
    let entry = cache.get(id);
    if (!entry) {
      entry = getCompiled(sql, id).then((c) => {
        if (!c) throw new Error(`scan version ${id} does not exist`);
        return c;
      });
      cache.set(id, entry);
      entry.catch(() => cache.delete(id));
    }
    return entry;
  };
}

/** Why numbers are or are not shown for a group or a field (server/privacy/disclosure.ts). */
export const disclosureSchema = schemaFor<Disclosure>()(
  z
    .discriminatedUnion("status", [
      z.object({ status: z.literal("shown") }),
      z.object({ status: z.literal("too-few"), needed: z.number().int() }),
      z.object({ status: z.literal("complement"), needed: z.number().int() }),
      z.object({ status: z.literal("until-closed"), closesAt: z.iso.datetime() }),
    ])
    .openapi("Disclosure", {
      description:
        "`too-few`: `needed` more answers would show it; `complement`: showing it would reveal a smaller group by " +
        "subtraction; `until-closed`: shown once the round closes.",
    }),
);

const paramValueSchema = z.union([z.string(), z.number(), z.tuple([z.number(), z.number()])]);

/** One `score` line of the scan, computed by its aggregator (dsl/aggregators/). */
export const aggregatorOutcomeSchema = z
  .union([
    z.object({ name: z.string(), params: z.record(z.string(), paramValueSchema), error: z.string() }),
    z.object({
      name: z.string(),
      params: z.record(z.string(), paramValueSchema),
      result: z.unknown().openapi({ description: "The aggregator's own result, explained in Dutch (see dsl/aggregators/)." }),
    }),
  ])
  .openapi("AggregatorOutcome");
export type AggregatorOutcome = z.infer<typeof aggregatorOutcomeSchema>;

const sideSchema = z.enum(["current", "desired"]).nullable();

export const withheldFieldSchema = z.object({ item: z.string(), side: sideSchema, disclosure: disclosureSchema });
export type WithheldField = z.infer<typeof withheldFieldSchema>;

export const groupReportSchema = z.object({
  key: z.string().openapi({ description: '"all" for the whole round, "team:<name>" per team ("team:" for responses without a team).' }),
  label: z.string(),
  team: z.string().nullable(),
  responses: z.number().int(),
  invited: z.number().int().nullable(),
  disclosure: disclosureSchema,
  note: z.string().nullable().openapi({ description: "Why no numbers are shown, in Dutch; null when they are." }),
  comparedWith: z
    .uuid()
    .nullable()
    .openapi({ description: "The previous round of the series, when it could be compared for this group." }),
  withheld: z.array(withheldFieldSchema),
  results: z.array(aggregatorOutcomeSchema).nullable().openapi({ description: "Null unless the group is shown." }),
  items: z
    .array(objectOf<ItemSummary>("One question summarised: distribution, both sides of a pair with how many want more, or open answers (dsl/aggregators/item-summary.ts)."))
    .nullable()
    .openapi({ description: "Every question of the scan; null unless the group is shown." }),
});
export type GroupReport = z.infer<typeof groupReportSchema>;

export const roundInfoSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  group: z.string(),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  anonymous: z.boolean(),
});
export type RoundInfo = z.infer<typeof roundInfoSchema>;

export const roundReportSchema = z
  .object({
    round: roundInfoSchema.extend({ minGroupSize: z.number().int(), configuredMinGroupSize: z.number().int(), exempt: z.boolean() }),
    scan: z.object({
      id: z.string(),
      versionId: z.number().int(),
      version: z.number().int(),
      checksum: z.string(),
      title: z.string(),
      respondent: z.string(),
      answeredBy: z.enum(["individual", "team"]),
    }),
    model: scoringModelSchema,
    previousRound: roundInfoSchema.nullable(),
    comparability: z
      .object({ previousVersion: z.number().int(), items: z.array(itemComparisonSchema) })
      .nullable()
      .openapi({
        description:
          "Per item, whether it compares with the previous round; null when there is none or it used the same scan " +
          "version. Items that do not compare are left out of the round-over-round figures.",
      }),
    groups: z.array(groupReportSchema),
  })
  .openapi("RoundReport");
export type RoundReport = z.infer<typeof roundReportSchema>;

const roundInfo = (r: ReportRoundRow): RoundInfo => ({
  id: r.id,
  title: r.title,
  group: r.group_name,
  opensAt: r.opens_at.toISOString(),
  closesAt: r.closes_at.toISOString(),
  anonymous: r.anonymous,
});

const fieldKey = (item: string, side: string | null) => `${item}\u0000${side ?? ""}`;

/** A round's statistics with every disclosure decided: what a report or export may show. */
export interface DisclosedRound {
  round: ReportRoundRow;
  model: ScoringModel;
  min: number;
  /** Groups in display order: the whole round first, then teams (when there are any). */
  groups: {
    key: string;
    team: string | null;
    isTotal: boolean;
    responses: number;
    invited: number | null;
    disclosure: Disclosure;
    /** Only disclosed fields; empty unless the group is shown. */
    stats: GroupStats;
    withheld: WithheldField[];
  }[];
}

export function teamLabel(team: string | null): string {
  return team === null ? "Zonder team" : `Team ${team}`;
}

/**
 * A reopened round was shown once when it first closed. A group whose responses changed since the
 * reopening (new or re-submitted) by 1 to min − 1 would give those few answers away, compared
 * with that first report, so it is withheld; the same subtraction rule as for the groups
 * themselves decides which teams go (a round is reopened at most once, server/rounds/lifecycle.ts).
 */
function withholdFewChanges(decision: ReturnType<typeof discloseParts<string | null>>, sizes: GroupSizeRow[], min: number): void {
  const total = sizes.reduce((a, s) => a + s.changed, 0);
  if (total === 0) return;
  const parts = new Map<string | null, number>();
  for (const [team, d] of decision.parts) {
    const changed = sizes.find((s) => s.team === team)?.changed ?? 0;
    if (d.status === "shown" && changed > 0) parts.set(team, changed);
  }
  const changes = discloseParts(total, parts, min);
  const fewChanged = (d: Disclosure): Disclosure => ({ status: "complement", needed: "needed" in d ? d.needed : min });
  if (changes.total.status !== "shown" && decision.total.status === "shown") decision.total = fewChanged(changes.total);
  for (const [team, d] of changes.parts) if (d.status !== "shown") decision.parts.set(team, fewChanged(d));
}

/** What a report adds beside the value counts: see `discloseRound`. */
export interface RoundExtras {
  /** Desired versus current per response, counted per team and pair item or theme (migration 121). */
  wantsMore?: readonly Omit<WantsMoreRow, "round_id">[];
  /** For multiple-choice items: respondents who answered, per team (a respondent picks several options). */
  answered?: readonly { team: string | null; item_id: string; count: number }[];
}

type FieldSide = Side | "more" | "theme-more" | null;

/**
 * Applies the minimum group size to one round: first to the groups (the round and its teams),
 * then to each field within the shown groups, with the same subtraction rule at both levels.
 * A field's size is the number of respondents behind it: answers for most fields, respondents
 * who answered for a multiple-choice item, respondents with both sides for "wants more".
 */
export function discloseRound(
  round: ReportRoundRow,
  model: ScoringModel,
  sizes: GroupSizeRow[],
  tallies: TallyRow[],
  texts: { team: string | null; item_id: string; value_text: string }[],
  now = new Date(),
  extras: RoundExtras = {},
): DisclosedRound {
  const who = answeredBy(model);
  const min = minimumGroupSize(who, round.min_group_size, round.privacy_floor);
  const total = sizes.reduce((a, s) => a + s.responses, 0);
  const invitedTotal = sizes.reduce((a, s) => a + s.invited, 0);
  const teamed = sizes.some((s) => s.team !== null);
  const teamSizes = new Map<string | null, number>(teamed ? sizes.map((s) => [s.team, s.responses]) : []);
  const groupsDecision = discloseParts(total, teamSizes, min);
  if (!resultsReleased(round, who, now)) {
    // Too few stays too few (it says how many are needed); anything else waits for the close.
    const wait: Disclosure = { status: "until-closed", closesAt: round.closes_at.toISOString() };
    if (groupsDecision.total.status === "shown") groupsDecision.total = wait;
    for (const [team, d] of groupsDecision.parts) if (d.status !== "too-few") groupsDecision.parts.set(team, wait);
  } else if (round.reopened_at) {
    withholdFewChanges(groupsDecision, sizes, min);
  }

  // "Not applicable" marks are no answers to a field: counted apart, beside the item's fields.
  const { marks, answers } = splitNotApplicable(model, tallies);

  // Per field: n per team, and the field's total.
  const rowsOf: { team: string | null; item_id: string; side: FieldSide; value: string; count: number }[] = [
    ...answers,
    ...(extras.wantsMore ?? []).map((w) => ({ team: w.team, item_id: w.item_id, side: w.side, value: String(w.value), count: w.count })),
  ];
  const respondentsOf = new Map<string, number>();
  for (const a of extras.answered ?? []) respondentsOf.set(`${fieldKey(a.item_id, null)}\u0000${a.team ?? ""}`, a.count);
  const byField = new Map<string, { item: string; side: FieldSide; rows: typeof rowsOf; perTeam: Map<string | null, number> }>();
  for (const row of rowsOf) {
    const k = fieldKey(row.item_id, row.side);
    let entry = byField.get(k);
    if (!entry) byField.set(k, (entry = { item: row.item_id, side: row.side, rows: [], perTeam: new Map() }));
    entry.rows.push(row);
    const answered = respondentsOf.get(`${k}\u0000${row.team ?? ""}`);
    entry.perTeam.set(row.team, answered ?? (entry.perTeam.get(row.team) ?? 0) + row.count);
  }
  const fieldDecisions = new Map<string, ReturnType<typeof discloseParts<string | null>>>();
  for (const [k, f] of byField) {
    const n = [...f.perTeam.values()].reduce((a, b) => a + b, 0);
    // Only teams whose group is shown can be subtracted; hidden teams are part of the rest.
    const parts = new Map<string | null, number>();
    for (const [team, d] of groupsDecision.parts) if (d.status === "shown") parts.set(team, f.perTeam.get(team) ?? 0);
    fieldDecisions.set(k, discloseParts(n, parts, min));
  }

  const build = (team: string | null | undefined, disclosure: Disclosure) => {
    const isTotal = team === undefined;
    const fields: FieldStats[] = [];
    const wantsMore: WantsMoreStats[] = [];
    const withheld: WithheldField[] = [];
    if (disclosure.status === "shown") {
      for (const [k, f] of byField) {
        const decision = fieldDecisions.get(k)!;
        const d = isTotal ? decision.total : (decision.parts.get(team!) ?? shown);
        const rows = isTotal ? f.rows : f.rows.filter((r) => r.team === team);
        const n = isTotal ? [...f.perTeam.values()].reduce((a, b) => a + b, 0) : (f.perTeam.get(team!) ?? 0);
        if (n === 0) continue;
        const isMore = f.side === "more" || f.side === "theme-more";
        if (d.status !== "shown") {
          if (!isMore) withheld.push({ item: f.item, side: f.side as Side | null, disclosure: d });
          continue;
        }
        const counts: Record<string, number> = {};
        let sum = 0;
        for (const r of rows) {
          counts[r.value] = (counts[r.value] ?? 0) + r.count;
          const v = Number(r.value);
          if (Number.isFinite(v)) sum += v * r.count;
        }
        if (isMore) {
          wantsMore.push({
            scope: f.side === "more" ? "item" : "theme",
            id: f.item,
            n,
            more: counts["1"] ?? 0,
            same: counts["0"] ?? 0,
            less: counts["-1"] ?? 0,
          });
        } else {
          fields.push({ item: f.item, side: f.side as Side | null, n, sum, counts });
        }
      }
      addNotApplicable(model, fields, withheld, isTotal ? marks : marks.filter((r) => r.team === team));
    }
    const openTexts: OpenAnswers[] = [];
    if (disclosure.status === "shown") {
      for (const t of texts) {
        if (!isTotal && t.team !== team) continue;
        let entry = openTexts.find((o) => o.item === t.item_id);
        if (!entry) openTexts.push((entry = { item: t.item_id, answers: [] }));
        entry.answers.push(t.value_text);
      }
    }
    const size = isTotal ? total : (teamSizes.get(team!) ?? 0);
    const invited = isTotal ? invitedTotal : (sizes.find((s) => s.team === team)?.invited ?? 0);
    return {
      key: isTotal ? "all" : `team:${team ?? ""}`,
      team: isTotal ? null : team!,
      isTotal,
      responses: size,
      invited: invited > 0 ? invited : null,
      disclosure,
      stats: { responses: size, invited: invited > 0 ? invited : null, fields, texts: openTexts, wantsMore },
      withheld,
    };
  };

  const groups = [build(undefined, groupsDecision.total)];
  for (const [team, d] of groupsDecision.parts) groups.push(build(team, d));
  return { round, model, min, groups };
}

/** Splits the "not applicable" marks (text rows of items on a scale with `not-applicable`) from the answers. */
function splitNotApplicable(model: ScoringModel, tallies: TallyRow[]): { marks: TallyRow[]; answers: TallyRow[] } {
  const marked = new Set(model.items.filter((i) => i.fields.some((f) => f.notApplicable)).map((i) => i.id));
  if (marked.size === 0) return { marks: [], answers: tallies };
  const isMark = (r: TallyRow) => marked.has(r.item_id) && r.value === NOT_APPLICABLE;
  return { marks: tallies.filter(isMark), answers: tallies.filter((r) => !isMark(r)) };
}

/** Puts each item's "not applicable" count on its rating fields (shown ones, or new empty ones). */
function addNotApplicable(model: ScoringModel, fields: FieldStats[], withheld: WithheldField[], marks: TallyRow[]): void {
  const counts = new Map<string, number>();
  for (const r of marks) counts.set(r.item_id, (counts.get(r.item_id) ?? 0) + r.count);
  for (const [itemId, count] of counts) {
    const item = model.items.find((i) => i.id === itemId);
    for (const f of item?.fields ?? []) {
      if (f.notApplicable || withheld.some((w) => w.item === itemId && w.side === f.side)) continue;
      let stats = fields.find((x) => x.item === itemId && x.side === f.side);
      if (!stats) fields.push((stats = { item: itemId, side: f.side, n: 0, sum: 0, counts: {} }));
      stats.notApplicable = count;
    }
  }
}

export async function loadRound(sql: Sql, round: ReportRoundRow, load: LoadCompiled): Promise<DisclosedRound> {
  const { model } = await load(round.scan_version_id);
  const choiceItems = model.items
    .filter((i) => i.kind === "choice" || i.kind === "multi" || i.kind === "yesno" || i.fields.some((f) => f.notApplicable))
    .map((i) => i.id);
  const multiItems = model.items.filter((i) => i.kind === "multi").map((i) => i.id);
  const textItems = model.items.filter((i) => i.kind === "text").map((i) => i.id);
  const hasPairs = model.items.some((i) => i.kind === "pair");
  const [sizes, numeric, choices, texts, answered] = await Promise.all([
    groupSizes(sql, round.id, round.reopened_at),
    numericTallies(sql, [round.id]),
    choiceTallies(sql, round.id, choiceItems),
    openAnswers(sql, round.id, textItems),
    answeredCounts(sql, round.id, multiItems),
  ]);
  // After numericTallies: the fold it ran counted the wants-more rows too.
  const wantsMore = hasPairs ? await wantsMoreTallies(sql, [round.id]) : [];
  return discloseRound(round, model, sizes, [...numeric, ...choices], texts, undefined, { wantsMore, answered });
}

function runAggregators(decls: AggregatorDecl[], input: AggregatorInput, model: ScoringModel): AggregatorOutcome[] {
  return decls.map((decl) => {
    const agg = findAggregator(decl.name);
    if (!agg) return { name: decl.name, params: decl.params, error: `unknown aggregator ${decl.name}` };
    const parsed = agg.schema.safeParse(decl.params);
    if (!parsed.success) return { name: decl.name, params: decl.params, error: parsed.error.message };
    return { name: decl.name, params: decl.params, result: agg.compute(input, parsed.data, model) };
  });
}

/** The profile aggregators (gap, threshold, ladder) for the respondent's own view. */
export function runProfile(model: ScoringModel, stats: GroupStats): AggregatorOutcome[] {
  const profile = model.aggregators.filter((a) => a.name === "gap" || a.name === "threshold" || a.name === "ladder");
  return runAggregators(profile, { current: stats, previous: null }, model);
}

export async function roundReport(sql: Sql, roundId: string, load: LoadCompiled = compiledLoader(sql)): Promise<RoundReport> {
  const row = await findReportRound(sql, roundId);
  if (!row) throw notFound(`round ${roundId}`);
  const prevRow = await previousRound(sql, row);
  const [current, previous] = await Promise.all([loadRound(sql, row, load), prevRow ? loadRound(sql, prevRow, load) : null]);
  const model = current.model;
  const comparability =
    previous && prevRow && prevRow.scan_version_id !== row.scan_version_id
      ? { previousVersion: prevRow.version, items: compareItems(previous.model, model) }
      : null;
  const notComparable = new Set(comparability?.items.filter((i) => !i.comparable).map((i) => i.item));
  const comparable = (stats: GroupStats): GroupStats =>
    notComparable.size === 0 ? stats : { ...stats, fields: stats.fields.filter((f) => !notComparable.has(f.item)) };

  const groups: GroupReport[] = current.groups.map((g) => {
    const before = previous?.groups.find((p) => p.key === g.key && p.disclosure.status === "shown");
    const shownNow = g.disclosure.status === "shown";
    return {
      key: g.key,
      label: g.isTotal ? "Hele ronde" : teamLabel(g.team),
      team: g.team,
      responses: g.responses,
      invited: g.invited,
      disclosure: g.disclosure,
      note: disclosureText(g.disclosure),
      comparedWith: shownNow && before ? prevRow!.id : null,
      withheld: g.withheld,
      results: shownNow
        ? runAggregators(model.aggregators, { current: g.stats, previous: before ? comparable(before.stats) : null }, model)
        : null,
      items: shownNow ? summariseItems(model, g.stats, new Set(g.withheld.map((w) => w.item))) : null,
    };
  });

  return {
    round: {
      ...roundInfo(row),
      minGroupSize: current.min,
      configuredMinGroupSize: row.min_group_size,
      exempt: answeredBy(model) === "team",
    },
    scan: {
      id: row.scan_id,
      versionId: row.scan_version_id,
      version: row.version,
      checksum: row.checksum,
      title: model.title.nl,
      respondent: model.respondent,
      answeredBy: answeredBy(model),
    },
    model,
    previousRound: prevRow ? roundInfo(prevRow) : null,
    comparability,
    groups,
  };
}

/** Mean per item and side of one disclosed group, null where withheld or unanswered. */
export const seriesPointSchema = z.object({
  round: roundInfoSchema.extend({ version: z.number().int() }),
  responses: z.number().int(),
  disclosure: disclosureSchema,
  note: z.string().nullable(),
  means: z
    .record(z.string(), z.number().nullable())
    .openapi({ description: "`item` or `item.current` / `item.desired` → mean." }),
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const seriesReportSchema = z
  .object({
    scan: z.object({ id: z.string(), title: z.string() }),
    model: scoringModelSchema,
    items: z.array(z.object({ key: z.string(), item: z.string(), side: sideSchema, title: z.string(), theme: z.string() })),
    rounds: z.array(seriesPointSchema),
  })
  .openapi("SeriesReport");
export type SeriesReport = z.infer<typeof seriesReportSchema>;

/** Each element's score over the rounds of a series (the whole-round group). */
export async function seriesReport(sql: Sql, roundId: string, load: LoadCompiled = compiledLoader(sql)): Promise<SeriesReport> {
  const row = await findReportRound(sql, roundId);
  if (!row) throw notFound(`round ${roundId}`);
  const rounds = await seriesRounds(sql, row);
  const disclosed = await Promise.all(rounds.map((r) => loadRound(sql, r, load)));
  // The newest round's model names the items; older versions may lack some.
  const model = disclosed[disclosed.length - 1]!.model;
  const items = model.items
    .filter((i) => i.kind === "rate" || i.kind === "step" || i.kind === "pair")
    .flatMap((i) =>
      (i.kind === "pair" ? (["current", "desired"] as const) : [null]).map((side) => ({
        key: side ? `${i.id}.${side}` : i.id,
        item: i.id,
        side,
        title: i.title.nl,
        theme: i.theme,
      })),
    );
  return {
    scan: { id: row.scan_id, title: model.title.nl },
    model,
    items,
    rounds: disclosed.map((d) => {
      const all = d.groups[0]!;
      const means: Record<string, number | null> = {};
      for (const it of items) {
        // As answered, never reversed: the series page shows it under the item's own wording.
        const mean = rawMean(all.stats.fields.find((x) => x.item === it.item && x.side === it.side));
        means[it.key] = mean === null ? null : Math.round(mean * 100) / 100;
      }
      return {
        round: { ...roundInfo(d.round), version: d.round.version },
        responses: all.responses,
        disclosure: all.disclosure,
        note: disclosureText(all.disclosure),
        means,
      };
    }),
  };
}

