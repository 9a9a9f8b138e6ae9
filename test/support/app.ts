import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { CompiledScan, ScoringModel } from "../../dsl/model.ts";
import { compile } from "../../dsl/index.ts";
import { createApp, type App } from "../../server/app.ts";
import type { Sql } from "../../server/db/connect.ts";
import { silentLog } from "../../server/lib/log.ts";
import { publishScan } from "../../server/scans/loader.ts";
import { conditionHolds } from "../../dsl/conditions.ts";
import { recordMismatch } from "./response-mismatches.ts";

export const adminToken = "test-admin-token-0123456789abcdef";
export const publicUrl = "http://peilstok.test";

export function testApp(sql: Sql, overrides: Partial<Parameters<typeof createApp>[0]> = {}): App {
  return createApp({
    sql,
    publicUrl,
    adminToken,
    rateLimit: { burst: 100_000, perSecond: 100_000 },
    bodyLimitBytes: 256 * 1024,
    log: silentLog,
    onResponseMismatch: recordMismatch,
    ...overrides,
  });
}

export async function compileScanFile(file: string): Promise<{ text: string; compiled: CompiledScan }> {
  const text = await readFile(file, "utf8");
  const { result, diagnostics } = compile({ name: file, text });
  if (!result) throw new Error(`${file} does not compile: ${JSON.stringify(diagnostics)}`);
  return { text, compiled: result };
}

/** Publishes a compiled scan under a unique id, so tests sharing a database do not collide. */
export async function publishAs(sql: Sql, compiled: CompiledScan, scanId = `scan-${randomUUID()}`) {
  const renamed = { ...compiled, model: { ...compiled.model, scan: scanId } };
  const published = await publishScan(sql, { name: scanId, text: JSON.stringify(renamed) }, renamed);
  return { scanId, ...published };
}

export interface RoundOptions {
  scanId: string;
  anonymous?: boolean;
  allowEdit?: boolean;
  openLink?: boolean;
  opensAt?: string;
  closesAt?: string;
  respondents?: { name: string; email: string; team?: string }[];
}

export async function createRoundVia(app: App, options: RoundOptions) {
  const res = await app.request("/api/admin/rounds", {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      title: "Ronde 1",
      group: "Team Noord",
      opensAt: options.opensAt ?? new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: options.closesAt ?? new Date(Date.now() + 86_400_000).toISOString(),
      respondents: [
        { name: "Anna", email: "anna@example.org", team: "noord" },
        { name: "Bram", email: "bram@example.org", team: "noord" },
      ],
      ...options,
    }),
  });
  if (res.status !== 201) throw new Error(`create round: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as {
    round: { id: string; scanVersionId: number };
    links: { respondentId: string; url: string }[];
    openLink: string | null;
  };
  const token = (url: string) => url.slice(`${publicUrl}/r/`.length);
  return {
    ...body,
    tokens: body.links.map((l) => token(l.url)),
    openToken: body.openLink ? token(body.openLink) : null,
  };
}

/** A complete, valid answer set for any scan: the lowest value of every field. */
export function validAnswers(model: ScoringModel): Record<string, number | string | string[]> {
  const data: Record<string, number | string | string[]> = {};
  for (const item of model.items) {
    if (item.showIf && !conditionHolds(item.showIf, data)) continue;
    for (const field of item.fields) {
      if (field.notApplicable) continue;
      if (field.type === "number") data[field.name] = field.min ?? 1;
      else if (field.type === "string") data[field.name] = field.values?.[0] ?? "een antwoord";
      else data[field.name] = field.values?.slice(0, 1) ?? ["een antwoord"];
    }
  }
  return data;
}

export function send(app: App, method: string, path: string, body?: unknown) {
  return app.request(path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}
