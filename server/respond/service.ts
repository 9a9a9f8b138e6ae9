import { z } from "@hono/zod-openapi";
import type { Sql } from "../db/connect.ts";
import { advanceStatus } from "../invitations/respondents-queries.ts";
import {
  findById,
  findOwned,
  insertSubmitted,
  lockById,
  markSubmitted,
  owns,
  upsertDraft,
  type Owner,
  type ResponseRow,
} from "./responses-queries.ts";
import { findLink, type LinkRow } from "../rounds/queries.ts";
import { AppError, notFound } from "../lib/errors.ts";
import type { ScanVersionCache } from "./version-cache.ts";
import { ownerHash, tokenHash } from "../lib/tokens.ts";
import type { Answers } from "./answer-validator.ts";
import { roundState, roundStateSchema } from "../rounds/service.ts";
import { answeredBy } from "../privacy/answered-by.ts";
import { surveyJsonSchema } from "../scans/schemas.ts";
import { admitNewResponse, deviceHash, deviceId, type Device, type OpenLinkAdmissions } from "./open-link.ts";

export const answersSchema = z
  .record(z.string(), z.union([z.number(), z.string(), z.array(z.string())]))
  .openapi({ description: "SurveyJS data: field name → answer" });

export const formSchema = z
  .object({
    round: z.object({
      id: z.uuid(),
      title: z.string(),
      closesAt: z.iso.datetime(),
      state: roundStateSchema,
      allowEdit: z.boolean(),
      link: z
        .enum(["personal", "open"])
        .openapi({ description: "An open link is shared by many people (e.g. residents interviewed on one tablet)." }),
      sharedDevice: z.boolean().openapi({
        description:
          "An open link of a round answered on one shared device (interviews on a tablet): the page offers a new response for the next person. Otherwise one browser is one respondent.",
      }),
    }),
    scanVersion: z.object({ id: z.number().int(), scan: z.string(), version: z.number().int(), checksum: z.string() }),
    survey: surveyJsonSchema,
    languages: z
      .array(z.string())
      .openapi({ description: "The scan's languages (its texts' `en` and `nl`); the form offers a switch when there are several." }),
    estimate: z
      .object({ minutes: z.number().int(), pageSeconds: z.record(z.string(), z.number().int()) })
      .openapi({ description: "The scan's estimate in minutes and the seconds of each page (theme id), for the progress line." }),
    themes: z.array(z.string()).openapi({
      description:
        "The pages that are themes (their ids, in order): the progress line counts these (\"Thema 3 van 8\"); another page (`page` in the scan file, e.g. a closing page) shows its own title.",
    }),
    response: z
      .object({
        id: z.uuid(),
        status: z.enum(["draft", "submitted"]),
        data: answersSchema,
        submittedAt: z.iso.datetime().nullable(),
      })
      .nullable()
      .openapi({ description: "The caller's own response, if there is one." }),
  })
  .openapi("Form");
export type Form = z.infer<typeof formSchema>;

export const draftSavedSchema = z.object({ savedAt: z.iso.datetime() });
export const submittedSchema = z.object({ responseId: z.uuid(), submittedAt: z.iso.datetime() });

export interface ResponseInput {
  responseId: string;
  data: unknown;
}

interface FoundLink {
  link: LinkRow;
  owner: Owner;
}

function ownerOf(link: LinkRow, token: string): Owner {
  const base = { roundId: link.round_id, scanVersionId: link.scan_version_id, team: link.team, deviceHash: null };
  if (link.kind === "open") {
    return { ...base, respondentId: null, ownerHash: ownerHash(token), openLink: true };
  }
  if (link.anonymous) {
    return { ...base, respondentId: null, ownerHash: ownerHash(token), openLink: false };
  }
  return { ...base, respondentId: link.respondent_id, ownerHash: null, openLink: false };
}

/**
 * An open link's owner for this request's browser: one browser, one respondent
 * (server/respond/open-link.ts), unless the round is answered on a shared device.
 */
function forDevice({ link, owner }: FoundLink, device: Device | undefined): Owner {
  if (link.kind !== "open" || !link.one_per_device || !device) return owner;
  return { ...owner, deviceHash: deviceHash(link.round_id, deviceId(device)) };
}

/** Key-order-independent equality of two answer sets (jsonb does not keep key order). */
function sameAnswers(a: Answers, b: Answers): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

function isUniqueViolation(err: unknown, constraint: RegExp): boolean {
  const e = err as { code?: string; constraint_name?: string };
  return e.code === "23505" && constraint.test(e.constraint_name ?? "");
}

/** The respondent was removed from the round after their link row was cached. */
function isRemovedRespondent(err: unknown): boolean {
  const e = err as { code?: string; constraint_name?: string };
  return e.code === "23503" && e.constraint_name === "responses_respondent_id_fkey";
}

const linkTaken = () =>
  new AppError(
    409,
    "response-exists",
    "this link already has a response with another id; reload the page to continue it",
  );

const idTaken = () =>
  new AppError(409, "response-id-taken", "this response id is in use; generate a new one");

const linkCacheMs = 5_000;

export class RespondService {
  constructor(
    private readonly sql: Sql,
    private readonly versions: ScanVersionCache,
    private readonly admissions: OpenLinkAdmissions,
  ) {}

  /**
   * Link rows for drafts and submits, kept a few seconds: a respondent's page autosaves often,
   * and a round's dates are compared with the clock on every request, not cached as a state.
   */
  private readonly recentLinks = new Map<string, { found: FoundLink; until: number }>();

  /** The link of a token and who owns its responses (both kept with the link a few seconds). */
  private async link(token: string, { fresh = false } = {}): Promise<FoundLink> {
    const hash = tokenHash(token);
    const now = Date.now();
    const cached = this.recentLinks.get(hash);
    if (!fresh && cached && cached.until > now) return cached.found;
    const link = await findLink(this.sql, hash);
    if (!link) throw notFound("link");
    if (link.kind === "open" && answeredBy((await this.versions.get(link.scan_version_id)).compiled.model) === "team") {
      // Rounds made before team scans were kept to teams may have one (server/privacy/team-respondents.ts).
      throw new AppError(
        409,
        "team-scan-open-link",
        "this scan is answered by a team together, through the team's own link; an open link does not accept answers",
      );
    }
    const found = { link, owner: ownerOf(link, token) };
    if (this.recentLinks.size >= 10_000) this.recentLinks.clear();
    this.recentLinks.set(hash, { found, until: now + linkCacheMs });
    return found;
  }

  /**
   * Maps a write that failed because the cached link row is out of date to what a fresh one
   * would have answered: a removed respondent's 404, or 409 for a round closed early (migration 120).
   */
  private linkGone(token: string, err: unknown): unknown {
    const e = err as { code?: string; constraint_name?: string };
    if (e.code === "23514" && e.constraint_name === "responses_submitted_before_close") {
      this.recentLinks.delete(tokenHash(token));
      return new AppError(409, "round-closed", "this round is closed");
    }
    if (!isRemovedRespondent(err)) return err;
    this.recentLinks.delete(tokenHash(token));
    return notFound("link");
  }

  private assertOpen(link: LinkRow): void {
    const state = roundState(link);
    if (state === "closed") throw new AppError(409, "round-closed", "this round is closed");
    if (state === "not-yet-open") {
      throw new AppError(409, "round-not-open", "this round is not open yet");
    }
  }

  async form(token: string, responseId: string | undefined, device?: Device): Promise<Form> {
    const found = await this.link(token, { fresh: true });
    const { link } = found;
    const owner = forDevice(found, device);
    const [version, response] = await Promise.all([
      this.versions.get(link.scan_version_id),
      findOwned(this.sql, owner, responseId),
    ]);
    if (link.respondent_id && link.respondent_status === "invited") {
      await advanceStatus(this.sql, link.respondent_id, "opened", link.anonymous);
    }
    return {
      round: {
        id: link.round_id,
        title: link.title,
        closesAt: link.closes_at.toISOString(),
        state: roundState(link),
        allowEdit: link.allow_edit,
        link: link.kind === "open" ? "open" : "personal",
        sharedDevice: link.kind === "open" && link.one_per_device === false,
      },
      scanVersion: {
        id: link.scan_version_id,
        scan: link.scan_id,
        version: link.version,
        checksum: link.checksum,
      },
      survey: version.compiled.survey,
      languages: version.compiled.model.languages,
      estimate: version.estimate,
      themes: version.compiled.model.themes.filter((t) => !t.page).map((t) => t.id),
      response: response
        ? {
            id: response.id,
            status: response.status,
            data: response.data,
            submittedAt: response.submitted_at?.toISOString() ?? null,
          }
        : null,
    };
  }

  async saveDraft(token: string, input: ResponseInput, device?: Device): Promise<z.infer<typeof draftSavedSchema>> {
    const found = await this.link(token);
    const { link } = found;
    const owner = forDevice(found, device);
    this.assertOpen(link);
    const { validator } = await this.versions.get(link.scan_version_id);
    const result = validator.draft(input.data);
    if (!result.ok) throw new AppError(400, "invalid-answers", "the draft has invalid answers", result.issues);
    // Open links: a response id not seen before is a new response, let in only within the link's
    // cap and rate (server/respond/open-link.ts); a draft saved again is not counted again.
    if (owner.openLink) await admitNewResponse(this.sql, owner.roundId, input.responseId);
    try {
      return await this.sql.begin(async (tx) => {
        const saved = await upsertDraft(tx, owner, input.responseId, result.data);
        if (!saved) {
          const existing = await findById(tx, input.responseId);
          if (existing && owns(owner, existing)) {
            throw new AppError(409, "already-submitted", "this response is already submitted");
          }
          throw idTaken();
        }
        if (link.respondent_id) await advanceStatus(tx, link.respondent_id, "started", link.anonymous);
        return { savedAt: saved.updated_at.toISOString() };
      });
    } catch (err) {
      if (isUniqueViolation(err, /^responses_one_per_/)) throw linkTaken();
      throw this.linkGone(token, err);
    }
  }

  /**
   * Stores a submission, acknowledging only after the transaction commits. Idempotent by
   * response id: a retry with the same answers returns the first submission's time.
   */
  async submit(token: string, input: ResponseInput, device?: Device): Promise<z.infer<typeof submittedSchema>> {
    const found = await this.link(token);
    const { link } = found;
    const owner = forDevice(found, device);
    this.assertOpen(link);
    const { validator } = await this.versions.get(link.scan_version_id);
    const result = validator.submission(input.data);
    if (!result.ok) {
      throw new AppError(400, "invalid-answers", "the submission has invalid answers", result.issues);
    }
    const { data, arrays } = result;
    const id = input.responseId;
    // Open links: a place within the link's cap and rate, from this instance's lease
    // (server/respond/open-link.ts); given back below unless this submit stores a new response.
    const placed = owner.openLink && (await this.admissions.take(owner.roundId, id));
    let stored = false;
    try {
      const respondent = link.respondent_id
        ? { id: link.respondent_id, anonymous: link.anonymous }
        : null;
      const fresh = await insertSubmitted(this.sql, owner, id, data, arrays, respondent);
      stored = fresh !== undefined;
      const submittedAt = fresh
        ? fresh.submitted_at
        : await this.sql.begin(async (tx) => {
            // The id exists: a retry, an edit, a draft being submitted, or someone else's id.
            const existing = (await lockById(tx, id)) as ResponseRow;
            if (!owns(owner, existing)) throw idTaken();
            if (existing.status === "submitted") {
              if (sameAnswers(existing.data, data)) return existing.submitted_at!;
              if (!link.allow_edit) {
                throw new AppError(409, "edit-not-allowed", "this round does not allow changing answers");
              }
            }
            const { submitted_at } = await markSubmitted(tx, id, data, arrays);
            if (link.respondent_id) {
              await advanceStatus(tx, link.respondent_id, "submitted", link.anonymous);
            }
            return submitted_at;
          });
      return { responseId: id, submittedAt: submittedAt.toISOString() };
    } catch (err) {
      if (isUniqueViolation(err, /^responses_one_per_/)) throw linkTaken();
      throw this.linkGone(token, err);
    } finally {
      if (placed && !stored) this.admissions.giveBack(owner.roundId);
    }
  }
}
