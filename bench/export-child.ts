// One export in a process of its own, so its peak RSS is the export's alone (the seeding and the
// other runs of `npm run bench export` live elsewhere). Reads the round from argv, writes the
// file to a byte counter and prints one JSON line: time, bytes, lines, RSS before and peak.
//   node --import tsx bench/export-child.ts <database url> <round id> <csv|xlsx|copy>
import { Writable, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { connect } from "../server/db/connect.ts";
import { answersCsv, exportData, toXlsx } from "../server/reports/exports.ts";

const [url, roundId, mode] = process.argv.slice(2) as [string, string, "csv" | "xlsx" | "copy"];
const db = await connect({ databaseUrl: url, dataDir: "", databasePoolSize: 2 });
const { sql } = db;
await sql`select 1`;
const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;

let bytes = 0;
let lines = 0;
const counter = () =>
  new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      done();
    },
  });

const start = performance.now();
if (mode === "copy") {
  // The floor: the same answer rows (one per answer, every response in order), straight out of
  // PostgreSQL as CSV with no joins, labels, keys, privacy tables or batching.
  // COPY takes no parameters: the round id (checked to be a uuid) goes in literally.
  if (!/^[0-9a-f-]{36}$/.test(roundId)) throw new Error(`not a round id: ${roundId}`);
  const stream = await sql.unsafe(`
    copy (
      select x.id, a.item_id, a.side, a.value
      from responses x
      cross join lateral (
        select n.item_id, n.side, n.value::text as value
        from unnest(x.num_items, x.num_sides, x.num_values) as n (item_id, side, value)
        union all
        select t.item_id, t.side, t.value
        from unnest(x.text_items, x.text_sides, x.text_values) as t (item_id, side, value)
      ) a
      where x.round_id = '${roundId}' and x.status = 'submitted'
      order by x.id
    ) to stdout with (format csv, delimiter ';')
  `).readable();
  await pipeline(stream, counter());
} else {
  const data = await exportData(sql, roundId);
  const out: Readable = mode === "csv" ? answersCsv(sql, data, { names: false }) : toXlsx(sql, data, { names: false });
  await pipeline(out, counter());
}
const ms = performance.now() - start;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
await db.close();
console.log(JSON.stringify({ ms, bytes, lines, rssBeforeMb, peakRssMb }));
