// Abuse resistance on the respondent side (issue 11, finding 7): the respondent endpoints' limits
// are per link token, so people behind one NAT address do not share one budget; a client's
// address comes only from the configured trusted proxy header; "send a reminder now" is capped.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addressFactor } from "../server/lib/rate-limit.ts";
import { individualMiniScan } from "./fixtures/mini-scan.ts";
import { createRoundVia, publishAs, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { admin, day, emptyRound, mailSetup } from "./support/mail.ts";

const randomToken = () => randomBytes(32).toString("base64url");

describe.each(backends)("respondent limits and the reminder cap on %s", (backend) => {
  let db: TestDb;
  let scanId: string;
  beforeAll(async () => {
    db = await openTestDb(backend);
    ({ scanId } = await publishAs(db.sql, individualMiniScan));
  });
  afterAll(async () => db?.close());

  test("each link has its own budget: two people behind one address both get theirs", async () => {
    // Refills far slower than the test runs: what passes is the burst alone.
    const limited = testApp(db.sql, { rateLimit: { burst: 3, perSecond: 0.001 } });
    const { tokens } = await createRoundVia(limited, { scanId });
    const statuses = async (token: string, n: number) => {
      const seen: number[] = [];
      for (let i = 0; i < n; i++) seen.push((await limited.request(`/api/respond/${token}`)).status);
      return seen;
    };
    expect(await statuses(tokens[0]!, 4)).toEqual([200, 200, 200, 429]);
    // The same (socket) address, another link: a fresh budget.
    expect(await statuses(tokens[1]!, 4)).toEqual([200, 200, 200, 429]);
  });

  test("one address gets many links' worth in all, and a forged X-Forwarded-For buys nothing unless that header is the trusted one", async () => {
    const limit = { burst: 2, perSecond: 0.001 };
    const perAddress = limit.burst * addressFactor;
    const spray = async (app: ReturnType<typeof testApp>, n: number, address: (i: number) => string) => {
      const seen = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        // Unknown tokens: each is its own link, so only the address budget can stop them.
        const res = await app.request(`/api/respond/${randomToken()}`, { headers: { "x-forwarded-for": address(i) } });
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
      }
      return Object.fromEntries(seen);
    };
    // No trusted proxy: the header is the client's own claim and is ignored.
    const direct = testApp(db.sql, { rateLimit: limit });
    expect(await spray(direct, perAddress + 5, (i) => `198.51.100.${i % 250}`)).toEqual({ 404: perAddress, 429: 5 });
    // Behind a proxy that sets X-Forwarded-For (its entry is the last one): each address has its own budget.
    const proxied = testApp(db.sql, { rateLimit: limit, trustedProxyHeader: "x-forwarded-for" });
    expect(await spray(proxied, perAddress + 5, (i) => `10.0.0.1, 198.51.100.${i % 2}`)).toEqual({ 404: perAddress + 5 });
    // ... and a client that forges an earlier entry is still counted by the proxy's.
    expect(await spray(proxied, perAddress + 5, (i) => `203.0.113.${i % 250}, 198.51.100.7`)).toEqual({ 404: perAddress, 429: 5 });
  });

  test('"send a reminder now" reaches each person at most once a day and five times in all', async () => {
    const { app, invitations, clock } = mailSetup(db.sql);
    const roundId = await emptyRound(app, scanId, clock(), 60);
    await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents`, {
      respondents: [
        { name: "Ria", email: "ria@example.org" },
        { name: "Sem", email: "sem@example.org" },
      ],
      invite: true,
    });
    await invitations.sendDue();
    clock.advance(2 * 60_000);
    const remind = () => admin(app, "POST", `/api/admin/rounds/${roundId}/reminders`, {});
    expect(await remind()).toEqual({ status: 202, body: { queued: 2, withoutLink: 0, capped: 0 } });
    await invitations.sendDue();
    // Pressed again within the day: nothing goes out, and the admin is told why.
    clock.advance(60 * 60_000);
    const again = await remind();
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe("reminder-cap");
    expect(again.body.error.message).toContain(new Date(clock().getTime() - 60 * 60_000 + day).toISOString().slice(0, 16));
    // Someone added later is reminded; those reminded today are counted as skipped.
    const late = await admin(app, "POST", `/api/admin/rounds/${roundId}/respondents`, {
      respondents: [{ name: "Tom", email: "tom@example.org" }],
      invite: true,
    });
    expect(late.status).toBe(201);
    await invitations.sendDue();
    clock.advance(2 * 60_000);
    expect(await remind()).toEqual({ status: 202, body: { queued: 1, withoutLink: 0, capped: 2 } });
    await invitations.sendDue();
    // A day later it works again, up to five reminders per person.
    for (let n = 2; n <= 5; n++) {
      clock.advance(day);
      expect((await remind()).body.queued).toBe(3);
      await invitations.sendDue();
    }
    clock.advance(day);
    const done = await remind();
    expect(done.status).toBe(429);
    expect(done.body.error.message).toContain("no more reminders can be sent to them");
    const [row] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from mails where round_id = ${roundId} and kind = 'reminder'
    `;
    expect(row!.n).toBe(15);
  });
});
