// A scan answered by a team together (the book's quickscan) is one shared response per team, which
// is why its report shows each response: so it may only go to teams. Each respondent of such a
// round stands for one team (their `team`, or else the round's group), named, with one link that
// the team fills in together; the contact whose e-mail address receives it is named in `name`.
// Never to individual people, and never through an open link, which anyone can share.
import type { Queryable } from "../db/connect.ts";
import { AppError } from "../lib/errors.ts";
import { answeredBy, type AnsweredBy } from "./answered-by.ts";

export interface RoundAudience {
  group: string;
  answeredBy: AnsweredBy;
}

/** Who answers a round's scan, read from its scan version. */
export async function roundAudience(sql: Queryable, roundId: string): Promise<RoundAudience | undefined> {
  const [row] = await sql<{ group_name: string; respondent: string | null; answered_by: AnsweredBy | null }[]>`
    select
      r.group_name,
      v.compiled -> 'model' ->> 'respondent' as respondent,
      v.compiled -> 'model' ->> 'answeredBy' as answered_by
    from rounds r
    join scan_versions v on v.id = r.scan_version_id
    where r.id = ${roundId}
  `;
  if (!row) return undefined;
  return {
    group: row.group_name,
    answeredBy: answeredBy({ respondent: row.respondent ?? "team", answeredBy: row.answered_by ?? undefined }),
  };
}

/** The team a respondent of a team scan stands for. */
export const teamOf = (person: { team?: string | null | undefined }, group: string): string => person.team ?? group;

export const teamScanOpenLink = () =>
  new AppError(
    400,
    "team-scan-open-link",
    "this scan is answered by a team together: it goes to teams, each with its own link, never through an open link",
    [{ field: "openLink", reason: "not-allowed", message: "a team scan has no open link" }],
  );

export interface TeamConflict {
  /** Index in the list of new people. */
  index: number;
  team: string;
  /** Index of the earlier new person for the same team, or null when the team already has a link in the round. */
  earlier: number | null;
}

/**
 * The new people that would give a team a second link: each team answers once, so a team gets
 * one respondent (link) per round. `existing` holds the teams that already have one.
 */
export function teamConflicts(
  group: string,
  existing: Iterable<string>,
  people: readonly { team?: string | null | undefined }[],
): TeamConflict[] {
  const taken = new Set(existing);
  const first = new Map<string, number>();
  const conflicts: TeamConflict[] = [];
  people.forEach((person, index) => {
    const team = teamOf(person, group);
    if (taken.has(team)) conflicts.push({ index, team, earlier: null });
    else if (first.has(team)) conflicts.push({ index, team, earlier: first.get(team)! });
    else first.set(team, index);
  });
  return conflicts;
}

/** The teams of a round that already have a link. */
export async function teamsWithLink(sql: Queryable, roundId: string, group: string): Promise<string[]> {
  const rows = await sql<{ team: string | null }[]>`select team from respondents where round_id = ${roundId}`;
  return rows.map((r) => teamOf(r, group));
}

export const teamConflictError = (conflicts: TeamConflict[], field = (i: number) => `respondents.${i}.team`) =>
  new AppError(
    409,
    "team-has-link",
    "this scan is answered by a team together, so each team gets one link: " +
      [...new Set(conflicts.map((c) => c.team))].map((t) => `"${t}"`).join(", ") +
      " would get a second one (give each respondent its own team, or leave the team empty for the round's group)",
    conflicts.map((c) => ({
      field: field(c.index),
      reason: "not-allowed",
      message:
        c.earlier === null ? `team "${c.team}" already has a link in this round` : `team "${c.team}" is also given at ${c.earlier}`,
    })),
  );

/**
 * Checks new people for a round before they are added: for a team scan, one per team. Returns the
 * round's audience for callers that need it.
 */
export async function checkNewRespondents(
  sql: Queryable,
  roundId: string,
  people: readonly { team?: string | null | undefined }[],
): Promise<RoundAudience> {
  const audience = await roundAudience(sql, roundId);
  if (!audience) throw new AppError(404, "not-found", "round not found");
  if (audience.answeredBy === "team") {
    const conflicts = teamConflicts(audience.group, await teamsWithLink(sql, roundId, audience.group), people);
    if (conflicts.length > 0) throw teamConflictError(conflicts);
  }
  return audience;
}
