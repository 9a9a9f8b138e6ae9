// A respondent's own view after submitting: their answers and their own profile, beside the
// group's once the others in the round are at least the minimum group size. The respondent knows
// their own answers, so the group is shown only when the group minus them meets the minimum.
import { z } from "@hono/zod-openapi";
import { wantsMoreOf, type GroupStats } from "../../dsl/aggregators/stats.ts";
import type { Sql } from "../db/connect.ts";
import { findOwned, type Owner } from "../respond/responses-queries.ts";
import { findLink } from "../rounds/queries.ts";
import { findReportRound, responseAnswers } from "./tallies.ts";
import { AppError, notFound } from "../lib/errors.ts";
import { disclosureText, minimumGroupSize, type Disclosure } from "../privacy/disclosure.ts";
import { answeredBy } from "../privacy/answered-by.ts";
import {
  aggregatorOutcomeSchema,
  compiledLoader,
  disclosureSchema,
  loadRound,
  runProfile,
  type LoadCompiled,
} from "./round-report.ts";
import { scoringModelSchema } from "../scans/schemas.ts";
import { ownerHash, tokenHash } from "../lib/tokens.ts";

export const ownReportSchema = z
  .object({
    round: z.object({ id: z.uuid(), title: z.string(), group: z.string() }),
    scan: z.object({ id: z.string(), version: z.number().int(), title: z.string() }),
    model: scoringModelSchema,
    own: z.object({
      answers: z.array(
        z.object({ item: z.string(), side: z.enum(["current", "desired"]).nullable(), value: z.union([z.number(), z.string()]) }),
      ),
      results: z.array(aggregatorOutcomeSchema),
    }),
    group: z.object({
      responses: z.number().int(),
      disclosure: disclosureSchema,
      note: z.string().nullable(),
      results: z.array(aggregatorOutcomeSchema).nullable(),
    }),
  })
  .openapi("OwnReport");
export type OwnReport = z.infer<typeof ownReportSchema>;

/** The respondent's own submitted response behind a link (personal or open), with its round and scan. */
export async function ownSubmitted(sql: Sql, token: string, responseId: string | undefined, load: LoadCompiled) {
  const link = await findLink(sql, tokenHash(token));
  if (!link) throw notFound("link");
  // By the response id the browser remembers (also on a device that answered before devices counted).
  const base = { roundId: link.round_id, scanVersionId: link.scan_version_id, team: link.team, deviceHash: null };
  const owner: Owner =
    link.kind === "open"
      ? { ...base, respondentId: null, ownerHash: ownerHash(token), openLink: true }
      : link.anonymous
        ? { ...base, respondentId: null, ownerHash: ownerHash(token), openLink: false }
        : { ...base, respondentId: link.respondent_id, ownerHash: null, openLink: false };
  const response = await findOwned(sql, owner, responseId);
  if (!response) throw notFound("response");
  if (response.status !== "submitted") {
    throw new AppError(409, "not-submitted", "the own view is available after submitting");
  }
  const round = await findReportRound(sql, link.round_id);
  if (!round) throw notFound("round");
  const { model } = await load(round.scan_version_id);
  return { link, response, round, model };
}

export async function ownReport(
  sql: Sql,
  token: string,
  responseId: string | undefined,
  load: LoadCompiled = compiledLoader(sql),
): Promise<OwnReport> {
  const { response, round, model } = await ownSubmitted(sql, token, responseId, load);

  const rows = await responseAnswers(sql, response.id);
  const answers = rows.map((r) => ({ item: r.item_id, side: r.side, value: (r.value_num ?? r.value_text)! }));
  const ownStats: GroupStats = { responses: 1, invited: null, texts: [], fields: [], wantsMore: wantsMoreOf(model, [response.data]) };
  for (const r of rows) {
    if (r.value_num === null) continue;
    ownStats.fields.push({ item: r.item_id, side: r.side, n: 1, sum: r.value_num, counts: { [String(r.value_num)]: 1 } });
  }

  const disclosed = await loadRound(sql, round, load);
  const all = disclosed.groups[0]!;
  const who = answeredBy(model);
  const min = minimumGroupSize(who, round.min_group_size, round.privacy_floor);
  // The respondent can subtract their own answers: the others must meet the minimum.
  const others = all.responses - 1;
  const disclosure: Disclosure =
    who === "team" || (all.disclosure.status === "shown" && others >= min)
      ? { status: "shown" }
      : others < min
        ? { status: "too-few", needed: min - others }
        : all.disclosure;

  return {
    round: { id: round.id, title: round.title, group: round.group_name },
    scan: { id: round.scan_id, version: round.version, title: model.title.nl },
    model,
    own: { answers, results: runProfile(model, ownStats) },
    group: {
      responses: all.responses,
      disclosure,
      note: disclosureText(disclosure),
      results: disclosure.status === "shown" ? runProfile(model, all.stats) : null,
    },
  };
}
