import { randomUUID } from "node:crypto";
import { z } from "@hono/zod-openapi";
import type { Queryable, Sql } from "../db/connect.ts";
import { insertRespondents } from "../invitations/respondents-queries.ts";
import { insertRound } from "./queries.ts";
import { getCompiled, latestVersion } from "../scans/queries.ts";
import { notFound } from "../lib/errors.ts";
import { newToken, tokenHash } from "../lib/tokens.ts";
import { answeredBy } from "../privacy/answered-by.ts";
import { roundMinGroupSize } from "../privacy/floor.ts";
import { teamConflictError, teamConflicts, teamScanOpenLink } from "../privacy/team-respondents.ts";
import { privacyFloor } from "../settings/service.ts";
import { openLinkDefaults, openLinkLimitsSchema, writeOpenLinkLimits } from "../respond/open-link.ts";

export const roundStateSchema = z.enum(["open", "closed", "not-yet-open"]);
export type RoundState = z.infer<typeof roundStateSchema>;

export function roundState(round: { opens_at: Date; closes_at: Date }, now = new Date()): RoundState {
  if (now < round.opens_at) return "not-yet-open";
  if (now >= round.closes_at) return "closed";
  return "open";
}

export const respondentInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  team: z.string().trim().min(1).max(200).optional(),
});

export const roundCreateSchema = z
  .object({
    scanId: z.string().min(1),
    /** Pins a version; by default the scan's latest version. */
    version: z.number().int().min(1).optional(),
    title: z.string().trim().min(1).max(200),
    group: z.string().trim().min(1).max(200),
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    /** Defaults to the scan's own `anonymous` setting. */
    anonymous: z.boolean().optional(),
    allowEdit: z.boolean().default(true),
    /**
     * At least the organisation's privacy floor (5 unless an admin changed it, never below 3); by
     * default the floor. A lower value is refused (400 below-privacy-floor), for every role.
     */
    minGroupSize: z.number().int().min(1).max(1000).optional(),
    respondents: z.array(respondentInputSchema).max(10_000).default([]),
    openLink: z.boolean().default(false),
    /** The open link's cap, rate and one-response-per-device; the defaults where left out. */
    openLinkLimits: openLinkLimitsSchema.partial().optional(),
  })
  .refine((r) => Date.parse(r.closesAt) > Date.parse(r.opensAt), {
    path: ["closesAt"],
    message: "must be after opensAt",
  });

export type RoundCreate = z.infer<typeof roundCreateSchema>;

export const createdRoundSchema = z
  .object({
    round: z.object({
      id: z.uuid(),
      scanId: z.string(),
      scanVersionId: z.number().int(),
      version: z.number().int(),
      title: z.string(),
      group: z.string(),
      opensAt: z.iso.datetime(),
      closesAt: z.iso.datetime(),
      anonymous: z.boolean(),
      allowEdit: z.boolean(),
      minGroupSize: z.number().int(),
    }),
    links: z
      .array(
        z.object({ respondentId: z.uuid(), name: z.string(), email: z.string(), team: z.string().nullable(), url: z.url() }),
      )
      .openapi({ description: "Personal links; shown once: only the tokens' hashes are stored." }),
    openLink: z.url().nullable(),
  })
  .openapi("CreatedRound");
export type CreatedRound = z.infer<typeof createdRoundSchema>;

export async function createRound(
  sql: Sql,
  input: RoundCreate,
  publicUrl: string,
  /** Keeps the links (sealed) so invitations and reminders can be mailed later. */
  links?: { keepLinks(tx: Queryable, links: { respondentId: string; token: string }[]): Promise<void> },
): Promise<CreatedRound> {
  const link = (token: string) => `${publicUrl}/r/${token}`;
  return sql.begin(async (tx) => {
    const version = input.version
      ? (await tx<{ id: number; version: number }[]>`
          select id, version
          from scan_versions
          where scan_id = ${input.scanId} and version = ${input.version}
        `)[0]
      : await latestVersion(tx, input.scanId);
    if (!version) throw notFound(`scan ${input.scanId}${input.version ? ` version ${input.version}` : ""}`);
    const compiled = await getCompiled(tx, version.id);
    const anonymous = input.anonymous ?? compiled?.model.anonymous ?? false;
    const minGroupSize = roundMinGroupSize(input.minGroupSize, await privacyFloor(tx));
    if (compiled && answeredBy(compiled.model) === "team") {
      if (input.openLink) throw teamScanOpenLink();
      const conflicts = teamConflicts(input.group, [], input.respondents);
      if (conflicts.length > 0) throw teamConflictError(conflicts);
    }
    // A round may start empty: respondents can be added later, one by one or from a CSV.
    const id = randomUUID();
    const openToken = input.openLink ? newToken() : null;
    await insertRound(tx, {
      id,
      scanVersionId: version.id,
      title: input.title,
      groupName: input.group,
      opensAt: new Date(input.opensAt),
      closesAt: new Date(input.closesAt),
      anonymous,
      allowEdit: input.allowEdit,
      minGroupSize,
      openTokenHash: openToken ? tokenHash(openToken) : null,
    });
    if (input.openLinkLimits) await writeOpenLinkLimits(tx, id, { ...openLinkDefaults, ...input.openLinkLimits });
    const people = input.respondents.map((r) => ({
      ...r,
      id: randomUUID(),
      token: newToken(),
      team: r.team ?? null,
    }));
    await insertRespondents(
      tx,
      people.map((p) => ({
        id: p.id,
        round_id: id,
        name: p.name,
        email: p.email,
        team: p.team,
        token_hash: tokenHash(p.token),
      })),
    );
    await links?.keepLinks(tx, people.map((p) => ({ respondentId: p.id, token: p.token })));
    return {
      round: {
        id,
        scanId: input.scanId,
        scanVersionId: version.id,
        version: version.version,
        title: input.title,
        group: input.group,
        opensAt: new Date(input.opensAt).toISOString(),
        closesAt: new Date(input.closesAt).toISOString(),
        anonymous,
        allowEdit: input.allowEdit,
        minGroupSize,
      },
      links: people.map((p) => ({
        respondentId: p.id,
        name: p.name,
        email: p.email,
        team: p.team,
        url: link(p.token),
      })),
      openLink: openToken ? link(openToken) : null,
    };
  });
}
