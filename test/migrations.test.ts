// Upgrades of a database that already holds data: each migration that moves data is applied on
// top of the migrations before it, with rows written in the old layout.
import { randomUUID } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrate, readMigrations } from "../server/db/migrate.ts";
import { numericTallies, numericTalliesFromAnswers } from "../server/reports/tallies.ts";
import { publishScan } from "../server/scans/loader.ts";
import { compileScanFile } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

/** A folder with the migrations up to and including `last`. */
async function migrationsUpTo(last: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "peilstok-migrations-"));
  const source = path.resolve("server/db/migrations");
  for (const m of await readMigrations()) {
    if (m.version > last) continue;
    const file = `${String(m.version).padStart(3, "0")}_${m.name}.sql`;
    await cp(path.join(source, file), path.join(dir, file));
  }
  return dir;
}

describe.each(backends)("migration 060 (answers into their responses) on %s", (backend) => {
  let db: TestDb;
  let dir: string;

  beforeAll(async () => {
    db = await openTestDb(backend, { migrated: false });
    dir = await migrationsUpTo(50);
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("answer rows move into their responses; the answers view and the tallies read the same", async () => {
    await migrate(db.sql, dir);
    const { text, compiled } = await compileScanFile("scans/bachelorscan.scan");
    await publishScan(db.sql, { name: "bachelorscan.scan", text }, compiled);
    // A round as the code of that time wrote it (today's createRound reads later tables), with
    // the minimum group size of 1 it then accepted.
    const [version] = await db.sql<{ id: number }[]>`select id from scan_versions where scan_id = ${compiled.model.scan}`;
    const round = { id: randomUUID(), scanVersionId: version!.id };
    await db.sql`
      insert into rounds (id, scan_version_id, title, group_name, opens_at, closes_at, anonymous, allow_edit, min_group_size, open_token_hash)
      values (${round.id}, ${round.scanVersionId}, 'Voor de upgrade', 'Academie', now() - interval '1 day', now() + interval '1 day',
              false, true, 1, ${`open-${round.id}`})
    `;

    // Three submitted responses in the old layout: one row per answer, counted in the tallies.
    const old: { response_id: string; item_id: string; side: string | null; value_num: number | null; value_text: string | null }[] = [];
    for (const [n, team] of ["A", "A", "B"].entries()) {
      const id = randomUUID();
      await db.sql`
        insert into responses (id, round_id, scan_version_id, owner_hash, open_link, team, status, data, submitted_at)
        values (${id}, ${round.id}, ${round.scanVersionId}, ${`owner-${n}`}, true, ${team}, 'submitted', '{}', now())
      `;
      const rows = [
        { response_id: id, item_id: "ek-1", side: "current", value_num: 1 + n, value_text: null },
        { response_id: id, item_id: "ek-1", side: "desired", value_num: 4, value_text: null },
        { response_id: id, item_id: "toelichting", side: null, value_num: null, value_text: `tekst ${n}` },
      ];
      old.push(...rows);
      for (const r of rows) {
        await db.sql`
          insert into answers (response_id, round_id, item_id, side, value_num, value_text)
          values (${r.response_id}, ${round.id}, ${r.item_id}, ${r.side}, ${r.value_num}, ${r.value_text})
        `;
      }
    }
    // Counted as the code of that time counted them (stats.ts has since moved on to the view).
    await db.sql`
      insert into answer_tallies (round_id, team, item_id, side, value_num, shard, count)
      select a.round_id, coalesce(r.team, ''), a.item_id, coalesce(a.side, ''), a.value_num,
        tally_shard(a.response_id), count(*)
      from answers a
      join responses r on r.id = a.response_id
      where a.round_id = ${round.id} and a.value_num is not null
      group by 1, 2, 3, 4, 5, 6
    `;
    await db.sql`update responses set tallied = true where round_id = ${round.id}`;
    const talliesBefore = await numericTallies(db.sql, [round.id]);

    expect(await migrate(db.sql)).toEqual((await readMigrations()).filter((m) => m.version > 50).map((m) => m.version));
    // Migration 090 lifts a round below the privacy floor to it.
    expect((await db.sql`select min_group_size from rounds where id = ${round.id}`)[0]!.min_group_size).toBe(5);

    const moved = await db.sql`
      select response_id, item_id, side, value_num, value_text
      from answers
      where round_id = ${round.id}
      order by response_id, item_id, side
    `;
    const sort = (rows: typeof old) =>
      [...rows].sort((a, b) =>
        `${a.response_id} ${a.item_id} ${a.side}`.localeCompare(`${b.response_id} ${b.item_id} ${b.side}`),
      );
    expect(moved.map((r) => ({ ...r }))).toEqual(sort(old).map((r) => ({ ...r })));
    expect(await numericTallies(db.sql, [round.id])).toEqual(talliesBefore);
    expect(talliesBefore.map(({ round_id: _, ...t }) => t)).toEqual(
      await numericTalliesFromAnswers(db.sql, round.id),
    );

    // A counted response that leaves the round's answers takes its tallies with it.
    await db.sql`delete from responses where id = ${old[0]!.response_id}`;
    expect((await numericTallies(db.sql, [round.id])).map(({ round_id: _, ...t }) => t)).toEqual(
      await numericTalliesFromAnswers(db.sql, round.id),
    );
  });
});
