// The privacy floor (issue 11, finding 1): no role and no API call creates or changes a round
// below the organisation's minimum group size, every output applies it, and a scan answered by a
// team together goes to teams only.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import { individualMiniScan, miniAnswers, miniScan } from "./fixtures/mini-scan.ts";
import { sessionAs, type TestSession } from "./support/accounts.ts";
import { adminToken, publicUrl, publishAs, send, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

const bearer = { authorization: `Bearer ${adminToken}`, "content-type": "application/json" };

describe.each(backends)("privacy floor on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let individualScan: string;
  let teamScan: string;
  let admin: TestSession;
  let leader: TestSession;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    ({ scanId: individualScan } = await publishAs(db.sql, individualMiniScan));
    ({ scanId: teamScan } = await publishAs(db.sql, miniScan));
    admin = await sessionAs(app, db.sql, "admin");
    leader = await sessionAs(app, db.sql, "teamleader", ["Noord"]);
  });
  afterEach(async () => {
    await db.sql`update settings set min_group_size = 5`;
  });
  afterAll(async () => db?.close());

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = bearer) {
    const res = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  }

  const people = (n: number, team?: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => ({ name: `Persoon ${i}`, email: `p${i}-${randomUUID().slice(0, 6)}@example.org`, ...(team ? { team: team(i) } : {}) }));

  function roundBody(extra: Record<string, unknown> = {}) {
    return {
      scanId: individualScan,
      title: "Ronde",
      group: "Noord",
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      respondents: [],
      ...extra,
    };
  }

  const setFloor = async (minGroupSize: number) => {
    const res = await call("PATCH", "/api/admin/settings", { minGroupSize }, admin.headers());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  test("the floor is 5 by default; an admin changes it in one place, never below 3, naming only known settings", async () => {
    expect((await call("GET", "/api/admin/settings", undefined, admin.headers())).body.settings).toMatchObject({ minGroupSize: 5 });
    for (const bad of [{ minGroupSize: 2 }, { minGroupSize: 0 }, { minGroupSize: 4.5 }, { minGroupSize: "7" }, {}, { minGroupSize: 6, unknown: 1 }]) {
      const res = await call("PATCH", "/api/admin/settings", bad, admin.headers());
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe("invalid-body");
    }
    const changed = await call("PATCH", "/api/admin/settings", { minGroupSize: 3 }, admin.headers());
    expect(changed.body.settings).toMatchObject({ minGroupSize: 3 });
    expect((await call("GET", "/api/admin/settings", undefined, bearer)).body.settings).toMatchObject({ minGroupSize: 3 });
    // Nor can anyone get below 3 past the API.
    await expect(db.sql`update settings set min_group_size = 2`).rejects.toThrow();
  });

  test("a teamleader can neither change the floor nor create a round below it; nor can an admin", async () => {
    expect((await call("PATCH", "/api/admin/settings", { minGroupSize: 3 }, leader.headers())).status).toBe(403);
    expect((await call("GET", "/api/admin/settings", undefined, leader.headers())).status).toBe(403);
    for (const [who, headers] of [["token", bearer], ["admin", admin.headers()], ["teamleader", leader.headers()]] as const) {
      for (const minGroupSize of [1, 2, 3, 4]) {
        const res = await call("POST", "/api/admin/rounds", roundBody({ minGroupSize, respondents: people(2) }), headers);
        expect(res.status, `${who} ${minGroupSize}`).toBe(400);
        expect(res.body.error.code).toBe("below-privacy-floor");
        expect(res.body.error.issues[0].field).toBe("minGroupSize");
      }
      const fine = await call("POST", "/api/admin/rounds", roundBody({ minGroupSize: 6 }), headers);
      expect(fine.status, who).toBe(201);
      expect(fine.body.round.minGroupSize).toBe(6);
      const byDefault = await call("POST", "/api/admin/rounds", roundBody(), headers);
      expect(byDefault.body.round.minGroupSize).toBe(5);
    }
    // An admin who raises the floor raises the default with it and refuses what was fine before.
    await setFloor(7);
    expect((await call("POST", "/api/admin/rounds", roundBody(), leader.headers())).body.round.minGroupSize).toBe(7);
    expect((await call("POST", "/api/admin/rounds", roundBody({ minGroupSize: 6 }), admin.headers())).status).toBe(400);
    // Nothing written so far holds a round below the floor.
    const [lowest] = await db.sql<{ min: number }[]>`select min(min_group_size)::int as min from rounds`;
    expect(lowest!.min).toBeGreaterThanOrEqual(5);
  });

  test("the database refuses a round below the floor whatever code writes it, and leaves older rounds alone when the floor rises", async () => {
    const created = await call("POST", "/api/admin/rounds", roundBody(), bearer);
    const id = created.body.round.id as string;
    await expect(db.sql`update rounds set min_group_size = 2 where id = ${id}`).rejects.toThrow(/privacy floor/);
    await expect(
      db.sql`
        insert into rounds (id, scan_version_id, title, group_name, opens_at, closes_at, anonymous, allow_edit, min_group_size)
        select ${randomUUID()}, scan_version_id, 'x', 'Noord', now(), now() + interval '1 day', false, true, 1 from rounds where id = ${id}
      `,
    ).rejects.toThrow(/privacy floor/);
    await setFloor(8);
    // A change that leaves the minimum as it was still works on a round now below the floor.
    await db.sql`update rounds set title = 'Hernoemd', min_group_size = min_group_size where id = ${id}`;
    await expect(db.sql`update rounds set min_group_size = 6 where id = ${id}`).rejects.toThrow(/privacy floor/);
  });

  test("the next round of a series is opened at the floor, also when the floor rose after the last round (admin and teamleader)", async () => {
    for (const headers of [admin.headers(), leader.headers()]) {
      await db.sql`update settings set min_group_size = 5`;
      const first = await call("POST", "/api/admin/rounds", roundBody({ respondents: people(3) }), headers);
      const series = await call("POST", "/api/admin/series", { roundId: first.body.round.id, title: "Reeks" }, headers);
      expect(series.status).toBe(201);
      await setFloor(9);
      const next = await call("POST", `/api/admin/series/${series.body.id}/open-next`, undefined, headers);
      expect(next.status, JSON.stringify(next.body)).toBe(201);
      const [row] = await db.sql<{ min_group_size: number }[]>`select min_group_size from rounds where id = ${next.body.roundId}`;
      expect(row!.min_group_size).toBe(9);
    }
  });

  /** A round of `n` respondents who all submit; then closed, so its numbers may be shown. */
  async function answeredRound(n: number, minGroupSize?: number) {
    const created = await call("POST", "/api/admin/rounds", roundBody({ respondents: people(n), ...(minGroupSize ? { minGroupSize } : {}) }), bearer);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const tokens = (created.body.links as { url: string }[]).map((l) => l.url.slice(`${publicUrl}/r/`.length));
    const responses: string[] = [];
    for (const [i, token] of tokens.entries()) {
      const responseId = randomUUID();
      const res = await send(app, "POST", `/api/respond/${token}/submit`, { responseId, data: { ...miniAnswers, missie: 1 + (i % 5), "missie-toelichting": "x" } });
      expect(res.status).toBe(200);
      responses.push(responseId);
    }
    const id = created.body.round.id as string;
    await db.sql`update rounds set opens_at = now() - interval '2 days', closes_at = now() - interval '1 second' where id = ${id}`;
    return { id, tokens, responses };
  }

  test("report, export, series and own view apply a floor raised after the round was made", async () => {
    const round = await answeredRound(6);
    const before = await call("GET", `/api/admin/reports/rounds/${round.id}`);
    expect(before.body.groups[0].disclosure.status).toBe("shown");
    expect(before.body.round.minGroupSize).toBe(5);

    await setFloor(7);
    const report = await call("GET", `/api/admin/reports/rounds/${round.id}`);
    expect(report.body.round.minGroupSize).toBe(7);
    expect(report.body.groups[0].disclosure).toEqual({ status: "too-few", needed: 1 });
    expect(report.body.groups[0].results).toBeNull();

    const series = await call("GET", `/api/admin/reports/rounds/${round.id}/series`);
    expect(series.body.rounds.at(-1).disclosure.status).toBe("too-few");
    expect(Object.values(series.body.rounds.at(-1).means).every((m) => m === null)).toBe(true);

    const csv = await (await app.request(`/api/admin/reports/rounds/${round.id}/export.csv`, { headers: bearer })).text();
    const rows = csv.trim().split("\r\n").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    // Columns option … wants_more are empty and the note says why (`;` between cells, see export-cells.ts).
    for (const row of rows) expect(row).toMatch(/;;;;;;;;Nog 1 antwoord nodig/);

    const own = await app.request(`/api/respond/${round.tokens[0]}/report`);
    const ownBody = (await own.json()) as any;
    expect(ownBody.group.results).toBeNull();
    expect(ownBody.group.disclosure.status).toBe("too-few");
  });

  test("a respondent's own view of a small group never shows the group, so nobody can subtract themselves", async () => {
    // The old API let anyone make a 2-person round with a minimum of 1.
    expect((await call("POST", "/api/admin/rounds", roundBody({ minGroupSize: 1, respondents: people(2) }), leader.headers())).status).toBe(400);
    await setFloor(3);
    const round = await answeredRound(3, 3);
    const report = await call("GET", `/api/admin/reports/rounds/${round.id}`);
    expect(report.body.groups[0].disclosure.status).toBe("shown");
    // Each of the three knows their own answers: the other two are fewer than 3.
    for (const token of round.tokens) {
      const own = (await (await app.request(`/api/respond/${token}/report`)).json()) as any;
      expect(own.group.disclosure).toEqual({ status: "too-few", needed: 1 });
      expect(own.group.results).toBeNull();
      expect(JSON.stringify(own.group)).not.toContain('"sum"');
    }
  });

  describe("a scan answered by a team together", () => {
    const teamRound = (extra: Record<string, unknown> = {}) => roundBody({ scanId: teamScan, ...extra });

    test("never gets an open link, from any role", async () => {
      for (const headers of [bearer, admin.headers(), leader.headers()]) {
        const res = await call("POST", "/api/admin/rounds", teamRound({ openLink: true }), headers);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("team-scan-open-link");
      }
    });

    test("goes to teams, one link per team, the team named (or the round's group)", async () => {
      const twoPeople = await call("POST", "/api/admin/rounds", teamRound({ respondents: people(2) }), leader.headers());
      expect(twoPeople.status).toBe(409);
      expect(twoPeople.body.error.code).toBe("team-has-link");
      expect(twoPeople.body.error.issues).toEqual([expect.objectContaining({ field: "respondents.1.team" })]);
      const sameTeam = await call("POST", "/api/admin/rounds", teamRound({ respondents: people(2, () => "Rood") }), admin.headers());
      expect(sameTeam.status).toBe(409);
      const groupTwice = await call("POST", "/api/admin/rounds", teamRound({ respondents: [...people(1), ...people(1, () => "Noord")] }), bearer);
      expect(groupTwice.status).toBe(409);

      const teams = await call("POST", "/api/admin/rounds", teamRound({ respondents: people(3, (i) => ["Rood", "Blauw", "Geel"][i]!) }), bearer);
      expect(teams.status).toBe(201);
      const roundId = teams.body.round.id as string;
      const add = (respondents: unknown) => call("POST", `/api/admin/rounds/${roundId}/respondents`, { respondents }, bearer);
      expect((await add(people(1, () => "Rood"))).body.error.code).toBe("team-has-link");
      expect((await add(people(2, () => "Groen"))).status).toBe(409);
      expect((await add(people(1, () => "Groen"))).status).toBe(201);
      expect((await add(people(1))).status).toBe(201);
      expect((await add(people(1))).status).toBe(409);

      const csv = ["naam;e-mail;team", "Paars;paars@example.org;Paars", "Nog eens rood;rood2@example.org;Rood", "Paars 2;paars2@example.org;Paars", "Wit;wit@example.org;Wit"].join("\n");
      const imported = await call("POST", `/api/admin/rounds/${roundId}/respondents/import`, { csv }, bearer);
      expect(imported.status).toBe(200);
      expect(imported.body.added).toBe(2);
      expect(imported.body.errors.map((e: any) => [e.line, e.reason])).toEqual([
        [3, "team-duplicate"],
        [4, "team-duplicate"],
      ]);
      expect(imported.body.errors[1].message).toContain("regel 2");
      const raw = await app.request(`/api/admin/rounds/${roundId}/respondents/import`, {
        method: "POST",
        headers: { ...bearer, "content-type": "text/csv" },
        body: "Wit opnieuw;wit2@example.org;Wit",
      });
      expect(((await raw.json()) as any).errors[0].reason).toBe("team-duplicate");
      const doubled = await db.sql`
        select coalesce(team, 'Noord') from respondents where round_id = ${roundId} group by 1 having count(*) > 1
      `;
      expect(doubled).toHaveLength(0);
    });

    test("an open link a team-scan round got before this rule takes no answers", async () => {
      const created = await call("POST", "/api/admin/rounds", teamRound({ respondents: people(1) }), bearer);
      const token = "o".repeat(43);
      const { tokenHash } = await import("../server/lib/tokens.ts");
      await db.sql`update rounds set open_token_hash = ${tokenHash(token)} where id = ${created.body.round.id}`;
      const form = await app.request(`/api/respond/${token}`);
      expect(form.status).toBe(409);
      expect(((await form.json()) as any).error.code).toBe("team-scan-open-link");
      const submitted = await send(app, "POST", `/api/respond/${token}/submit`, { responseId: randomUUID(), data: miniAnswers });
      expect(submitted.status).toBe(409);
      expect((await db.sql`select 1 from responses where round_id = ${created.body.round.id}`).length).toBe(0);
    });

    test("a series whose scan becomes a team scan does not carry individual people over into it", async () => {
      const { scanId } = await publishAs(db.sql, individualMiniScan);
      const first = await call("POST", "/api/admin/rounds", roundBody({ scanId, respondents: people(3) }), bearer);
      const series = await call("POST", "/api/admin/series", { roundId: first.body.round.id, title: "Wordt teamscan" }, bearer);
      await publishAs(db.sql, { ...miniScan, model: { ...miniScan.model, title: { nl: "Nu per team" } } }, scanId);
      const next = await call("POST", `/api/admin/series/${series.body.id}/open-next`, undefined, bearer);
      expect(next.status).toBe(409);
      expect(next.body.error.code).toBe("team-has-link");
      expect(await db.sql`select id from rounds where series_id = ${series.body.id}`).toHaveLength(1);
    });
  });
});
