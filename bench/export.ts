// The response-level export (answers.csv, and the XLSX workbook at the smaller size) of a
// bachelorscan round with 10,000 and with 100,000 responses on PostgreSQL: its time against the
// floor, a bare `COPY (select …) TO STDOUT` of the same answer rows in the same run, and the peak
// RSS of the process doing the export (each export runs in a process of its own, see
// export-child.ts), which must stay flat however large the round.
import { spawn } from "node:child_process";
import { connect } from "../server/db/connect.ts";
import { migrate } from "../server/db/migrate.ts";
import { startCluster } from "../test/support/pg-cluster.ts";
import { seed } from "./report.ts";
import { verdict } from "./measure.ts";
import type { BenchSection } from "./run.ts";

interface Run {
  ms: number;
  bytes: number;
  lines: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

function child(url: string, roundId: string, mode: "csv" | "xlsx" | "copy"): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", "bench/export-child.ts", url, roundId, mode], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    proc.once("error", reject);
    proc.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`export-child ${mode} exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").pop()!) as Run);
    });
  });
}

const mb = (n: number) => n.toFixed(0);

/** The two round sizes; EXPORT_BENCH_SIZES=1000,10000 tries the bench itself quickly. */
const sizes = (process.env.EXPORT_BENCH_SIZES ?? "10000,100000").split(",").map(Number);

export const exportBench: BenchSection = {
  name: "export",
  async run() {
    const cluster = await startCluster();
    try {
      const db = await connect({ databaseUrl: cluster.url, dataDir: "", databasePoolSize: 4 });
      const rounds: { responses: number; roundId: string; answers: number }[] = [];
      try {
        await migrate(db.sql);
        for (const responses of sizes) {
          const { roundId, answers: numeric } = await seed(db.sql, responses, `export-${responses}-`);
          // Every fourth respondent also left a remark, some of them formula-like (defused on the way out).
          await db.sql`
            update responses
            set text_items = '{opmerkingen}', text_sides = '{NULL}',
              text_values = array[case when substr(id::text, 1, 1) < '4' then '=opmerking ' else 'Opmerking ' end || id::text]
            where round_id = ${roundId} and substr(id::text, 2, 1) < '4'
          `;
          await db.sql`vacuum (analyze) responses`;
          const [{ texts }] = await db.sql<[{ texts: number }]>`
            select count(*)::int as texts from responses where round_id = ${roundId} and cardinality(text_items) > 0
          `;
          rounds.push({ responses, roundId, answers: numeric + texts });
          console.log(`  seeded ${responses} responses (${numeric + texts} answers)`);
        }
      } finally {
        await db.close();
      }

      const table: Record<string, string | number>[] = [];
      for (const { responses, roundId, answers } of rounds) {
        // Warm the cluster's buffers for both, then alternate (twice at the large size) and keep the best.
        await child(cluster.url, roundId, "copy");
        const repeats = responses === sizes[sizes.length - 1] ? 2 : 1;
        let floor: Run | null = null;
        let csv: Run | null = null;
        let csvPeak = 0;
        for (let i = 0; i < repeats; i++) {
          const f = await child(cluster.url, roundId, "copy");
          const c = await child(cluster.url, roundId, "csv");
          if (!floor || f.ms < floor.ms) floor = f;
          if (!csv || c.ms < csv.ms) csv = c;
          csvPeak = Math.max(csvPeak, c.peakRssMb);
        }
        // The file has a header line; the floor has none.
        if (csv!.lines - 1 !== answers || floor!.lines !== answers) {
          throw new Error(`export of ${responses} responses wrote ${csv!.lines - 1} rows, the floor ${floor!.lines}, expected ${answers}`);
        }
        const ratio = csv!.ms / floor!.ms;
        table.push({
          responses,
          "answer rows": answers,
          format: "csv",
          "export s": (csv!.ms / 1000).toFixed(2),
          "floor s": (floor!.ms / 1000).toFixed(2),
          ratio: ratio.toFixed(2),
          "MB out": mb(csv!.bytes / 2 ** 20),
          "RSS start MB": mb(csv!.rssBeforeMb),
          "RSS peak MB": mb(csvPeak),
          "floor RSS peak MB": mb(floor!.peakRssMb),
          goal: `${verdict(ratio <= 2)} (≤ 2× floor)`,
        });
        if (responses === sizes[0]) {
          const xlsx = await child(cluster.url, roundId, "xlsx");
          table.push({
            responses,
            "answer rows": answers,
            format: "xlsx",
            "export s": (xlsx.ms / 1000).toFixed(2),
            "floor s": "",
            ratio: "",
            "MB out": mb(xlsx.bytes / 2 ** 20),
            "RSS start MB": mb(xlsx.rssBeforeMb),
            "RSS peak MB": mb(xlsx.peakRssMb),
            "floor RSS peak MB": "",
            goal: "",
          });
        }
        console.table(table);
      }
      const [small, large] = table.filter((r) => r.format === "csv");
      const growth = Number(large!["RSS peak MB"]) - Number(small!["RSS peak MB"]);
      console.log(
        `export: peak RSS grows ${growth} MB from ${sizes[0]} to ${sizes[sizes.length - 1]} responses (${verdict(growth < 100)}: flat means < 100 MB for 10× the rows). ` +
          "The floor is a bare COPY of the same answer rows (id, item, side, value) ordered by response, " +
          "read through postgres.js into the same byte counter; the export adds the respondent keys, round, " +
          "team, theme, kind and label columns, the privacy tables and formula neutralisation.",
      );
    } finally {
      await cluster.stop();
    }
  },
};
