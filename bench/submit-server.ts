// The server under test for bench/submit.ts, in its own process so the load generator does not
// share its event loop: the real app on one port and, on another, a bare Hono endpoint that
// stores the same payload with one insert (the ceiling). Prints one JSON line when ready.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { compile } from "../dsl/index.ts";
import { createApp } from "../server/app.ts";
import { connect } from "../server/db/connect.ts";
import { migrate } from "../server/db/migrate.ts";
import { loadEnv } from "../server/lib/env.ts";
import { consoleLog } from "../server/lib/log.ts";
import { createRound } from "../server/rounds/service.ts";
import { publishScan } from "../server/scans/loader.ts";
import { ownerHash } from "../server/lib/tokens.ts";
import { buildValidator } from "../server/respond/answer-validator.ts";

const env = loadEnv();
const db = await connect(env);
await migrate(db.sql);
const file = process.env.BENCH_SCAN_FILE ?? "scans/paraplu-quickscan.scan";
const text = await readFile(file, "utf8");
const { result } = compile({ name: file, text });
if (!result) throw new Error(`${file} does not compile`);
// The quickscan's eight items, asked of individuals: a scan answered by a team together has no
// open link (server/privacy/team-respondents.ts), and the bench sends through one.
result.model = { ...result.model, respondent: "medewerker", answeredBy: "individual" };
await publishScan(db.sql, { name: file, text }, result);
const round = await createRound(
  db.sql,
  {
    scanId: result.model.scan,
    title: "bench",
    group: "bench",
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    allowEdit: true,
    minGroupSize: 5,
    respondents: [],
    openLink: true,
    // Measured is what a submit costs, not the open link's limits (server/respond/open-link.ts).
    openLinkLimits: { maxResponses: 100_000, perHour: 100_000, onePerDevice: false },
  },
  env.publicUrl,
);
const token = round.openLink!.split("/r/")[1]!;

const app = createApp({
  sql: db.sql,
  publicUrl: env.publicUrl,
  adminToken: env.adminToken,
  rateLimit: env.rateLimit,
  bodyLimitBytes: env.bodyLimitBytes,
  log: consoleLog,
});
const hash = ownerHash(token);
// The same row the real endpoint writes (answers as arrays beside the raw data), from answers
// validated once here: what storing the row costs, without the per-request code.
const sample = JSON.parse(process.env.BENCH_SAMPLE ?? "{}") as Record<string, unknown>;
const checked = buildValidator(result.model).submission(sample);
if (!checked.ok) throw new Error(`the bench's sample answers are invalid: ${JSON.stringify(checked.issues)}`);
const { arrays } = checked;
const bare = new Hono().post("/bare", async (c) => {
  const body = (await c.req.json()) as { responseId: string; data: Record<string, unknown> };
  await db.sql`
    insert into responses (id, round_id, scan_version_id, owner_hash, open_link, status, data, submitted_at)
    values (
      ${body.responseId}, ${round.round.id}, ${round.round.scanVersionId}, ${hash}, true,
      'submitted', ${db.sql.json(body.data as never)}, now()
    )
  `;
  return c.json({ responseId: body.responseId });
});
bare.post("/bare-arrays", async (c) => {
  const body = (await c.req.json()) as { responseId: string; data: Record<string, unknown> };
  await db.sql`
    insert into responses (
      id, round_id, scan_version_id, owner_hash, open_link, status, data, submitted_at,
      num_items, num_sides, num_values, text_items, text_sides, text_values
    )
    values (
      ${body.responseId}, ${round.round.id}, ${round.round.scanVersionId}, ${hash}, true,
      'submitted', ${db.sql.json(body.data as never)}, now(),
      ${arrays.numItems}::text[], ${arrays.numSides}::text[], ${arrays.numValues}::int[],
      ${arrays.textItems}::text[], ${arrays.textSides}::text[], ${arrays.textValues}::text[]
    )
  `;
  return c.json({ responseId: body.responseId });
});

const listen = (fetch: (req: Request) => Response | Promise<Response>) =>
  new Promise<number>((resolve) => {
    serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
  });
const [appPort, barePort] = await Promise.all([listen(app.fetch), listen(bare.fetch)]);
console.log(JSON.stringify({ ready: true, appPort, barePort, token, probe: randomUUID() }));
// Exit without draining: autocannon has stopped, and the temp database is thrown away.
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
