// Report data for 100,000 generated responses to the 45-statement bachelorscan (9 million answer
// rows), on PostgreSQL and on the embedded database, against the floor: a bare SQL GROUP BY over
// the same answers in the same run.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { compile } from "../dsl/index.ts";
import { connect, type Database, type Sql } from "../server/db/connect.ts";
import { migrate } from "../server/db/migrate.ts";
import { insertRound } from "../server/rounds/queries.ts";
import { rebuildTallies } from "../server/reports/tallies.ts";
import { compiledLoader, roundReport } from "../server/reports/round-report.ts";
import { publishScan } from "../server/scans/loader.ts";
import { startCluster } from "../test/support/pg-cluster.ts";
import { verdict } from "./measure.ts";
import type { BenchSection } from "./run.ts";

const RESPONSES = 100_000;
const BATCH = 10_000;
const TEAMS = 10;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function medianOf(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(fn)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Publishes the bachelorscan and fills one round with generated, submitted responses (`tag`
 * keeps the ids of several seeded rounds in one database apart).
 */
export async function seed(sql: Sql, responses = RESPONSES, tag = "bench-"): Promise<{ roundId: string; answers: number }> {
  const file = path.join(import.meta.dirname, "../scans/bachelorscan.scan");
  const text = await readFile(file, "utf8");
  const compiled = compile({ name: file, text }).result!;
  const { versionId } = await publishScan(sql, { name: file, text }, compiled);
  const roundId = randomUUID();
  await insertRound(sql, {
    id: roundId,
    scanVersionId: versionId,
    title: "Bench",
    groupName: `Bench ${tag}`,
    opensAt: new Date("2024-01-01"),
    // Closed: numbers appear only for closed rounds, and the bench must compute them.
    closesAt: new Date("2024-06-01"),
    anonymous: true,
    allowEdit: false,
    minGroupSize: 5,
    openTokenHash: null,
  });
  const items = compiled.model.items.filter((i) => i.kind === "pair").map((i) => i.id);
  // A bulk load, not 100,000 submits: one statement per batch builds the responses with their
  // answers (every pair item on both sides, in item order), with foreign-key checks and triggers
  // off for this session; the tallies are rebuilt once at the end. COPY FROM STDIN would hang on
  // PGlite.
  await sql`set session_replication_role = replica`;
  for (let from = 1; from <= responses; from += BATCH) {
    const to = Math.min(responses, from + BATCH - 1);
    if (from === 1 || (from - 1) % 50_000 === 0) console.log(`  … ${from - 1} responses`);
    await sql`
      insert into responses (
        id, round_id, scan_version_id, owner_hash, team, status, data, submitted_at,
        num_items, num_sides, num_values
      )
      select md5(${tag} || i)::uuid, ${roundId}, ${versionId}, md5(${tag} || 'owner-' || i),
        'team-' || (i % ${TEAMS}), 'submitted', '{}'::jsonb, now(),
        array_agg(item order by k, side), array_agg(side order by k, side),
        array_agg(
          case side
            when 'current' then 1 + (i * 7 + k * 3) % 5
            else least(5, 1 + (i * 7 + k * 3) % 5 + (i + k) % 3)
          end
          order by k, side
        )
      from generate_series(${from}::int, ${to}::int) i
      cross join unnest(${items}::text[]) with ordinality as it (item, k)
      cross join (values ('current'), ('desired')) as s (side)
      group by i
    `;
  }
  await sql`set session_replication_role = origin`;
  await sql.begin(async (tx) => {
    await rebuildTallies(tx, roundId);
  });
  // Vacuum too, so the floor gets its best plan (index-only scans need the visibility map).
  await sql`vacuum (analyze) responses`;
  await sql`analyze`;
  const [row] = await sql<{ count: number }[]>`select count(*)::int as count from answers where round_id = ${roundId}`;
  return { roundId, answers: row!.count };
}

interface Row {
  backend: string;
  responses: number;
  "answer rows": number;
  "load s": string;
  "report ms": string;
  "floor ms": string;
  ratio: string;
  goal: string;
}

async function measure(backend: "postgres" | "embedded", db: Database, goalMs: number): Promise<Row> {
  const { sql } = db;
  await migrate(sql);
  const load = await timed(() => seed(sql));
  console.log(`  ${backend}: loaded ${load.value.answers} answer rows in ${(load.ms / 1000).toFixed(1)} s`);
  const { roundId, answers } = load.value;
  const loader = compiledLoader(sql);
  // Warm both once (compiled model cache, plan caches, shared buffers).
  const report = await roundReport(sql, roundId, loader);
  if (report.groups[0]?.responses !== RESPONSES || !report.groups.every((g) => g.results !== null)) {
    throw new Error("bench report did not compute every group");
  }
  await sql`select item_id, side, value_num, count(*) from answers where round_id = ${roundId} group by 1, 2, 3`;
  const reportMs = await medianOf(5, () => roundReport(sql, roundId, loader));
  const floorMs = await medianOf(3, () => sql`
    select item_id, side, value_num, count(*)::int
    from answers
    where round_id = ${roundId}
    group by 1, 2, 3
  `);
  return {
    backend,
    responses: RESPONSES,
    "answer rows": answers,
    "load s": (load.ms / 1000).toFixed(1),
    "report ms": reportMs.toFixed(1),
    "floor ms": floorMs.toFixed(1),
    ratio: (reportMs / floorMs).toFixed(3),
    goal: `${verdict(reportMs < goalMs)} (< ${goalMs} ms)`,
  };
}

export const reportBench: BenchSection = {
  name: "report",
  async run() {
    const rows: Row[] = [];

    const cluster = await startCluster();
    try {
      const db = await connect({ databaseUrl: cluster.url, dataDir: "", databasePoolSize: 10 });
      try {
        rows.push(await measure("postgres", db, 1000));
        console.table(rows);
      } finally {
        await db.close();
      }
    } finally {
      await cluster.stop();
    }

    const dataDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-bench-"));
    try {
      const db = await connect({ dataDir, databaseUrl: undefined, databasePoolSize: 1 });
      try {
        rows.push(await measure("embedded", db, 3000));
      } finally {
        await db.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }

    console.table(rows);
    console.log(
      "report: the whole round report (group sizes with " + TEAMS + " teams, minimum group size and " +
        "subtraction check, gap and spread over 45 statements per group). It reads answer_tallies, " +
        "into which a report folds any submissions not yet counted (here: rebuilt once after the " +
        "load); the floor groups the 9 million answer rows " +
        "directly. PostgreSQL runs with fsync off for the load; reads are unaffected.",
    );
  },
};
