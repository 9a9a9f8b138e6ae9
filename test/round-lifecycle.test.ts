// A round's life after creation: closing early, extending and moving dates, reopening, archiving
// and deleting, through the admin API on both databases.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../server/app.ts";
import type { RoundReport } from "../server/reports/round-report.ts";
import type { RoundDetail } from "../server/rounds/lifecycle.ts";
import { SeriesService } from "../server/series/service.ts";
import { miniAnswers, miniScan } from "./fixtures/mini-scan.ts";
import { createRoundVia, publishAs, send, testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { admin, day, mailSetup, testClock } from "./support/mail.ts";

const people = (n: number, team?: string) =>
  Array.from({ length: n }, (_, i) => ({ name: `Persoon ${i + 1}`, email: `p${i + 1}-${randomUUID().slice(0, 6)}@example.org`, ...(team ? { team } : {}) }));

// An individual scan (the minimum group size applies) with the mini-scan's items.
const individualScan = { ...miniScan, model: { ...miniScan.model, respondent: "docent", answeredBy: "individual" as const } };

const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

describe.each(backends)("round lifecycle on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let scanId: string;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    ({ scanId } = await publishAs(db.sql, individualScan));
  });
  afterAll(async () => db?.close());

  async function submit(token: string, data: Record<string, unknown> = miniAnswers, responseId: string = randomUUID()) {
    return send(app, "POST", `/api/respond/${token}/submit`, { responseId, data });
  }
  const detail = async (id: string) => (await admin<RoundDetail>(app, "GET", `/api/admin/rounds/${id}`)).body;
  const report = async (id: string) => (await admin<RoundReport>(app, "GET", `/api/admin/reports/rounds/${id}`)).body;

  test("closing early stops answers at once, shows the report at once and forgets the kept links", async () => {
    const round = await createRoundVia(app, { scanId, respondents: people(6), openLink: true, closesAt: iso(14 * day) });
    const id = round.round.id;
    for (const token of round.tokens.slice(0, 5)) expect((await submit(token)).status).toBe(200);
    // The open link's row is now cached by the respond service for a few seconds.
    expect((await submit(round.openToken!)).status).toBe(200);
    expect((await report(id)).groups[0]!.disclosure.status).toBe("until-closed");
    const kept = await db.sql<{ n: number }[]>`
      select count(*)::int as n from respondent_links l join respondents p on p.id = l.respondent_id where p.round_id = ${id}
    `;
    expect(kept[0]!.n).toBe(6);

    const closed = await admin(app, "POST", `/api/admin/rounds/${id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.round).toMatchObject({ state: "closed", closedEarlyAt: closed.body.closedAt });
    expect(closed.body.forgottenLinks).toBeGreaterThanOrEqual(6);
    expect((await detail(id)).counts.keptLinks).toBe(0);

    // The report appears at once: six responses, minimum five.
    const after = await report(id);
    expect(after.groups[0]).toMatchObject({ responses: 6, disclosure: { status: "shown" } });
    expect(after.groups[0]!.results).not.toBeNull();
    // No more answers, also through the open link whose round row is still cached.
    const late = await submit(round.openToken!);
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe("round-closed");
    expect((await submit(round.tokens[5]!)).status).toBe(409);
    expect((await report(id)).groups[0]!.responses).toBe(6);
    // The link still opens, read-only.
    const form = (await (await send(app, "GET", `/api/respond/${round.tokens[0]}`)).json()) as { round: { state: string }; response: { status: string } };
    expect(form).toMatchObject({ round: { state: "closed" }, response: { status: "submitted" } });

    const again = await admin(app, "POST", `/api/admin/rounds/${id}/close`);
    expect([again.status, again.body.error.code]).toEqual([409, "round-closed"]);
    const planned = await createRoundVia(app, { scanId, opensAt: iso(day), closesAt: iso(2 * day) });
    const early = await admin(app, "POST", `/api/admin/rounds/${planned.round.id}/close`);
    expect([early.status, early.body.error.code]).toEqual([409, "round-not-open"]);
  });

  test("extends or moves the close date and moves a planned round, refusing dates that do not fit", async () => {
    const round = await createRoundVia(app, { scanId, respondents: people(2), closesAt: iso(7 * day) });
    const id = round.round.id;
    const later = iso(14 * day);
    const extended = await admin(app, "PATCH", `/api/admin/rounds/${id}`, { closesAt: later });
    expect(extended.status).toBe(200);
    expect(extended.body.closesAt).toBe(later);
    const earlier = iso(3 * day);
    expect((await admin(app, "PATCH", `/api/admin/rounds/${id}`, { closesAt: earlier, title: "Voorjaar" })).body).toMatchObject({ closesAt: earlier, title: "Voorjaar" });
    expect((await submit(round.tokens[0]!)).status).toBe(200);

    const bad = async (body: unknown, status: number, field?: string) => {
      const res = await admin(app, "PATCH", `/api/admin/rounds/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (field) expect(res.body.error.issues.map((i: { field: string }) => i.field)).toContain(field);
      return res;
    };
    // The close date before the opening date: a 400 naming the field.
    await bad({ closesAt: iso(-3 * day) }, 400, "closesAt");
    await bad({ opensAt: iso(5 * day), closesAt: iso(4 * day) }, 400, "closesAt");
    // In the past: closing now has its own route.
    await bad({ closesAt: iso(-60_000) }, 400, "closesAt");
    // Answers exist: the round cannot start later.
    await bad({ opensAt: iso(day) }, 400, "opensAt");
    await bad({ closesAt: "volgende week" }, 400, "closesAt");
    await bad({}, 400);
    await bad({ closesAt: later, state: "closed" }, 400);
    await bad("{", 400);
    expect((await admin(app, "PATCH", `/api/admin/rounds/${randomUUID()}`, { closesAt: later })).status).toBe(404);
    expect((await admin(app, "PATCH", "/api/admin/rounds/geen-ronde", { closesAt: later })).status).toBe(404);
    expect((await detail(id)).closesAt).toBe(earlier);

    const planned = await createRoundVia(app, { scanId, opensAt: iso(day), closesAt: iso(2 * day), respondents: [] });
    const moved = await admin(app, "PATCH", `/api/admin/rounds/${planned.round.id}`, { opensAt: iso(-60_000), closesAt: iso(10 * day) });
    expect(moved.body.state).toBe("open");

    await admin(app, "POST", `/api/admin/rounds/${id}/close`);
    const closed = await admin(app, "PATCH", `/api/admin/rounds/${id}`, { closesAt: later });
    expect([closed.status, closed.body.error.code]).toEqual([409, "round-closed"]);
    expect((await admin(app, "PATCH", `/api/admin/rounds/${id}`, { title: "Voorjaar (gesloten)" })).status).toBe(200);
  });

  test("reopens a recently closed round, and withholds results that a few new answers would give away", async () => {
    const round = await createRoundVia(app, { scanId, respondents: people(12), closesAt: iso(7 * day) });
    const id = round.round.id;
    for (const token of round.tokens.slice(0, 6)) await submit(token);
    await admin(app, "POST", `/api/admin/rounds/${id}/close`);
    expect((await report(id)).groups[0]!.disclosure.status).toBe("shown");

    const bad = async (body: unknown, status: number, code: string) => {
      const res = await admin(app, "POST", `/api/admin/rounds/${id}/reopen`, body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    };
    await bad({ closesAt: iso(15 * day) }, 400, "invalid-body");
    await bad({ closesAt: iso(-day) }, 400, "invalid-body");
    await bad({}, 400, "invalid-body");
    const reopened = await admin(app, "POST", `/api/admin/rounds/${id}/reopen`, { closesAt: iso(7 * day) });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ state: "open", reopenCount: 1 });
    await bad({ closesAt: iso(7 * day) }, 409, "round-not-closed");
    expect((await report(id)).groups[0]!.disclosure.status).toBe("until-closed");

    // One more answer, then closed again: that one answer would follow by subtraction.
    expect((await submit(round.tokens[6]!)).status).toBe(200);
    await admin(app, "POST", `/api/admin/rounds/${id}/close`);
    const one = await report(id);
    expect(one.groups[0]).toMatchObject({ responses: 7, disclosure: { status: "complement", needed: 4 }, results: null });
    expect(one.groups[0]!.note).toContain("te kleine groep");

    const twice = await admin(app, "POST", `/api/admin/rounds/${id}/reopen`, { closesAt: iso(day) });
    expect([twice.status, twice.body.error.code]).toEqual([409, "reopened-before"]);
    expect((await detail(id)).reopenBlocked).toContain("één keer");

    // Five or more changed answers (here: four new, one changed) are safe to show.
    const other = await createRoundVia(app, { scanId, respondents: people(10), closesAt: iso(7 * day), allowEdit: true });
    const first = new Map<string, string>();
    for (const token of other.tokens.slice(0, 5)) {
      const responseId = randomUUID();
      first.set(token, responseId);
      await submit(token, miniAnswers, responseId);
    }
    await admin(app, "POST", `/api/admin/rounds/${other.round.id}/close`);
    await admin(app, "POST", `/api/admin/rounds/${other.round.id}/reopen`, { closesAt: iso(day) });
    for (const token of other.tokens.slice(5, 9)) await submit(token);
    expect((await submit(other.tokens[0]!, { ...miniAnswers, missie: 5 }, first.get(other.tokens[0]!))).status).toBe(200);
    await admin(app, "POST", `/api/admin/rounds/${other.round.id}/close`);
    expect((await report(other.round.id)).groups[0]).toMatchObject({ responses: 9, disclosure: { status: "shown" } });

    // Too long ago.
    const late = await createRoundVia(app, { scanId, respondents: [], closesAt: iso(7 * day) });
    await db.sql`update rounds set opens_at = now() - interval '40 days', closes_at = now() - interval '20 days' where id = ${late.round.id}`;
    expect((await detail(late.round.id)).reopenBlocked).toContain("14 dagen");
    const tooLate = await admin(app, "POST", `/api/admin/rounds/${late.round.id}/reopen`, { closesAt: iso(day) });
    expect([tooLate.status, tooLate.body.error.code]).toEqual([409, "reopen-too-late"]);
  });

  test("archives a closed round: gone from the overview, still reportable, and back again", async () => {
    const round = await createRoundVia(app, { scanId, respondents: people(5), closesAt: iso(7 * day) });
    const id = round.round.id;
    for (const token of round.tokens) await submit(token);
    const open = await admin(app, "POST", `/api/admin/rounds/${id}/archive`);
    expect([open.status, open.body.error.code]).toEqual([409, "round-not-closed"]);
    await admin(app, "POST", `/api/admin/rounds/${id}/close`);
    const archived = await admin(app, "POST", `/api/admin/rounds/${id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();

    const ids = async (query = "") => (await admin(app, "GET", `/api/admin/rounds${query}`)).body.rounds.map((r: { id: string }) => r.id);
    expect(await ids()).not.toContain(id);
    expect(await ids("?archived=yes")).toContain(id);
    expect(await ids("?archived=all")).toContain(id);
    expect((await admin(app, "GET", "/api/admin/rounds?archived=misschien")).status).toBe(400);
    const reportOf = await report(id);
    expect(reportOf.groups[0]).toMatchObject({ responses: 5, disclosure: { status: "shown" } });
    const csv = await app.request(`/api/admin/reports/rounds/${id}/export.csv`, { headers: { authorization: "Bearer test-admin-token-0123456789abcdef" } });
    expect(csv.status).toBe(200);
    const reopen = await admin(app, "POST", `/api/admin/rounds/${id}/reopen`, { closesAt: iso(day) });
    expect([reopen.status, reopen.body.error.code]).toEqual([409, "round-archived"]);

    expect((await admin(app, "POST", `/api/admin/rounds/${id}/unarchive`)).body.archivedAt).toBeNull();
    expect(await ids()).toContain(id);
  });

  test("deletes a round with its answers, mails, links and actions in one go, as SQL confirms", async () => {
    const round = await createRoundVia(app, { scanId, respondents: people(5, "noord"), openLink: true, closesAt: iso(7 * day) });
    const id = round.round.id;
    await admin(app, "POST", `/api/admin/rounds/${id}/invitations`, {});
    for (const token of round.tokens) await submit(token);
    await send(app, "PUT", `/api/respond/${round.openToken}/draft`, { responseId: randomUUID(), data: { missie: 2 } });
    await admin(app, "POST", `/api/admin/rounds/${id}/close`);
    // The tallies are filled by the first report.
    await report(id);
    await admin(app, "POST", `/api/admin/rounds/${id}/actions`, { target: { kind: "item", id: "missie" }, what: "Bespreken", who: "Team" });
    const series = await admin(app, "POST", "/api/admin/series", { roundId: id, title: "Reeks om te wissen" });
    expect(series.status).toBe(201);

    // What the confirmation names.
    expect((await detail(id)).counts).toMatchObject({ respondents: 5, drafts: 1, submitted: 5, mails: 5, actions: 1 });

    const tables = await db.sql<{ table_name: string }[]>`
      select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
      where c.table_schema = current_schema() and c.column_name = 'round_id' and t.table_type = 'BASE TABLE'
        and c.table_name not like 'audit%'
    `;
    const rowsOf = async () => {
      const counts: Record<string, number> = {};
      for (const { table_name } of tables) {
        const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from ${db.sql(table_name)} where round_id = ${id}`;
        counts[table_name] = row!.n;
      }
      return counts;
    };
    const before = await rowsOf();
    for (const table of ["responses", "respondents", "mails", "answer_tallies", "actions"]) expect(before[table], table).toBeGreaterThan(0);

    const deleted = await admin(app, "DELETE", `/api/admin/rounds/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ responses: 6, respondents: 5, mails: 5, actions: 1, seriesDeleted: true });

    // Everything of the round is gone; the audit log keeps that it was deleted, and by whom.
    expect(Object.values(await rowsOf()).every((n) => n === 0), JSON.stringify(await rowsOf())).toBe(true);
    const [left] = await db.sql<{ rounds: number; links: number; emails: number; series: number }[]>`
      select
        (select count(*)::int from rounds where id = ${id}) as rounds,
        (select count(*)::int from respondent_links l where not exists (select 1 from respondents p where p.id = l.respondent_id)) as links,
        (select count(*)::int from respondents where email like '%@example.org' and round_id = ${id}) as emails,
        (select count(*)::int from series where id = ${series.body.id}) as series
    `;
    expect(left).toEqual({ rounds: 0, links: 0, emails: 0, series: 0 });
    expect((await admin(app, "GET", `/api/admin/rounds/${id}`)).status).toBe(404);
    expect((await admin(app, "GET", `/api/admin/reports/rounds/${id}`)).status).toBe(404);
    expect((await send(app, "GET", `/api/respond/${round.tokens[0]}`)).status).toBe(404);
    expect((await admin(app, "DELETE", `/api/admin/rounds/${id}`)).status).toBe(404);
  });

  test("opens a series' next round as soon as the current one closes early, and on schedule when set to open by itself", async () => {
    const clock = testClock(new Date(Date.now() - 100 * day));
    const { app: seriesApp, invitations } = mailSetup(db.sql, { clock });
    const service = new SeriesService(db.sql, invitations);
    const first = await createRoundVia(seriesApp, { scanId, group: "Reeks", respondents: people(3), opensAt: clock().toISOString(), closesAt: iso(7 * day) } as never);
    const created = await admin(seriesApp, "POST", "/api/admin/series", { roundId: first.round.id, title: "Kwartaalscan", cadenceMinDays: 91, cadenceMaxDays: 122 });
    // Not due (opened "100 days ago" on the series clock, which is now moved to just after it).
    clock.set(new Date(Date.now() - 99 * day));
    expect(await service.runDue()).toEqual({ opened: 0, notices: 0 });
    await admin(seriesApp, "POST", `/api/admin/rounds/${first.round.id}/close`);
    const next = await admin(seriesApp, "POST", `/api/admin/series/${created.body.id}/open-next`);
    expect(next.status).toBe(201);
    expect(next.body.respondents).toBe(3);

    // auto_open: a series whose next round opens by itself once due.
    const auto = await createRoundVia(seriesApp, { scanId, group: "Auto", respondents: people(2), opensAt: clock().toISOString(), closesAt: new Date(clock().getTime() + 21 * day).toISOString() } as never);
    const autoSeries = await admin(seriesApp, "POST", "/api/admin/series", { roundId: auto.round.id, title: "Vanzelf", cadenceMinDays: 30, cadenceMaxDays: 40, autoOpen: true });
    expect(autoSeries.status).toBe(201);
    clock.advance(29 * day);
    expect((await service.runDue()).opened).toBe(0);
    clock.advance(2 * day);
    expect((await service.runDue()).opened).toBe(1);
    expect((await service.runDue()).opened).toBe(0);
    const detailOf = await admin(seriesApp, "GET", `/api/admin/series/${autoSeries.body.id}`);
    expect(detailOf.body.rounds).toHaveLength(2);
    const [newRound] = await db.sql<{ id: string; respondents: number; invitations: number }[]>`
      select r.id, (select count(*)::int from respondents p where p.round_id = r.id) as respondents,
        (select count(*)::int from mails m where m.round_id = r.id and m.kind = 'invitation') as invitations
      from rounds r where r.series_id = ${autoSeries.body.id} and r.id <> ${auto.round.id}
    `;
    expect(newRound).toMatchObject({ respondents: 2, invitations: 2 });
  });
});
