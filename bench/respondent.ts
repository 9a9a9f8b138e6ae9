// The respondent page on an emulated slow phone (Chromium via CDP: 1.6 Mbit/s down, 150 ms round
// trip, 4× CPU slowdown), opening the 45-pair bachelorscan, against the floor measured in the
// same run: a page with only React and SurveyJS rendering the same form from the same JSON
// (bench/floor/). Bytes are counted on the wire by a TCP pass-through in front of each server,
// so the service worker's own requests count too.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, connect, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import react from "@vitejs/plugin-react";
import { Hono } from "hono";
import { compress } from "hono/compress";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { build } from "vite";
import { createRound, startAppServer, type AppServer } from "../test/support/app-server.ts";
import { launchChromium } from "../test/support/browser.ts";
import { precompress } from "../vite.config.ts";
import { verdict } from "./measure.ts";
import type { BenchSection } from "./run.ts";

const RUNS = Number(process.env.BENCH_RESPONDENT_RUNS ?? 3);
const slowPhone = { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

/** A TCP pass-through that counts the bytes the server sends to the browser. */
async function countingProxy(targetPort: number): Promise<{ port: number; bytes(): number; reset(): void; close(): void }> {
  let received = 0;
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    upstream.on("data", (chunk: Buffer) => {
      received += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close);
    upstream.on("error", close);
    client.on("close", close);
    upstream.on("close", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("no proxy port");
  return {
    port: address.port,
    bytes: () => received,
    reset: () => {
      received = 0;
    },
    close: () => server.close(),
  };
}

/** The floor page, built like the client (same Vite, same precompression), served like it. */
async function startFloor(formJson: string): Promise<{ port: number; close(): void; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "peilstok-floor-"));
  await build({
    configFile: false,
    root: path.resolve(import.meta.dirname, "floor"),
    logLevel: "error",
    plugins: [react(), precompress()],
    build: { outDir: dir, emptyOutDir: true },
  });
  const root = path.relative(process.cwd(), dir);
  const app = new Hono()
    .get("/form.json", compress({ encoding: "gzip" }), (c) => c.body(formJson, 200, { "content-type": "application/json" }))
    .use("/*", serveStatic({ root, precompressed: true }));
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve({ port: info.port, close: () => server.close(), dir }),
    );
  });
}

async function slowPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, ...slowPhone });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return page;
}

function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "nl-NL" });
}

// Records, in the page's own clock (0 = navigation start), when the first question is on screen.
const firstQuestionProbe = `
  new MutationObserver((_, observer) => {
    const question = document.querySelector(".sd-question[data-name]");
    if (!question || !question.getBoundingClientRect().height) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstQuestion = performance.now(); });
  }).observe(document, { childList: true, subtree: true });
`;

/** Opens `url` and returns the time until the first question showed, in the page's clock. */
async function visit(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __firstQuestion?: number }).__firstQuestion !== undefined, null, {
    timeout: 120_000,
  });
  return page.evaluate(() => (window as unknown as { __firstQuestion: number }).__firstQuestion);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export const respondentBench: BenchSection = {
  name: "respondent",
  async run() {
    console.log(
      `Chromium, 360 px phone, 1.6 Mbit/s down, 150 ms RTT, 4× CPU slowdown; the bachelorscan; median of ${RUNS} fresh visits each`,
    );
    let app: AppServer | undefined;
    let browser: Browser | undefined;
    const cleanup: (() => void)[] = [];
    try {
      app = await startAppServer();
      const {
        links: [link],
      } = await createRound(app, { scanId: "bachelorscan" });
      const token = new URL(link!).pathname.split("/").pop()!;
      const formJson = await (await fetch(`${app.url}/api/respond/${token}`)).text();
      const floor = await startFloor(formJson);
      cleanup.push(floor.close, () => rmSync(floor.dir, { recursive: true, force: true }));
      const appProxy = await countingProxy(Number(new URL(app.url).port));
      const floorProxy = await countingProxy(floor.port);
      cleanup.push(appProxy.close, floorProxy.close);
      const ours = `http://127.0.0.1:${appProxy.port}/r/${token}`;
      const floorUrl = `http://127.0.0.1:${floorProxy.port}/`;
      browser = await launchChromium();

      // The form's JSON as the page gets it (gzip), headers included: what a second visit needs anyway.
      appProxy.reset();
      await fetch(`http://127.0.0.1:${appProxy.port}/api/respond/${token}`, { headers: { "accept-encoding": "gzip, deflate, br" } }).then(
        (r) => r.arrayBuffer(),
      );
      const formBytes = appProxy.bytes();

      const oursTimes: number[] = [];
      const floorTimes: number[] = [];
      const firstBytes: number[] = [];
      const floorBytes: number[] = [];
      const secondBytes: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // Floor and ours take turns, each in a fresh browser context (empty caches).
        const floorContext = await phoneContext(browser);
        await floorContext.addInitScript(firstQuestionProbe);
        floorProxy.reset();
        floorTimes.push(await visit(await slowPage(floorContext), floorUrl));
        floorBytes.push(floorProxy.bytes());
        await floorContext.close();

        const context = await phoneContext(browser);
        await context.addInitScript(firstQuestionProbe);
        const page = await slowPage(context);
        appProxy.reset();
        oursTimes.push(await visit(page, ours));
        // The first visit is over once the service worker has kept the app.
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
        await page.waitForLoadState("networkidle");
        firstBytes.push(appProxy.bytes());

        appProxy.reset();
        const again = await slowPage(context);
        await visit(again, ours);
        await again.waitForLoadState("networkidle");
        secondBytes.push(appProxy.bytes() - formBytes);
        await context.close();
      }

      const first = median(firstBytes);
      const second = median(secondBytes);
      const oursMs = median(oursTimes);
      const floorMs = median(floorTimes);
      const ratio = oursMs / floorMs;
      console.log(`form JSON on the wire (gzip, with headers): ${kB(formBytes)}`);
      console.log(`first visit, bytes: ${kB(first)} (floor page: ${kB(median(floorBytes))}); goal ≤ 400 kB: ${verdict(first <= 400_000)}`);
      console.log(
        `first question visible: ${oursMs.toFixed(0)} ms, floor ${floorMs.toFixed(0)} ms, ratio ${ratio.toFixed(2)}; goal ≤ 1.5: ${verdict(ratio <= 1.5)}`,
      );
      console.log(`second visit, bytes besides the form's JSON: ${kB(second)}; goal < 10 kB: ${verdict(second < 10_000)}`);
      console.log(`  (runs: ours ${oursTimes.map((t) => t.toFixed(0)).join(", ")} ms; floor ${floorTimes.map((t) => t.toFixed(0)).join(", ")} ms)`);
    } finally {
      await browser?.close();
      for (const fn of cleanup) fn();
      await app?.dispose();
    }
  },
};
