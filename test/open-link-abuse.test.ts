// One client could swamp a round through its open link (issue 11, finding 4: 1,000 submits with
// fresh response ids in 45 s, all accepted). Now an open link has a cap and an hourly rate, set
// per round and kept in the database, and one browser (its device cookie) is one respondent.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import { miniAnswers, individualMiniScan } from "./fixtures/mini-scan.ts";
import { adminToken, createRoundVia, publishAs, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

describe.each(backends)("open-link limits on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let scanId: string;
  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    ({ scanId } = await publishAs(db.sql, individualMiniScan));
  });
  afterAll(async () => db?.close());

  const openRound = async (openLinkLimits?: Record<string, unknown>) => {
    const round = await createRoundVia(app, { scanId, openLink: true, respondents: [], ...(openLinkLimits ? { openLinkLimits } : {}) } as never);
    return { roundId: round.round.id, token: round.openToken! };
  };
  const submit = (token: string, cookie?: string, responseId = randomUUID(), data: Record<string, unknown> = miniAnswers) =>
    app.request(`/api/respond/${token}/submit`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ responseId, data }),
    });
  const adminCall = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const deviceCookieOf = (res: Response) => {
    const set = res.headers.get("set-cookie");
    return set ? set.split(";")[0]! : undefined;
  };

  test("a burst of fresh response ids stops at the link's hourly rate (with Retry-After), and the cap holds after it", async () => {
    const { roundId, token } = await openRound({ perHour: 5, maxResponses: 8 });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await submit(token);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(((await last!.json()) as any).error.code).toBe("open-link-busy");
    const retryAfter = Number(last!.headers.get("retry-after"));
    // A bucket of 5 an hour, empty: the next one is there in 12 minutes.
    expect(retryAfter).toBeGreaterThan(600);
    expect(retryAfter).toBeLessThanOrEqual(720);
    // An hour later the link takes new responses again, up to its cap.
    await db.sql`update rounds set open_link_bucket_at = open_link_bucket_at - interval '61 minutes' where id = ${roundId}`;
    await db.sql`update responses set created_at = created_at - interval '61 minutes' where round_id = ${roundId}`;
    const later: number[] = [];
    for (let i = 0; i < 4; i++) later.push((await submit(token)).status);
    expect(later).toEqual([200, 200, 200, 409]);
    expect(await adminCall("GET", `/api/admin/rounds/${roundId}/open-link`)).toEqual({
      status: 200,
      body: { limits: { maxResponses: 8, perHour: 5, onePerDevice: true }, usage: { admitted: 8, lastHour: 3 }, bursts: [], exclusions: [] },
    });
  });

  test("a retried submit is not counted again, also when the link's rate is used up", async () => {
    const { roundId, token } = await openRound({ perHour: 2, maxResponses: 10, onePerDevice: false });
    const id = randomUUID();
    expect((await submit(token, undefined, id)).status).toBe(200);
    expect((await submit(token)).status).toBe(200);
    expect((await submit(token, undefined, id)).status).toBe(200);
    expect((await submit(token)).status).toBe(429);
    expect((await adminCall("GET", `/api/admin/rounds/${roundId}/open-link`)).body.usage.admitted).toBe(2);
  });

  test("parallel submits do not slip past the rate", async () => {
    const { roundId, token } = await openRound({ perHour: 10 });
    const statuses = await Promise.all(Array.from({ length: 30 }, async () => (await submit(token)).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from responses where round_id = ${roundId}`;
    expect(row!.n).toBe(10);
  });

  test("one browser is one respondent: its device cookie finds its response, and a second one from it is refused", async () => {
    const { roundId, token } = await openRound();
    const page = await app.request(`/api/respond/${token}`);
    expect(page.status).toBe(200);
    const setCookie = page.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^peilstok_device=[A-Za-z0-9_-]{32}; Max-Age=\d+; Path=\/api\/respond; HttpOnly; SameSite=Lax$/);
    const cookie = deviceCookieOf(page)!;
    // The page offers no "next person" on this browser.
    expect(((await page.clone().json()) as any).round.sharedDevice).toBe(false);
    const mine = randomUUID();
    expect((await submit(token, cookie, mine)).status).toBe(200);
    // The same browser, a fresh id (a cleared page, or a script): refused, and told to reload.
    const again = await submit(token, cookie);
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).error.code).toBe("response-exists");
    // Reloading shows this browser its own response, without the id it remembered.
    const reload = await app.request(`/api/respond/${token}`, { headers: { cookie } });
    expect(((await reload.json()) as any).response).toMatchObject({ id: mine, status: "submitted" });
    // Another browser is another respondent; the device is stored per round, hashed.
    const other = await submit(token);
    expect(other.status).toBe(200);
    expect(deviceCookieOf(other)).toMatch(/^peilstok_device=/);
    const rows = await db.sql<{ device_hash: string }[]>`select device_hash from responses where round_id = ${roundId} order by created_at`;
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.device_hash)).not.toContain(cookie.split("=")[1]);
    expect(rows[0]!.device_hash).toMatch(/^[0-9a-f]{64}$/);
    // A personal link sets no device cookie.
    const personal = await createRoundVia(app, { scanId });
    expect((await app.request(`/api/respond/${personal.tokens[0]}`)).headers.get("set-cookie")).toBeNull();
  });

  test("a round answered on one shared device (interviews on a tablet) takes several responses from one browser; only admins change the limits", async () => {
    const { roundId, token } = await openRound();
    const set = await adminCall("PUT", `/api/admin/rounds/${roundId}/open-link`, { maxResponses: 50, perHour: 20, onePerDevice: false });
    expect(set).toEqual({ status: 200, body: { limits: { maxResponses: 50, perHour: 20, onePerDevice: false }, usage: { admitted: 0, lastHour: 0 }, bursts: [], exclusions: [] } });
    const page = await app.request(`/api/respond/${token}`);
    expect(((await page.clone().json()) as any).round.sharedDevice).toBe(true);
    const cookie = deviceCookieOf(page);
    expect((await submit(token, cookie)).status).toBe(200);
    expect((await submit(token, cookie)).status).toBe(200);
    const bad = await adminCall("PUT", `/api/admin/rounds/${roundId}/open-link`, { maxResponses: 0, perHour: 20, onePerDevice: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.field)).toEqual(["maxResponses"]);
    // Defaults for a round made without limits.
    const fresh = await openRound();
    expect((await adminCall("GET", `/api/admin/rounds/${fresh.roundId}/open-link`)).body.limits).toEqual({ maxResponses: 1000, perHour: 200, onePerDevice: true });
  });

  test("the report's open-link bursts: shown with how alike they are, excluded by an admin from every result, and put back", async () => {
    const { roundId, token } = await openRound();
    for (const missie of [3, 4, 5]) expect((await submit(token, undefined, randomUUID(), { ...miniAnswers, missie })).status).toBe(200);
    // Those three came in an hour before the burst.
    await db.sql`update responses set submitted_at = submitted_at - interval '1 hour' where round_id = ${roundId}`;
    for (let i = 0; i < 12; i++) expect((await submit(token)).status).toBe(200);
    const responses = async () => {
      const report = await adminCall("GET", `/api/admin/reports/rounds/${roundId}`);
      expect(report.status).toBe(200);
      return report.body.groups.find((g: any) => g.key === "all").responses as number;
    };
    expect(await responses()).toBe(15);
    const state = await adminCall("GET", `/api/admin/rounds/${roundId}/open-link`);
    expect(state.body.bursts).toHaveLength(1);
    const [burst] = state.body.bursts;
    expect(burst).toMatchObject({ responses: 12, answerSets: 1 });

    const excluded = await adminCall("POST", `/api/admin/rounds/${roundId}/open-link/exclusions`, { from: burst.from, to: burst.to });
    expect(excluded.status).toBe(200);
    expect(excluded.body).toMatchObject({ excluded: 12, bursts: [], exclusions: [{ from: burst.from, to: burst.to, responses: 12 }] });
    expect(await responses()).toBe(3);
    // Out of every result: the rows themselves moved out of the responses, kept apart.
    const [counts] = await db.sql<{ kept: number; apart: number }[]>`
      select (select count(*)::int from responses where round_id = ${roundId}) as kept,
        (select count(*)::int from excluded_responses e join open_link_exclusions x on x.id = e.exclusion_id where x.round_id = ${roundId}) as apart
    `;
    expect(counts).toEqual({ kept: 3, apart: 12 });
    expect((await adminCall("POST", `/api/admin/rounds/${roundId}/open-link/exclusions`, { from: burst.from, to: burst.to })).body.error.code).toBe(
      "nothing-to-exclude",
    );

    const restored = await adminCall("DELETE", `/api/admin/rounds/${roundId}/open-link/exclusions/${excluded.body.exclusions[0].id}`);
    expect(restored.body).toMatchObject({ restored: 12, exclusions: [], bursts: [{ responses: 12 }] });
    expect(await responses()).toBe(15);
  });
});
