import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import { countAnswers } from "../server/respond/answers-queries.ts";
import { findRespondent } from "../server/invitations/respondents-queries.ts";
import { numericTallies } from "../server/reports/tallies.ts";
import { ownerHash } from "../server/lib/tokens.ts";
import { miniAnswers, individualMiniScan, miniScan } from "./fixtures/mini-scan.ts";
import { createRoundVia, publishAs, send, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

describe.each(backends)("respondent API on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let scanId: string;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    ({ scanId } = await publishAs(db.sql, individualMiniScan));
  });
  afterAll(async () => db?.close());

  const submit = (token: string, responseId: string, data: unknown) =>
    send(app, "POST", `/api/respond/${token}/submit`, { responseId, data });
  const draft = (token: string, responseId: string, data: unknown) =>
    send(app, "PUT", `/api/respond/${token}/draft`, { responseId, data });
  const form = async (token: string, query = "") => {
    const res = await app.request(`/api/respond/${token}${query}`);
    return { status: res.status, body: (await res.json()) as any };
  };
  async function issuesOf(res: Response) {
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    return body.error.issues.map((i: any) => [i.field, i.reason]);
  }

  test("creating a round returns one unguessable personal link per respondent, stored hashed", async () => {
    const round = await createRoundVia(app, { scanId, openLink: true });
    expect(round.tokens).toHaveLength(2);
    for (const token of [...round.tokens, round.openToken!]) {
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
    const stored = await db.sql`select token_hash from respondents where round_id = ${round.round.id}`;
    expect(stored.map((r) => r.token_hash)).not.toContain(round.tokens[0]);
    const listed = await app.request("/api/admin/rounds", {
      headers: { authorization: "Bearer test-admin-token-0123456789abcdef" },
    });
    const rounds = ((await listed.json()) as any).rounds;
    expect(rounds.find((r: any) => r.id === round.round.id).counts).toEqual({
      respondents: 2,
      drafts: 0,
      submitted: 0,
    });
  });

  test("admin routes refuse requests without the admin token", async () => {
    const res = await app.request("/api/admin/rounds");
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe("unauthorized");
  });

  test("a respondent opens, autosaves, resumes and submits; answers are stored one row per field", async () => {
    const { tokens, links } = await createRoundVia(app, { scanId });
    const token = tokens[0]!;
    const respondentId = links[0]!.respondentId;
    const first = await form(token);
    expect(first.status).toBe(200);
    expect(first.body.round.state).toBe("open");
    expect(first.body.scanVersion.scan).toBe(scanId);
    expect(first.body.survey).toEqual(miniScan.survey);
    expect(first.body.response).toBeNull();
    expect((await findRespondent(db.sql, respondentId))?.status).toBe("opened");

    const id = randomUUID();
    const saved = await draft(token, id, { missie: 4 });
    expect(saved.status).toBe(200);
    expect((await findRespondent(db.sql, respondentId))?.status).toBe("started");
    const resumed = await form(token);
    expect(resumed.body.response).toMatchObject({ id, status: "draft", data: { missie: 4 } });

    const res = await submit(token, id, miniAnswers);
    expect(res.status).toBe(200);
    const ack = (await res.json()) as any;
    expect(ack.responseId).toBe(id);
    const after = await form(token);
    expect(after.body.response).toMatchObject({ id, status: "submitted", data: miniAnswers });
    expect(after.body.response.submittedAt).toBe(ack.submittedAt);
    expect((await findRespondent(db.sql, respondentId))?.status).toBe("submitted");
    // missie, samen×2, fase, rol, kanalen×2, beleid
    expect(await countAnswers(db.sql, id)).toBe(8);
    const rows = await db.sql`
      select item_id, side, value_num, value_text from answers where response_id = ${id}
      order by item_id, side, value_text
    `;
    expect(rows.find((r) => r.item_id === "samen" && r.side === "desired")?.value_num).toBe(4);
    expect(rows.filter((r) => r.item_id === "kanalen").map((r) => r.value_text)).toEqual(["balie", "mail"]);
    // The report tallies count a one-statement submit when a report next asks.
    const [response] = await db.sql<{ round_id: string }[]>`select round_id from responses where id = ${id}`;
    const tallied = await numericTallies(db.sql, [response!.round_id]);
    expect(tallied.reduce((sum, r) => sum + r.count, 0)).toBe(rows.filter((r) => r.value_num !== null).length);
  });

  test("a retried submit with the same response id stores once and answers the same", async () => {
    const { tokens } = await createRoundVia(app, { scanId, allowEdit: false });
    const id = randomUUID();
    const [a, b] = await Promise.all([submit(tokens[0]!, id, miniAnswers), submit(tokens[0]!, id, miniAnswers)]);
    const c = await submit(tokens[0]!, id, miniAnswers);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    const bodies = await Promise.all([a.json(), b.json(), c.json()]);
    expect(new Set(bodies.map((x: any) => x.submittedAt)).size).toBe(1);
    expect(await countAnswers(db.sql, id)).toBe(8);
    const [row] = await db.sql<{ count: number }[]>`select count(*)::int as count from responses where id = ${id}`;
    expect(row?.count).toBe(1);
  });

  test("re-submitting while the round is open and editable replaces the answers", async () => {
    const { tokens } = await createRoundVia(app, { scanId, allowEdit: true });
    const id = randomUUID();
    expect((await submit(tokens[0]!, id, miniAnswers)).status).toBe(200);
    const changed = { ...miniAnswers, missie: 2, "missie-toelichting": "nog niet besproken", kanalen: [] };
    expect((await submit(tokens[0]!, id, changed)).status).toBe(200);
    const rows = await db.sql`select item_id, value_num, value_text from answers where response_id = ${id}`;
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r.item_id === "missie")?.value_num).toBe(2);
    expect(rows.find((r) => r.item_id === "missie-toelichting")?.value_text).toBe("nog niet besproken");
  });

  test("changing submitted answers is refused with 409 when the round does not allow editing", async () => {
    const { tokens } = await createRoundVia(app, { scanId, allowEdit: false });
    const id = randomUUID();
    expect((await submit(tokens[0]!, id, miniAnswers)).status).toBe(200);
    const res = await submit(tokens[0]!, id, { ...miniAnswers, missie: 5 });
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error.code).toBe("edit-not-allowed");
    const rows = await db.sql`select value_num from answers where response_id = ${id} and item_id = 'missie'`;
    expect(rows[0]?.value_num).toBe(4);
  });

  describe("rejects invalid submissions with the field and the reason, storing nothing", () => {
    let token: string;
    beforeAll(async () => {
      token = (await createRoundVia(app, { scanId })).tokens[0]!;
    });
    const cases: [string, Record<string, unknown>, [string, string][]][] = [
      ["an unknown item", { ...miniAnswers, bestaatniet: 3 }, [["bestaatniet", "unknown-item"]]],
      ["a value off the scale", { ...miniAnswers, missie: 6 }, [["missie", "off-scale"]]],
      ["a value below the scale", { ...miniAnswers, samen__current: 0 }, [["samen__current", "off-scale"]]],
      ["a value that is not an option", { ...miniAnswers, rol: "directeur" }, [["rol", "not-allowed"]]],
      ["an option that does not exist in a multi", { ...miniAnswers, kanalen: ["fax"] }, [["kanalen", "not-allowed"]]],
      ["a missing required answer", { ...miniAnswers, beleid: undefined }, [["beleid", "required"]]],
      [
        "a missing answer to a question shown by an earlier answer",
        { ...miniAnswers, missie: 1 },
        [["missie-toelichting", "required"]],
      ],
      ["a string where a number belongs", { ...miniAnswers, missie: "4" }, [["missie", "wrong-type"]]],
      ["a fraction on a scale", { ...miniAnswers, fase: 1.5 }, [["fase", "wrong-type"]]],
      ["a list where one choice belongs", { ...miniAnswers, rol: ["docent"] }, [["rol", "wrong-type"]]],
      [
        "an open answer that is too long",
        { ...miniAnswers, missie: 1, "missie-toelichting": "x".repeat(2001) },
        [["missie-toelichting", "too-long"]],
      ],
    ];
    test.each(cases)("%s", async (_name, data, expected) => {
      const id = randomUUID();
      expect(await issuesOf(await submit(token, id, data))).toEqual(expected);
      const [row] = await db.sql<{ count: number }[]>`select count(*)::int as count from responses where id = ${id}`;
      expect(row?.count).toBe(0);
    });

    test("a hidden question is not required, and an answer to it is not stored", async () => {
      const id = randomUUID();
      const res = await submit(token, id, { ...miniAnswers, missie: 4, "missie-toelichting": "weg" });
      expect(res.status).toBe(200);
      const rows = await db.sql`select item_id from answers where response_id = ${id}`;
      expect(rows.map((r) => r.item_id)).not.toContain("missie-toelichting");
    });

    test("malformed JSON", async () => {
      const res = await send(app, "POST", `/api/respond/${token}/submit`, '{"responseId": ');
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.code).toBe("malformed-json");
    });

    test("answers that are not an object", async () => {
      for (const data of [[1, 2], "4", null]) {
        expect(await issuesOf(await submit(token, randomUUID(), data))).toEqual([["data", "invalid"]]);
      }
    });

    test("a response id that is not a UUID", async () => {
      expect(await issuesOf(await submit(token, "1234", miniAnswers))).toEqual([["responseId", "invalid"]]);
    });

    test("an oversized body is refused with 413", async () => {
      const res = await submit(token, randomUUID(), { ...miniAnswers, opmerking: "x".repeat(300_000) });
      expect(res.status).toBe(413);
      expect(((await res.json()) as any).error.code).toBe("body-too-large");
    });
  });

  test("a closed round shows the answers read-only and refuses drafts and submits with 409", async () => {
    const { round, tokens } = await createRoundVia(app, { scanId });
    const id = randomUUID();
    expect((await submit(tokens[0]!, id, miniAnswers)).status).toBe(200);
    await db.sql`
      update rounds set opens_at = now() - interval '2 days', closes_at = now() - interval '1 day'
      where id = ${round.id}
    `;
    const shown = await form(tokens[0]!);
    expect(shown.body.round.state).toBe("closed");
    expect(shown.body.response).toMatchObject({ id, status: "submitted", data: miniAnswers });
    for (const res of [await submit(tokens[0]!, id, miniAnswers), await draft(tokens[1]!, randomUUID(), {})]) {
      expect(res.status).toBe(409);
      expect(((await res.json()) as any).error.code).toBe("round-closed");
    }
  });

  test("a round that has not opened yet refuses answers with 409", async () => {
    const { tokens } = await createRoundVia(app, {
      scanId,
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect((await form(tokens[0]!)).body.round.state).toBe("not-yet-open");
    const res = await submit(tokens[0]!, randomUUID(), miniAnswers);
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error.code).toBe("round-not-open");
  });

  test("one token never reads or overwrites another person's response", async () => {
    const { tokens } = await createRoundVia(app, { scanId });
    const [anna, bram] = [tokens[0]!, tokens[1]!];
    const annasId = randomUUID();
    expect((await submit(anna, annasId, miniAnswers)).status).toBe(200);

    expect((await form(bram)).body.response).toBeNull();
    expect((await form(bram, `?response=${annasId}`)).body.response).toBeNull();
    const overwrite = await submit(bram, annasId, { ...miniAnswers, missie: 1, "missie-toelichting": "x" });
    expect(overwrite.status).toBe(409);
    expect(((await overwrite.json()) as any).error.code).toBe("response-id-taken");
    expect((await draft(bram, annasId, { missie: 1 })).status).toBe(409);
    expect((await form(anna)).body.response.data).toEqual(miniAnswers);
  });

  test("an unknown token is 404, and a personal link keeps one response", async () => {
    expect((await form("A".repeat(43))).status).toBe(404);
    expect((await form("kort")).status).toBe(404);
    const { tokens } = await createRoundVia(app, { scanId });
    expect((await draft(tokens[0]!, randomUUID(), { missie: 3 })).status).toBe(200);
    const second = await submit(tokens[0]!, randomUUID(), miniAnswers);
    expect(second.status).toBe(409);
    expect(((await second.json()) as any).error.code).toBe("response-exists");
  });

  test("an anonymous round stores no link between the token and the answers", async () => {
    const { round, tokens, links } = await createRoundVia(app, { scanId, anonymous: true });
    const id = randomUUID();
    expect((await submit(tokens[0]!, id, miniAnswers)).status).toBe(200);
    const [row] = await db.sql`select respondent_id, owner_hash, team from responses where id = ${id}`;
    expect(row).toEqual({ respondent_id: null, owner_hash: ownerHash(tokens[0]!), team: "noord" });
    expect((await form(tokens[0]!)).body.response).toMatchObject({ id, status: "submitted" });
    expect((await form(tokens[1]!)).body.response).toBeNull();
    // Response rate still works: the respondent is marked, at day precision only.
    const [person] = await db.sql`select status, updated_at from respondents where id = ${links[0]!.respondentId}`;
    expect(person!.status).toBe("submitted");
    expect((person!.updated_at as Date).getUTCHours() + (person!.updated_at as Date).getUTCMinutes()).toBe(0);
    const linked = await db.sql`
      select count(*)::int as count from responses where round_id = ${round.id} and respondent_id is not null
    `;
    expect(linked[0]!.count).toBe(0);
  });

  test("an open link shows each browser only the response it remembers", async () => {
    const { openToken } = await createRoundVia(app, { scanId, openLink: true, respondents: [] });
    const mine = randomUUID();
    const theirs = randomUUID();
    expect((await submit(openToken!, mine, miniAnswers)).status).toBe(200);
    expect((await draft(openToken!, theirs, { missie: 2 })).status).toBe(200);
    expect((await form(openToken!)).body.response).toBeNull();
    expect((await form(openToken!, `?response=${mine}`)).body.response).toMatchObject({ id: mine, status: "submitted" });
    expect((await form(openToken!, `?response=${theirs}`)).body.response).toMatchObject({ id: theirs, status: "draft" });
    expect((await form(openToken!, `?response=${randomUUID()}`)).body.response).toBeNull();
    const [row] = await db.sql`select respondent_id, open_link from responses where id = ${mine}`;
    expect(row).toEqual({ respondent_id: null, open_link: true });
  });

  test("the public endpoints are rate limited per client with Retry-After", async () => {
    const limited = testApp(db.sql, { rateLimit: { burst: 3, perSecond: 0.5 } });
    const { tokens } = await createRoundVia(app, { scanId });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await limited.request(`/api/respond/${tokens[0]}`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await last!.json()) as any).error.code).toBe("rate-limited");
  });

  test("responses are served with secure headers and a CSP that allows SurveyJS's inline styles", async () => {
    const { tokens } = await createRoundVia(app, { scanId });
    const res = await app.request(`/api/respond/${tokens[0]}`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
