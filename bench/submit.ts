import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { compile } from "../dsl/index.ts";
import { readFileSync } from "node:fs";
import type { BenchSection } from "./run.ts";
import { startCluster } from "../test/support/pg-cluster.ts";
import { validAnswers } from "../test/support/app.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;
// Four turns of two and a half seconds each: the machine's load changes on that scale (other
// processes' tests), and finer turns spread it over the cases more evenly than two long ones did.
const slices = 4;

interface Ready {
  appPort: number;
  barePort: number;
  token: string;
}

async function startBenchServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/submit-server.ts"], {
    env: {
      ...process.env,
      ADMIN_TOKEN: "bench-admin-token-0123456789abcdef",
      RATE_LIMIT_BURST: "100000000",
      RATE_LIMIT_PER_SECOND: "100000000",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith('{"ready"'));
      if (line) resolve(JSON.parse(line) as Ready);
    });
    child.on("exit", (code) => reject(new Error(`bench server exited with ${code}: ${out}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { ...ready, stop };
}

interface BenchRow {
  case: string;
  rps: number;
  p99: number;
  note: string;
}

function printTable(rows: BenchRow[]): void {
  const cells = [
    ["case", "req/s", "p99 ms", "note"],
    ...rows.map((r) => [r.case, r.rps.toFixed(0), r.p99.toFixed(0), r.note]),
  ];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  for (const [n, c] of cells.entries()) {
    console.log(c.map((x, i) => (i === 1 || i === 2 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join("  "));
    if (n === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

/**
 * Each turn's first half second is not counted: until the first answers come back the 50
 * connections are only filling up, and that costs a slow case a larger share of a short turn
 * than a fast one (Little's law: about 50 requests per turn whatever the speed).
 */
const rampMs = 500;

async function load(url: string, data: unknown, duration: number): Promise<Load> {
  const latencies: number[] = [];
  const start = performance.now();
  let end = start;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            // Every request is a new response: a unique, client-generated responseId.
            setupRequest: (req) => ({ ...req, body: JSON.stringify({ responseId: randomUUID(), data }) }),
          },
        ],
      },
      (err, res) => {
        end = performance.now();
        if (err) reject(err);
        else resolve(res);
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      if (performance.now() - start >= rampMs) latencies.push(responseTime);
    });
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  return { requests: latencies.length, seconds: (end - start - rampMs) / 1000, latencies, errors };
}

interface Load {
  requests: number;
  seconds: number;
  /** Every response's time in ms. */
  latencies: number[];
  errors: number;
}

/** Slices of one case taken together: requests per second and p99 over all of them. */
function combine(loads: Load[]): { rps: number; p99: number; errors: number } {
  const sum = (f: (l: Load) => number) => loads.reduce((n, l) => n + f(l), 0);
  const latencies = loads.flatMap((l) => l.latencies).sort((a, b) => a - b);
  return {
    rps: sum((l) => l.requests) / sum((l) => l.seconds),
    p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? Number.NaN,
    errors: sum((l) => l.errors),
  };
}

async function measure(backend: string, env: Record<string, string>, data: unknown): Promise<BenchRow[]> {
  const server = await startBenchServer({ ...env, BENCH_SAMPLE: JSON.stringify(data) });
  const label = `${backend}, ${path.basename(env.BENCH_SCAN_FILE ?? "", ".scan")}`;
  try {
    // Warm up both paths (JIT, validator cache, connection pool) under load, unmeasured.
    const bareUrl = `http://127.0.0.1:${server.barePort}/bare`;
    const rowUrl = `http://127.0.0.1:${server.barePort}/bare-arrays`;
    const fullUrl = `http://127.0.0.1:${server.appPort}/api/respond/${server.token}/submit`;
    await load(bareUrl, data, 1);
    await load(rowUrl, data, 1);
    await load(fullUrl, data, 1);
    // The cases take turns in slices, so a drift of the machine or the growing tables weighs on
    // all alike; every other turn in the opposite order (bare, row, full, then full, row, bare).
    const bareLoads: Load[] = [];
    const rowLoads: Load[] = [];
    const fullLoads: Load[] = [];
    const turn = [
      async () => bareLoads.push(await load(bareUrl, data, seconds / slices)),
      async () => rowLoads.push(await load(rowUrl, data, seconds / slices)),
      async () => fullLoads.push(await load(fullUrl, data, seconds / slices)),
    ];
    for (let slice = 0; slice < slices; slice++) {
      for (const run of slice % 2 === 0 ? turn : [...turn].reverse()) await run();
    }
    const bare = combine(bareLoads);
    const row = combine(rowLoads);
    const full = combine(fullLoads);
    const ratio = full.rps / bare.rps;
    // How much the ratio moved between turns: the noise of this run on a shared machine.
    const rate = (l: Load) => l.requests / l.seconds;
    const turnRatios = fullLoads.map((l, i) => rate(l) / rate(bareLoads[i]!)).sort((a, b) => a - b);
    const spread = `turns ${(turnRatios[0]! * 100).toFixed(0)}–${(turnRatios.at(-1)! * 100).toFixed(0)}%`;
    return [
      {
        case: `${label}: bare Hono, one insert (ceiling)`,
        rps: bare.rps,
        p99: bare.p99,
        note: bare.errors ? `${bare.errors} errors` : "",
      },
      {
        // Not a goal: where the time goes. The real row (answers as arrays too), no request code.
        case: `${label}: bare Hono, the real row`,
        rps: row.rps,
        p99: row.p99,
        note: `${((row.rps / bare.rps) * 100).toFixed(0)}% of ceiling: the cost of storing the answer arrays` + (row.errors ? `, ${row.errors} errors` : ""),
      },
      {
        case: `${label}: POST /api/respond/:token/submit`,
        rps: full.rps,
        p99: full.p99,
        note:
          `${(ratio * 100).toFixed(0)}% of ceiling (goal ≥ 60%; ${spread}), p99 ${(full.p99 / bare.p99).toFixed(2)}× the ceiling's ` +
          `(goal ≤ 1.5×)` +
          (full.errors ? `, ${full.errors} errors` : ""),
      },
    ];
  } finally {
    await server.stop();
  }
}

export const submitBench: BenchSection = {
  name: "submit",
  async run() {
    console.log(
      `autocannon, ${connections} connections, ${seconds} s per case in ${slices} alternating slices, ` +
        "loopback, a new responseId per request",
    );
    // The 8-item quickscan and the 45-pair bachelorscan (90 answers), the longest shipped scan.
    const scans = ["scans/paraplu-quickscan.scan", "scans/bachelorscan.scan"];
    const payloads = scans.map((file) => {
      const { result } = compile({ name: file, text: readFileSync(file, "utf8") });
      return { file, data: validAnswers(result!.model) };
    });
    const rows: BenchRow[] = [];

    // A durable cluster (fsync on): the numbers should mean what production would see.
    const cluster = process.env.BENCH_DATABASE_URL ? null : await startCluster({ durable: true });
    try {
      const url = process.env.BENCH_DATABASE_URL ?? cluster!.url;
      for (const { file, data } of payloads) {
        rows.push(...(await measure("postgres", { DATABASE_URL: url, BENCH_SCAN_FILE: file }, data)));
      }
    } finally {
      await cluster?.stop();
    }

    for (const { file, data } of payloads) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-bench-"));
      try {
        rows.push(...(await measure("embedded", { DATA_DIR: dataDir, BENCH_SCAN_FILE: file }, data)));
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
    printTable(rows);
  },
};
