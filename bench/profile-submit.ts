// Where a submit's time goes: starts bench/submit-server.ts under `node --cpu-prof`, loads one of
// its endpoints with autocannon as `npm run bench submit` does, and prints the server's CPU time
// per request and the functions and packages with the most self time during the load (start-up
// left out), with a few stages' inclusive time (PROFILE_STAGES, function names).
//   npx tsx bench/profile-submit.ts [postgres|embedded] [scan file] [full|bare|bare-arrays] [seconds]
// PROFILE=0 measures without the profiler; KEEP_PROFILE=1 keeps the .cpuprofile (for Chrome's
// DevTools). On a busy machine the µs per request include time the process waited for a core,
// mostly inside system calls (writeBuffer, writev): compare shares within one profile.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { compile } from "../dsl/index.ts";
import { startCluster } from "../test/support/pg-cluster.ts";
import { validAnswers } from "../test/support/app.ts";

const [backend = "postgres", file = "scans/bachelorscan.scan", target = "full", secondsArg = "10"] = process.argv.slice(2);
const seconds = Number(secondsArg);
const { result } = compile({ name: file, text: readFileSync(file, "utf8") });
const data = validAnswers(result!.model);
const profDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-prof-"));
const dataDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-prof-db-"));
const cluster = backend === "postgres" ? await startCluster({ durable: true }) : null;
const env = cluster ? { DATABASE_URL: cluster.url } : { DATA_DIR: dataDir };
const profiling = process.env.PROFILE !== "0";
const child = spawn(process.execPath, [...(profiling ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : []), "--import", "tsx", "bench/submit-server.ts"], {
  env: {
    ...process.env,
    ...env,
    BENCH_SCAN_FILE: file,
    BENCH_SAMPLE: JSON.stringify(data),
    ADMIN_TOKEN: "bench-admin-token-0123456789abcdef",
    RATE_LIMIT_BURST: "100000000",
    RATE_LIMIT_PER_SECOND: "100000000",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
const ready = await new Promise<{ appPort: number; barePort: number; token: string }>((resolve) => {
  let out = "";
  child.stdout!.on("data", (d) => {
    out += d;
    const line = out.split("\n").find((l) => l.startsWith('{"ready"'));
    if (line) resolve(JSON.parse(line));
  });
});
const url =
  target === "full"
    ? `http://127.0.0.1:${ready.appPort}/api/respond/${ready.token}/submit`
    : `http://127.0.0.1:${ready.barePort}/${target}`;
const run = (duration: number) =>
  new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url,
        connections: 50,
        duration,
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            setupRequest: (req) => ({ ...req, body: JSON.stringify({ responseId: randomUUID(), data }) }),
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  );
/** The server process's CPU time so far (user + system), in ms. */
async function cpuMs(): Promise<number> {
  return statCpuMs(await readFile(`/proc/${child.pid}/stat`, "utf8"));
}
/** User + system CPU time in ms from a /proc/<pid>/stat line (fields 14 and 15, clock ticks of 10 ms). */
function statCpuMs(stat: string): number {
  const fields = stat.split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
/** CPU time so far of every PostgreSQL process on the machine (the bench's cluster), in ms. */
async function databaseCpuMs(): Promise<number> {
  let ms = 0;
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    if (stat.includes("(postgres)")) ms += statCpuMs(stat);
  }
  return ms;
}
await run(1);
const cpuBefore = await cpuMs();
const dbCpuBefore = await databaseCpuMs();
// STRACE=file: counts the server's system calls during the load (strace -c).
const strace = process.env.STRACE ? spawn("strace", ["-c", "-f", "-o", process.env.STRACE, "-p", String(child.pid)], { stdio: "ignore" }) : null;
const res = await run(seconds);
if (strace) await new Promise<void>((resolve) => { strace.once("exit", () => resolve()); strace.kill("SIGINT"); });
const cpu = (await cpuMs()) - cpuBefore;
// Processes that ended during the load (a closed connection's backend) are not counted.
const dbCpu = (await databaseCpuMs()) - dbCpuBefore;
console.log(
  `${backend} ${path.basename(file)} ${target}: ${res.requests.average} req/s, p99 ${res.latency.p99} ms, ${res.non2xx} non-2xx, ` +
    `server CPU ${(cpu / res.requests.total).toFixed(2)} ms per request` +
    (cluster ? `, PostgreSQL CPU ${(dbCpu / res.requests.total).toFixed(2)} ms per request` : " (PGlite included)"),
);
await new Promise<void>((resolve) => {
  child.once("exit", () => resolve());
  child.kill("SIGINT");
});
await cluster?.stop();
if (!profiling) {
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
// The main thread's profile is the largest (tsx's loader thread writes one too).
const files = await Promise.all((await readdir(profDir)).map(async (f) => ({ f, size: (await readFile(path.join(profDir, f))).length })));
const name = files.sort((a, b) => b.size - a.size)[0]?.f;
const profile = JSON.parse(await readFile(path.join(profDir, name!), "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};
// Only the measured load: the samples of the last `seconds` before the server was stopped (not
// the start-up, module loading and migrations).
const from = profile.endTime - seconds * 1e6 - 0.5e6;
const self = new Map<number, number>();
let at = profile.startTime;
for (const [i, id] of profile.samples.entries()) {
  at += profile.timeDeltas[i] ?? 0;
  if (at >= from) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const t = self.get(node.id) ?? 0;
  total += t;
  const f = node.callFrame;
  const where = f.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
  const key = `${f.functionName || "(anonymous)"} ${where}:${f.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + t);
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(where)?.[1] ?? (where.startsWith("node:") ? "node internals" : where === "" ? f.functionName : where.split("/").slice(0, 2).join("/"));
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
}
const perRequest = (t: number) => `${(t / res.requests.total).toFixed(0).padStart(5)} µs/req`;
const show = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, t]) => `${((t / total) * 100).toFixed(1).padStart(5)}% ${perRequest(t)}  ${k}`)
    .join("\n");
console.log(`\nself time by package/folder (total ${(total / 1e6).toFixed(1)} s):\n${show(byPackage, 25)}`);
console.log(`\ntop functions by self time:\n${show(byFunction, 45)}`);
// Inclusive time of the request path's stages: a frame's own time and its callees', once per
// stack (the outermost matching frame counts).
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const stages = (process.env.PROFILE_STAGES ?? "validate,safeParse,dispatch,strictInput,json,parse,stringify,insertSubmitted,serialize,arraySerializer,build,link,tokenHash,ownerHash,writeBuffer,writev")
  .split(",");
for (const stage of stages) {
  const inclusive = (id: number, inside: boolean): number => {
    const node = nodes.get(id)!;
    const hit = !inside && node.callFrame.functionName === stage;
    let t = hit || inside ? (self.get(id) ?? 0) : 0;
    for (const c of node.children ?? []) t += inclusive(c, inside || hit);
    return t;
  };
  const t = inclusive(profile.nodes[0]!.id, false);
  if (t > 0) console.log(`${((t / total) * 100).toFixed(1).padStart(5)}% ${perRequest(t)}  inclusive ${stage}`);
}
if (process.env.KEEP_PROFILE) console.log(`\nprofile: ${path.join(profDir, name!)}`);
else await rm(profDir, { recursive: true, force: true });
await rm(dataDir, { recursive: true, force: true });
