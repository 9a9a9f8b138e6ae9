// `npm run bench abuse`: what one client gets through against the real server (its own process,
// embedded database, default limits), the figures issue 11 asks for:
// - login guesses evaluated per minute, 4 parallel clients from one address, against one account
//   and spread over many addresses (e-mail) — and whether the right password is then refused;
// - an open-link burst: 1,000 submits with fresh response ids from one client, 4 at a time, no
//   cookies kept (each submit a new device), waiting out each 429 until a two-minute deadline.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { BenchSection } from "./run.ts";
import { compileScanFile, validAnswers } from "../test/support/app.ts";
import { startServer } from "../test/support/server-process.ts";

const seconds = Number(process.env.BENCH_ABUSE_SECONDS ?? 60);
const adminToken = "bench-admin-token-0123456789abcdef";

async function guesses(url: string, emailFor: (i: number) => string, ms: number) {
  const counts = { evaluated: 0, refused: 0, other: 0 };
  const until = Date.now() + ms;
  let n = 0;
  const client = async () => {
    while (Date.now() < until) {
      const res = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: emailFor(n++), password: `gok-${n}-${randomUUID()}` }),
      });
      await res.arrayBuffer();
      if (res.status === 401) counts.evaluated++;
      else if (res.status === 429) {
        counts.refused++;
        // A client that honours Retry-After would wait; a guesser does not, but is not helped by hammering either.
      } else counts.other++;
    }
  };
  await Promise.all([client(), client(), client(), client()]);
  return counts;
}

export const abuseBench: BenchSection = {
  name: "abuse",
  async run() {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "peilstok-bench-abuse-"));
    const server = await startServer({ DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, MAIL_SCHEDULER: "off", PUBLIC_URL: "http://127.0.0.1" });
    try {
      const match = /created the first account (\S+) with password (\S+)/.exec(server.output());
      const [email, password] = [match![1]!, match![2]!];
      const perMinute = (n: number) => Math.round((n / seconds) * 60);

      const one = await guesses(server.url, () => email, seconds * 1000);
      const right = await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      });
      console.log(
        `login, one account, 4 clients, ${seconds} s: ${perMinute(one.evaluated)} guesses evaluated per minute ` +
          `(${one.evaluated} evaluated, ${one.refused} refused, ${one.other} other); the right password afterwards: ${right.status}`,
      );
      const many = await guesses(server.url, (i) => `bestaat-niet-${i}@example.org`, seconds * 1000);
      console.log(
        `login, a new e-mail address each guess, 4 clients, ${seconds} s: ${perMinute(many.evaluated)} guesses evaluated per minute ` +
          `(${many.evaluated} evaluated, ${many.refused} refused, ${many.other} other)`,
      );

      const { compiled } = await compileScanFile("scans/wijkteam-clientvragen.scan");
      const created = await fetch(`${server.url}/api/admin/rounds`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({
          scanId: "wijkteam-clientvragen",
          title: "Open link",
          group: "Bench",
          opensAt: new Date(Date.now() - 60_000).toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
          openLink: true,
        }),
      });
      const token = ((await created.json()) as { openLink: string }).openLink.split("/r/")[1]!;
      const data = validAnswers(compiled.model);
      // A patient client: after a 429 it waits as Retry-After says and sends the same submit again,
      // for at most two minutes.
      const burst = { accepted: 0, waits: 0, refused: 0, other: 0 };
      let next = 0;
      const start = performance.now();
      const deadline = Date.now() + 120_000;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < 1000 && Date.now() < deadline) {
            next++;
            const body = JSON.stringify({ responseId: randomUUID(), data });
            for (;;) {
              const res = await fetch(`${server.url}/api/respond/${token}/submit`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body,
              });
              await res.arrayBuffer();
              if (res.status === 429 && Date.now() < deadline) {
                burst.waits++;
                const wait = Math.min(Number(res.headers.get("retry-after") ?? 1) * 1000, deadline - Date.now());
                await new Promise((r) => setTimeout(r, Math.max(0, wait)));
                continue;
              }
              if (res.status === 200) burst.accepted++;
              else if (res.status === 429 || res.status === 409) burst.refused++;
              else burst.other++;
              break;
            }
          }
        }),
      );
      const elapsed = (performance.now() - start) / 1000;
      console.log(
        `open link, 1,000 submits with fresh response ids from one client (4 at a time, waiting out each 429): ` +
          `${burst.accepted} accepted, ${burst.refused} refused, ${burst.other} other, ${burst.waits} waits, in ${elapsed.toFixed(1)} s`,
      );
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
