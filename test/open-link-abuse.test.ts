// One client could swamp a round through its open link (issue 11, finding 4: 1,000 submits with
// fresh response ids in 45 s, all accepted). Now an open link has a cap and an hourly rate, set
// per round and kept in the database, and one browser (its device cookie) is one respondent.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import { miniAnswers, individualMiniScan } from "./fixtures/mini-scan.ts";
import { OpenLinkAdmissions } from "../server/respond/open-link.ts";
import { adminToken, createRoundVia, publishAs, testApp } from "./support/app.ts";
import { budget } from "./support/timing.ts";
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

  test("instances lease places a few at a time, never pass the cap together, and give unused places back once the link is quiet", async () => {
    const { roundId, token } = await openRound({ maxResponses: 40, perHour: 1000, onePerDevice: false });
    // Two instances of the app on one database, each with its own leases.
    const leases = [new OpenLinkAdmissions(db.sql, { idleMs: 100 }), new OpenLinkAdmissions(db.sql, { idleMs: 100 })];
    const apps = leases.map((admissions) => testApp(db.sql, { admissions }));
    const submitTo = (instance: App, responseId = randomUUID()) =>
      instance.request(`/api/respond/${token}/submit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ responseId, data: miniAnswers }),
      });
    const stored = async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from responses where round_id = ${roundId}`)[0]!.n;
    const admitted = async () => (await adminCall("GET", `/api/admin/rounds/${roundId}/open-link`)).body.usage.admitted as number;

    // A burst through both: leases grow (1, 2, 4, ...), each instance taking places from the row
    // a few at a time. Once quiet, each gives back what it did not use: the row counts what is stored.
    const first = await Promise.all(Array.from({ length: 24 }, (_, i) => submitTo(apps[i % 2]!)));
    expect(first.map((r) => r.status)).toEqual(Array(24).fill(200));
    await expect.poll(admitted, { timeout: budget(10_000) }).toBe(24);

    // A retry of a stored response takes a place and gives it back: not counted again.
    const retryId = randomUUID();
    expect((await submitTo(apps[0]!, retryId)).status).toBe(200);
    expect((await submitTo(apps[0]!, retryId)).status).toBe(200);
    expect((await submitTo(apps[1]!, retryId)).status).toBe(200);
    await expect.poll(admitted, { timeout: budget(10_000) }).toBe(25);

    // A burst past the cap: the places leased but not yet used count as taken, so the two
    // instances together never store more than the cap.
    const second = await Promise.all(Array.from({ length: 40 }, (_, i) => submitTo(apps[i % 2]!)));
    const ok = second.filter((r) => r.status === 200).length;
    expect(ok).toBeGreaterThan(0);
    expect(ok).toBeLessThanOrEqual(15);
    for (const refused of second.filter((r) => r.status !== 200)) {
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as any).error.code).toBe("open-link-full");
    }
    expect(await stored()).toBe(25 + ok);
    await expect.poll(admitted, { timeout: budget(10_000) }).toBe(25 + ok);
    // Then the rest, one at a time through either instance, up to the cap exactly.
    let i = 0;
    while ((await stored()) < 40) expect((await submitTo(apps[i++ % 2]!)).status).toBe(200);
    await expect.poll(admitted, { timeout: budget(10_000) }).toBe(40);
    const full = await submitTo(apps[1]!);
    expect(full.status).toBe(409);
    expect(((await full.json()) as any).error.code).toBe("open-link-full");
    // Shutting down gives back what an instance still holds (here: nothing left to give).
    await Promise.all(leases.map((l) => l.close()));
    expect(await admitted()).toBe(40);
    expect(await stored()).toBe(40);
  });

  test("places held at shutdown go back to the round; a submit that stores nothing takes none", async () => {
    const { roundId, token } = await openRound({ maxResponses: 100, perHour: 1000 });
    const admissions = new OpenLinkAdmissions(db.sql, { idleMs: 60_000 });
    const instance = testApp(db.sql, { admissions });
    const submitAs = (cookie?: string) =>
      instance.request(`/api/respond/${token}/submit`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ responseId: randomUUID(), data: miniAnswers }),
      });
    // Quick submits grow the lease beyond what they use.
    const first = await submitAs();
    const cookie = deviceCookieOf(first)!;
    for (let n = 0; n < 4; n++) expect((await submitAs()).status).toBe(200);
    // The same browser again: refused (one per device), and its place goes back to the lease.
    expect((await submitAs(cookie)).status).toBe(409);
    const held = (await adminCall("GET", `/api/admin/rounds/${roundId}/open-link`)).body.usage.admitted as number;
    expect(held).toBeGreaterThan(5);
    await admissions.close();
    expect((await adminCall("GET", `/api/admin/rounds/${roundId}/open-link`)).body.usage.admitted).toBe(5);
  });

  test("new limits hold at once: an admin lowering the cap takes back the places this instance had leased", async () => {
    const { roundId, token } = await openRound({ maxResponses: 100, perHour: 1000, onePerDevice: false });
    const admissions = new OpenLinkAdmissions(db.sql, { idleMs: 60_000 });
    const instance = testApp(db.sql, { admissions });
    const submitOnce = () =>
      instance.request(`/api/respond/${token}/submit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ responseId: randomUUID(), data: miniAnswers }),
      });
    for (let n = 0; n < 5; n++) expect((await submitOnce()).status).toBe(200);
    const usage = async () => (await adminCall("GET", `/api/admin/rounds/${roundId}/open-link`)).body.usage.admitted as number;
    expect(await usage()).toBeGreaterThan(5);
    // Through this instance, as an admin on its round page would.
    const put = await instance.request(`/api/admin/rounds/${roundId}/open-link`, {
      method: "PUT",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ maxResponses: 6, perHour: 1000, onePerDevice: false }),
    });
    expect(put.status).toBe(200);
    expect(await usage()).toBe(5);
    expect((await submitOnce()).status).toBe(200);
    const full = await submitOnce();
    expect(full.status).toBe(409);
    expect(((await full.json()) as any).error.code).toBe("open-link-full");
    await admissions.close();
    expect(await usage()).toBe(6);
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
    // Responses are not kept per device here: no device cookie is handed out.
    expect(deviceCookieOf(page)).toBeUndefined();
    const first = await submit(token);
    expect(first.status).toBe(200);
    expect(deviceCookieOf(first)).toBeUndefined();
    expect((await submit(token)).status).toBe(200);
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
