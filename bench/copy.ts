// The move from the embedded database to PostgreSQL (`peilstok copy-to-postgres`) with 100,000
// bachelorscan responses, against the floor: reading the same rows out of the embedded database
// the way the copy does (one cursor, 1,000 rows a fetch), in the same run.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { copyToPostgres } from "../server/backup/commands.ts";
import { listTables } from "../server/backup/catalog.ts";
import { connect } from "../server/db/connect.ts";
import { migrate } from "../server/db/migrate.ts";
import { startCluster } from "../test/support/pg-cluster.ts";
import { seed } from "./report.ts";
import type { BenchSection } from "./run.ts";

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export const copyBench: BenchSection = {
  name: "copy",
  async run() {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-copy-bench-"));
    const cluster = await startCluster({ durable: true });
    try {
      const embedded = await connect({ dataDir, databaseUrl: undefined, databasePoolSize: 1 });
      try {
        await migrate(embedded.sql);
        const { roundId } = await seed(embedded.sql);
        // Real responses also keep the SurveyJS data the respondent page resumes from.
        await embedded.sql`
          update responses
          set data = (
            select jsonb_object_agg(a.item || '__' || a.side, a.value)
            from unnest(num_items, num_sides, num_values) as a (item, side, value)
          )
          where round_id = ${roundId}
        `;
        await embedded.sql`vacuum responses`;
      } finally {
        await embedded.close();
      }

      // The floor: every row of every table read out as the copy reads it.
      const floor = await timed(async () => {
        const db = await connect({ dataDir, databaseUrl: undefined, databasePoolSize: 1 });
        let rows = 0;
        let bytes = 0;
        try {
          await db.sql.begin("isolation level repeatable read read only", async (tx) => {
            for (const t of await listTables(tx)) {
              await tx`declare floor_rows no scroll cursor for select to_jsonb(t)::text as j from ${tx(t.name)} t`;
              for (;;) {
                const batch = await tx<{ j: string }[]>`fetch forward 1000 from floor_rows`;
                if (batch.length === 0) break;
                rows += batch.length;
                for (const r of batch) bytes += r.j.length;
              }
              await tx`close floor_rows`;
            }
          });
        } finally {
          await db.close();
        }
        return { rows, bytes };
      });

      const target = new URL(cluster.url);
      const admin = await connect({ databaseUrl: cluster.url, dataDir: "", databasePoolSize: 1 });
      await admin.sql`create database copy_bench`;
      await admin.close();
      target.pathname = "/copy_bench";
      let lastTable = "";
      const copy = await timed(() =>
        copyToPostgres(dataDir, target.toString(), {
          line: (t) => console.log(`  ${t}`),
          progress: (e) => {
            if (e.table !== lastTable && e.done === 0) console.log(`  … ${e.table} (${e.total} rows)`);
            lastTable = e.table;
          },
        }),
      );
      const responses = copy.value.reports.find((r) => r.table === "responses")!.rows;
      console.table([
        {
          responses,
          "rows in all": floor.value.rows,
          "MB as JSON": (floor.value.bytes / 1e6).toFixed(0),
          "copy s": (copy.ms / 1000).toFixed(1),
          "read floor s": (floor.ms / 1000).toFixed(1),
          ratio: (copy.ms / floor.ms).toFixed(2),
        },
      ]);
      console.log(
        "copy: `peilstok copy-to-postgres` end to end (open PGlite, snapshot checksums, read, write into " +
          "PostgreSQL in one transaction, verify every table's count and checksum, set sequences, commit); " +
          "the floor reads the same rows out of PGlite the same way and writes nothing. PostgreSQL runs durable.",
      );
    } finally {
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
