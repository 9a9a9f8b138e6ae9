// Drafts of scan files from the browser editor: teamleaders and admins write and save them, an
// admin publishes one (it becomes a new immutable version through publishSource). A teamleader
// sees and changes only the drafts they started; admins and viewers see them all.
import { randomUUID } from "node:crypto";
import { compile, parse } from "../../dsl/index.ts";
import type { Principal } from "../accounts/guard.ts";
import type { Sql } from "../db/connect.ts";
import { notFound } from "../lib/errors.ts";
import { deleteDraft, findDraft, insertDraft, listDrafts, updateDraft, type ScanDraftRow } from "./drafts-queries.ts";
import { publishSource, type Published } from "./editor.ts";

export interface DraftSummary {
  id: string;
  /** The scan the text names (`scan <name>`), if it names one. */
  scan: string | null;
  title: string;
  errors: number;
  warnings: number;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Draft extends DraftSummary {
  source: string;
}

/** What the list shows of a text: its scan's name and title, and how many problems it has. */
function describe(source: string): { scanId: string | null; title: string; errors: number; warnings: number } {
  const scan = parse(source).file.scans[0];
  const { diagnostics } = compile({ name: "concept.scan", text: source });
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { scanId: scan?.id.name || null, title: scan?.title?.nl ?? "", errors, warnings: diagnostics.length - errors };
}

function summary(row: ScanDraftRow): DraftSummary {
  const { errors, warnings } = describe(row.source);
  return {
    id: row.id,
    scan: row.scan_id,
    title: row.title,
    errors,
    warnings,
    createdBy: row.created_by_name,
    updatedBy: row.updated_by_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Drafts a teamleader did not start are, for them, drafts that do not exist. */
function visible(principal: Principal, row: ScanDraftRow | undefined): row is ScanDraftRow {
  if (!row) return false;
  return principal.role !== "teamleader" || row.created_by === principal.accountId;
}

export async function draftList(sql: Sql, principal: Principal): Promise<DraftSummary[]> {
  const rows = await listDrafts(sql, principal.role === "teamleader" ? principal.accountId : undefined);
  return rows.map(summary);
}

export async function draftById(sql: Sql, principal: Principal, id: string): Promise<Draft> {
  const row = await findDraft(sql, id);
  if (!visible(principal, row)) throw notFound("draft");
  return { ...summary(row), source: row.source };
}

export async function createDraft(sql: Sql, principal: Principal, source: string): Promise<Draft> {
  const id = randomUUID();
  const { scanId, title } = describe(source);
  await insertDraft(sql, { id, scanId, title, source, author: principal.accountId });
  return draftById(sql, principal, id);
}

export async function saveDraft(sql: Sql, principal: Principal, id: string, source: string): Promise<Draft> {
  if (!visible(principal, await findDraft(sql, id))) throw notFound("draft");
  const { scanId, title } = describe(source);
  if (!(await updateDraft(sql, { id, scanId, title, source, author: principal.accountId }))) throw notFound("draft");
  return draftById(sql, principal, id);
}

export async function removeDraft(sql: Sql, principal: Principal, id: string): Promise<void> {
  if (!visible(principal, await findDraft(sql, id)) || !(await deleteDraft(sql, id))) throw notFound("draft");
}

/** Publishes a draft as a new version (422 with the diagnostics when it has errors), then deletes it. */
export async function publishDraft(sql: Sql, principal: Principal, id: string): Promise<Published> {
  const row = await findDraft(sql, id);
  if (!visible(principal, row)) throw notFound("draft");
  const published = await publishSource(sql, row.source);
  await deleteDraft(sql, id);
  return published;
}
