// Invitations wired for tests: a clock the test moves, SMTP or the outbox, an app around it.
import type { App } from "../../server/app.ts";
import type { Sql } from "../../server/db/connect.ts";
import { Invitations } from "../../server/invitations/service.ts";
import { silentLog } from "../../server/lib/log.ts";
import { outboxTransport, smtpTransport, type MailTransport } from "../../server/invitations/mail-transport.ts";
import { adminToken, publicUrl, testApp } from "./app.ts";

export interface TestClock {
  (): Date;
  set(date: Date): void;
  advance(ms: number): void;
}

export const day = 86_400_000;

export function testClock(start = new Date(Math.floor(Date.now() / 60_000) * 60_000)): TestClock {
  let now = start.getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (d) => (now = d.getTime());
  clock.advance = (ms) => (now += ms);
  return clock;
}

export interface MailSetup {
  app: App;
  invitations: Invitations;
  transport: MailTransport;
  clock: TestClock;
}

export function mailSetup(
  sql: Sql,
  {
    smtpUrl,
    clock = testClock(),
    base = publicUrl,
    clientDir,
    ...rest
  }: { smtpUrl?: string; clock?: TestClock; base?: string; clientDir?: string; leaseMs?: number; batchSize?: number } = {},
): MailSetup {
  const transport = smtpUrl ? smtpTransport({ url: smtpUrl, from: "Peilstok <peilstok@example.org>" }) : outboxTransport;
  const invitations = new Invitations(sql, { transport, publicUrl: base, clock, log: silentLog, ...rest });
  const app = testApp(sql, { invitations, publicUrl: base, ...(clientDir ? { clientDir } : {}) });
  return { app, invitations, transport, clock };
}

export async function admin<T = any>(app: App, method: string, path: string, body?: unknown, contentType = "application/json"): Promise<{ status: number; body: T }> {
  const res = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, "content-type": contentType },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Creates an empty round open from `opensAt` for `days` days. */
export async function emptyRound(app: App, scanId: string, opensAt: Date, days = 42, extra: Record<string, unknown> = {}) {
  const res = await admin<{ round: { id: string } }>(app, "POST", "/api/admin/rounds", {
    scanId,
    title: "Voorjaar 2025",
    group: "Academie",
    opensAt: opensAt.toISOString(),
    closesAt: new Date(opensAt.getTime() + days * day).toISOString(),
    respondents: [],
    ...extra,
  });
  if (res.status !== 201) throw new Error(`create round: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.round.id;
}

export function teachersCsv(n: number, { header = true, teams = ["rood", "blauw", "groen"] } = {}): string {
  const lines = header ? ["naam;e-mail;team"] : [];
  for (let i = 1; i <= n; i++) lines.push(`Docent ${i};docent${i}@example.org;${teams[i % teams.length]}`);
  return lines.join("\n");
}
