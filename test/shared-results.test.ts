// The Traptrede's own use: a consultant shares their own step and needs for the progress talk,
// from their own link and by their own choice, and can take it back; nobody else can.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import type { SharedResult, ShareSummary } from "../server/reports/shared-results.ts";
import { adminToken, compileScanFile, createRoundVia, publishAs, send, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

describe.each(backends)("sharing one's own result on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let tokens: string[];
  let roundId: string;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    const { compiled } = await compileScanFile("scans/traptrede.scan");
    const { scanId } = await publishAs(db.sql, compiled);
    const round = await createRoundVia(app, {
      scanId,
      respondents: Array.from({ length: 6 }, (_, i) => ({ name: `Consulent ${i}`, email: `consulent${i}@example.org` })),
    } as never);
    tokens = round.tokens;
    roundId = round.round.id;
  });
  afterAll(async () => db?.close());

  const share = (token: string, body: unknown) => send(app, "POST", `/api/respond/${token}/shares`, body);
  const opened = async (path: string) => app.request(`/api/shared/${path.split("/").pop()}`);

  test("shares exactly the answers the consultant picks, as they read them, with the ladder and its target", async () => {
    const mine = tokens[0]!;
    // Nothing to share before submitting: no answers yet, or only a draft.
    expect((await share(mine, { items: ["positie"] })).status).toBe(404);
    const responseId = randomUUID();
    expect((await send(app, "PUT", `/api/respond/${mine}/draft`, { responseId, data: { positie: 3 } })).status).toBe(200);
    expect((await share(mine, { items: ["positie"] })).status).toBe(409);
    const data = { positie: 3, nodig: "Iemand om mee te sparren", steun: ["coaching", "tijd"], belemmering: "Te weinig tijd" };
    expect((await send(app, "POST", `/api/respond/${mine}/submit`, { responseId, data })).status).toBe(200);

    const created = await share(mine, { items: ["positie", "nodig", "steun"], name: "Sanne", message: "Voor ons gesprek van dinsdag", days: 14 });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; path: string; expiresAt: string; items: string[] };
    expect(body.path).toMatch(/^\/gedeeld\/[A-Za-z0-9_-]{43}$/);
    expect(body.items).toEqual(["positie", "nodig", "steun"]);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(13 * 86_400_000);
    // Only the hash of the link is kept.
    const [stored] = await db.sql<{ token_hash: string; content: unknown }[]>`select token_hash, content from shared_results where id = ${body.id}`;
    expect(stored!.token_hash).not.toBe(body.path.split("/").pop());
    expect(JSON.stringify(stored!.content)).not.toMatch(/consulent0@example\.org|Consulent 0/);

    const res = await opened(body.path);
    expect(res.status).toBe(200);
    const result = (await res.json()) as SharedResult;
    expect(result).toMatchObject({ sharedBy: "Sanne", message: "Voor ons gesprek van dinsdag", scan: { title: "Traptrede" } });
    expect(result.answers.map((a) => a.item)).toEqual(["positie", "nodig", "steun"]);
    const step = result.answers[0]!;
    expect(step.answer[0]).toMatch(/^3 \(Ik wil wel, maar/);
    expect(step.ladder).toMatchObject({ value: 3, target: [4, 5] });
    expect(step.ladder!.steps).toHaveLength(5);
    expect(result.answers[1]!.answer).toEqual(["Iemand om mee te sparren"]);
    expect(result.answers[2]!.answer).toEqual(["Individuele coaching", "Ruimte in tijd, bijvoorbeeld voor meedenkbijeenkomsten in de avond"]);
    // What was not picked is not there.
    expect(JSON.stringify(result)).not.toContain("Te weinig tijd");

    // The consultant sees their links; another consultant neither sees nor takes them back.
    const list = async (token: string) => ((await (await send(app, "GET", `/api/respond/${token}/shares`)).json()) as { shares: ShareSummary[] }).shares;
    expect((await list(mine)).map((s) => s.id)).toEqual([body.id]);
    const other = tokens[1]!;
    await send(app, "POST", `/api/respond/${other}/submit`, { responseId: randomUUID(), data: { positie: 5, nodig: "Niets" } });
    expect(await list(other)).toEqual([]);
    expect((await send(app, "DELETE", `/api/respond/${other}/shares/${body.id}`)).status).toBe(404);
    expect((await opened(body.path)).status).toBe(200);

    // Taken back: the link stops at once.
    expect((await send(app, "DELETE", `/api/respond/${mine}/shares/${body.id}`)).status).toBe(200);
    expect((await opened(body.path)).status).toBe(404);
    expect(await list(mine)).toEqual([]);
  });

  test("refuses what was not answered or is malformed, expires, and has a cap", async () => {
    const mine = tokens[2]!;
    await send(app, "POST", `/api/respond/${mine}/submit`, { responseId: randomUUID(), data: { positie: 4, nodig: "Intervisie" } });
    const bad = async (body: unknown, status: number, field?: string) => {
      const res = await share(mine, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (field) expect(((await res.json()) as { error: { issues: { field: string }[] } }).error.issues.map((i) => i.field)).toContain(field);
    };
    await bad({ items: ["belemmering"] }, 400, "items");
    await bad({ items: [] }, 400, "items");
    await bad({ items: ["positie"], days: 365 }, 400, "days");
    await bad({ items: ["positie"], extra: true }, 400);
    await bad("{", 400);
    expect((await share("x".repeat(43), { items: ["positie"] })).status).toBe(404);
    expect((await app.request("/api/shared/onbekend-maar-lang-genoeg-om-een-token-te-zijn-0123")).status).toBe(404);

    const short = (await (await share(mine, { items: ["positie"], days: 1 })).json()) as { id: string; path: string };
    await db.sql`update shared_results set expires_at = now() - interval '1 second' where id = ${short.id}`;
    expect((await opened(short.path)).status).toBe(404);

    for (let i = 0; i < 10; i++) expect((await share(mine, { items: ["positie"] })).status).toBe(201);
    const eleventh = await share(mine, { items: ["positie"] });
    expect([eleventh.status, ((await eleventh.json()) as { error: { code: string } }).error.code]).toEqual([409, "too-many-shares"]);
  });

  test("no admin route lists shared results, and deleting the round deletes them", async () => {
    const mine = tokens[3]!;
    await send(app, "POST", `/api/respond/${mine}/submit`, { responseId: randomUUID(), data: { positie: 2, nodig: "Begeleiding", belemmering: "Twijfel" } });
    const { path } = (await (await share(mine, { items: ["positie", "belemmering"] })).json()) as { path: string };
    const admin = { authorization: `Bearer ${adminToken}` };
    const report = await (await app.request(`/api/admin/reports/rounds/${roundId}`, { headers: admin })).text();
    expect(report).not.toContain(path.split("/").pop());
    expect(app.routes.filter((r) => r.path.startsWith("/api/admin") && /share/i.test(r.path))).toEqual([]);
    expect((await app.request(`/api/admin/rounds/${roundId}`, { method: "DELETE", headers: admin })).status).toBe(200);
    expect((await opened(path)).status).toBe(404);
    const [left] = await db.sql<{ n: number }[]>`select count(*)::int as n from shared_results where round_id = ${roundId}`;
    expect(left!.n).toBe(0);
  });
});
