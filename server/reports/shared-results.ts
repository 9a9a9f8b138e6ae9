// A respondent shares their own result, by their own choice: the Traptrede's consultant shows
// their step and what they need in the progress talk with their manager (the scan's intro says
// so). From their own link they pick the answers to share; Peilstok keeps a snapshot of exactly
// those behind a new link (only its hash is stored) that expires, and that they can take back at
// any time. Nothing else changes: no admin page shows a single respondent's answers, and the
// share does not point at the response (its owner is a hash of the respondent's own link token
// and response id, which the database alone cannot compute).
import { randomUUID } from "node:crypto";
import { z } from "@hono/zod-openapi";
import { objectOf } from "../lib/openapi.ts";
import type { ItemKind, ItemModel, ScoringModel } from "../../dsl/model.ts";
import type { Sql } from "../db/connect.ts";
import { AppError, notFound } from "../lib/errors.ts";
import { newToken, sha256, tokenHash } from "../lib/tokens.ts";
import { ownSubmitted } from "./own-report.ts";
import type { LoadCompiled } from "./round-report.ts";

const dayMs = 86_400_000;
/** Links a respondent can have out at once: enough for a manager and a coach, not a mailing. */
export const MAX_SHARES = 10;

export const shareCreateSchema = z.strictObject({
  /** Open links: the response id the browser remembers. */
  responseId: z.uuid().optional(),
  /** The items to share, by id; only answered ones can be shared. */
  items: z.array(z.string().min(1).max(200)).min(1).max(500),
  /** How the receiver sees who shared it; nothing by default. */
  name: z.string().trim().max(100).optional(),
  message: z.string().trim().max(2000).optional(),
  days: z.number().int().min(1).max(90).default(30),
});
export type ShareCreate = z.infer<typeof shareCreateSchema>;

export interface SharedAnswer {
  item: string;
  title: string;
  kind: ItemKind;
  /** The answer as the respondent read it: a scale word, an option's text, their own words. */
  answer: string[];
  /** For a ladder step: every step, and the scan's target steps when it names them. */
  ladder?: { value: number; steps: { value: number; label: string }[]; target: [number, number] | null };
}

export interface SharedContent {
  scan: { id: string; title: string };
  round: { title: string };
  sharedBy: string | null;
  message: string | null;
  answers: SharedAnswer[];
}

export interface SharedResult extends SharedContent {
  createdAt: string;
  expiresAt: string;
}

export const shareCreatedSchema = z.object({ id: z.uuid(), path: z.string(), expiresAt: z.iso.datetime(), items: z.array(z.string()) }).openapi("SharedLink");
export const sharedResultSchema = objectOf<SharedResult>("The answers a respondent chose to share, as they read them, with who shared them and until when.");

export interface ShareSummary {
  id: string;
  createdAt: string;
  expiresAt: string;
  items: string[];
  sharedBy: string | null;
}

export const shareListSchema = z.object({
  shares: z.array(
    z.object({ id: z.uuid(), createdAt: z.iso.datetime(), expiresAt: z.iso.datetime(), items: z.array(z.string()), sharedBy: z.string().nullable() }),
  ),
});

const ownerOf = (token: string, responseId: string) => sha256(`share-owner:${token}:${responseId}`);

function scaleWord(model: ScoringModel, item: ItemModel, value: number): string {
  const label = model.scales.find((s) => s.id === item.scale)?.labels.find((l) => l.value === value)?.text.nl;
  return label ? `${value} (${label})` : String(value);
}

/** What the respondent answered to `item`, in words; null when they did not answer it. */
function answerOf(model: ScoringModel, item: ItemModel, data: Record<string, unknown>): SharedAnswer | null {
  const field = (side: "current" | "desired" | null) => data[item.fields.find((f) => f.side === side)?.name ?? ""];
  const base = { item: item.id, title: item.title.nl, kind: item.kind };
  switch (item.kind) {
    case "rate": {
      const v = field(null);
      return typeof v === "number" ? { ...base, answer: [scaleWord(model, item, v)] } : null;
    }
    case "step": {
      const v = field(null);
      if (typeof v !== "number") return null;
      const scale = model.scales.find((s) => s.id === item.scale);
      const ladder = model.aggregators.find((a) => a.name === "ladder" && a.params["on"] === item.scale);
      const target = ladder && Array.isArray(ladder.params["target"]) ? (ladder.params["target"] as [number, number]) : null;
      const steps = scale ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i) : [v];
      return {
        ...base,
        answer: [scaleWord(model, item, v)],
        ladder: { value: v, steps: steps.map((s) => ({ value: s, label: scale?.labels.find((l) => l.value === s)?.text.nl ?? String(s) })), target },
      };
    }
    case "pair": {
      const current = field("current");
      const desired = field("desired");
      if (typeof current !== "number" && typeof desired !== "number") return null;
      return {
        ...base,
        answer: [
          ...(typeof current === "number" ? [`Nu: ${scaleWord(model, item, current)}`] : []),
          ...(typeof desired === "number" ? [`Gewenst: ${scaleWord(model, item, desired)}`] : []),
        ],
      };
    }
    case "choice":
    case "yesno": {
      const v = field(null);
      if (typeof v !== "string") return null;
      const text = item.options?.find((o) => o.value === v)?.text.nl ?? ({ ja: "Ja", nee: "Nee", deels: "Deels" } as Record<string, string>)[v] ?? v;
      return { ...base, answer: [text] };
    }
    case "multi": {
      const v = field(null);
      if (!Array.isArray(v) || v.length === 0) return null;
      return { ...base, answer: v.map((x) => item.options?.find((o) => o.value === x)?.text.nl ?? String(x)) };
    }
    case "text": {
      const v = field(null);
      return typeof v === "string" && v.trim() !== "" ? { ...base, answer: [v] } : null;
    }
  }
}

/** The answers the respondent can share: the ones they gave, in scan order. */
export function shareableAnswers(model: ScoringModel, data: Record<string, unknown>): SharedAnswer[] {
  return model.items.flatMap((item) => answerOf(model, item, data) ?? []);
}

async function purgeExpired(sql: Sql, now: Date): Promise<void> {
  await sql`delete from shared_results where expires_at <= ${now}`;
}

export class SharedResults {
  constructor(
    private readonly sql: Sql,
    private readonly load: LoadCompiled,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(token: string, input: ShareCreate): Promise<{ id: string; path: string; expiresAt: string; items: string[] }> {
    const { response, round, model } = await ownSubmitted(this.sql, token, input.responseId, this.load);
    const answers = shareableAnswers(model, response.data);
    const unknown = input.items.filter((id) => !answers.some((a) => a.item === id));
    if (unknown.length > 0) {
      throw new AppError(400, "invalid-body", "only questions you answered can be shared", [
        { field: "items", reason: "invalid", message: `not answered: ${unknown.join(", ")}` },
      ]);
    }
    const now = this.clock();
    const owner = ownerOf(token, response.id);
    await purgeExpired(this.sql, now);
    const shareToken = newToken();
    const id = randomUUID();
    const chosen = new Set(input.items);
    const content: SharedContent = {
      scan: { id: round.scan_id, title: model.title.nl },
      round: { title: round.title },
      sharedBy: input.name || null,
      message: input.message || null,
      answers: answers.filter((a) => chosen.has(a.item)),
    };
    const expiresAt = new Date(now.getTime() + input.days * dayMs);
    await this.sql.begin(async (tx) => {
      // One at a time per owner, so the cap holds under concurrent requests.
      await tx`select pg_advisory_xact_lock(hashtext(${owner}))`;
      const [row] = await tx<{ n: number }[]>`select count(*)::int as n from shared_results where owner_hash = ${owner}`;
      if (row!.n >= MAX_SHARES) {
        throw new AppError(409, "too-many-shares", `at most ${MAX_SHARES} shared links at once: take one back first`);
      }
      await tx`
        insert into shared_results (id, token_hash, owner_hash, round_id, content, created_at, expires_at)
        values (${id}, ${tokenHash(shareToken)}, ${owner}, ${round.id}, ${tx.json(content as never)}, ${now}, ${expiresAt})
      `;
    });
    return { id, path: `/gedeeld/${shareToken}`, expiresAt: expiresAt.toISOString(), items: content.answers.map((a) => a.item) };
  }

  async list(token: string, responseId: string | undefined): Promise<ShareSummary[]> {
    const { response } = await ownSubmitted(this.sql, token, responseId, this.load);
    await purgeExpired(this.sql, this.clock());
    const rows = await this.sql<{ id: string; created_at: Date; expires_at: Date; content: SharedContent }[]>`
      select id, created_at, expires_at, content
      from shared_results
      where owner_hash = ${ownerOf(token, response.id)}
      order by created_at, id
    `;
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      items: r.content.answers.map((a) => a.title),
      sharedBy: r.content.sharedBy,
    }));
  }

  async revoke(token: string, responseId: string | undefined, shareId: string): Promise<void> {
    const { response } = await ownSubmitted(this.sql, token, responseId, this.load);
    const deleted = await this.sql`
      delete from shared_results where id = ${shareId} and owner_hash = ${ownerOf(token, response.id)}
    `;
    if (deleted.count === 0) throw notFound("shared link");
  }

  /** What the receiver of a shared link sees; 404 once it expired or was taken back. */
  async open(shareToken: string): Promise<SharedResult> {
    const now = this.clock();
    const [row] = await this.sql<{ content: SharedContent; created_at: Date; expires_at: Date }[]>`
      select content, created_at, expires_at from shared_results
      where token_hash = ${tokenHash(shareToken)} and expires_at > ${now}
    `;
    if (!row) throw notFound("shared result");
    return { ...row.content, createdAt: row.created_at.toISOString(), expiresAt: row.expires_at.toISOString() };
  }
}
