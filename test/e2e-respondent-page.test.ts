// The respondent page in the browser: layout on a phone, language, the service worker offline,
// compressed files, the keyboard, accessibility. About the page, not the database, so on one
// backend (the embedded one, as `npm start` runs); the flows on both backends are in
// e2e-respondent.test.ts. A file of its own, so the two run side by side.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../dsl/index.ts";
import { validAnswers } from "./support/app.ts";
import type { Browser } from "playwright-core";
import { createRound, type AppServer } from "./support/app-server.ts";
import { useAppServer, useChromium } from "./support/e2e.ts";
import { budget } from "./support/timing.ts";
import { seriousAxeViolations, watchPage } from "./support/browser.ts";
import {
  answerFor,
  answerPage,
  currentPageTitle,
  finish,
  isNotApplicableMark,
  formOnServer,
  localResponse,
  nextPage,
  offlineText,
  screenContext,
  submitThroughApi,
  tokenOf,
  visibleQuestionNames,
  waitUntilSaved,
  type ServerForm,
} from "./support/respondent.ts";

let server: AppServer;
let browser: Browser;
const shots = process.env.SCREENSHOTS;
useChromium((started) => (browser = started));

const serverForm = (link: string) => formOnServer(server.url, link);

describe("respondent page in the browser", () => {
  useAppServer("embedded", (started) => (server = started));

  it(
    "answers a pair in two taps on a 360 px phone: one row of buttons per side, the scale's end labels shown, names that say the statement and the side",
    async () => {
      const {
        links: [link],
      } = await createRound(server, { scanId: "bachelorscan" });
      const context = await screenContext(browser, 360);
      const page = await context.newPage();
      await page.goto(link!);
      const pair = page.locator(".pk-pair").first();
      await pair.waitFor();
      expect(await page.locator(".sd-dropdown").count()).toBe(0);

      // Five buttons a side, in one row, inside the screen, each at least 44 px high.
      for (const side of ["ek-1__current", "ek-1__desired"]) {
        const boxes = await page.locator(`.sd-question[data-name="${side}"] .sd-rating__item`).evaluateAll((els) =>
          els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect),
        );
        expect(boxes).toHaveLength(5);
        expect(new Set(boxes.map((b) => Math.round(b.top))).size, side).toBe(1);
        for (const box of boxes) {
          expect(box.left).toBeGreaterThanOrEqual(0);
          expect(box.right).toBeLessThanOrEqual(360);
          expect(box.height).toBeGreaterThanOrEqual(44);
          expect(box.width).toBeGreaterThanOrEqual(40);
        }
      }
      // The end labels, once per pair, under the last row.
      await pair.locator(".sd-rating__min-text:visible", { hasText: "helemaal niet" }).waitFor();
      await pair.locator(".sd-rating__max-text:visible", { hasText: "in hoge mate" }).waitFor();
      expect(await pair.locator(".sd-rating__min-text:visible").count()).toBe(1);

      // Screen readers hear the statement with the side, and each number's meaning.
      const statement = "Studenten leren in een gesprek eerst te vragen wat een burger zelf al doet en kan, voordat zij hulp aanbieden.";
      const now = page.getByRole("radiogroup", { name: `${statement} Nu` });
      const desired = page.getByRole("radiogroup", { name: `${statement} Gewenst` });
      await now.getByRole("radio", { name: "2: in geringe mate" }).waitFor({ state: "attached" });

      await page.locator('.sd-question[data-name="ek-1__current"] .sd-rating__item').nth(1).tap();
      await page.locator('.sd-question[data-name="ek-1__desired"] .sd-rating__item').nth(3).tap();
      expect(await now.getByRole("radio", { name: "2: in geringe mate" }).isChecked()).toBe(true);
      expect(await desired.getByRole("radio", { name: "4: in ruime mate" }).isChecked()).toBe(true);
      await expect
        .poll(async () => (await localResponse(page, tokenOf(link!)))?.data)
        .toEqual({ "ek-1__current": 2, "ek-1__desired": 4 });
      await context.close();
    },
  );

  it("says which theme you are on and about how long is left, from the scan's estimate", async () => {
    const {
      links: [link],
    } = await createRound(server, { scanId: "bachelorscan" });
    const form = (await serverForm(link!)) as ServerForm & { estimate: { minutes: number; pageSeconds: Record<string, number> } };
    expect(form.estimate.minutes).toBeGreaterThan(10);
    const context = await screenContext(browser, 360);
    const page = await context.newPage();
    await page.goto(link!);
    const progress = page.getByTestId("progress-text");
    // The bachelorscan's 8 themes; its closing page is no theme (see the next test).
    await expect.poll(() => progress.textContent()).toBe(`Thema 1 van 8 · invullen duurt ongeveer ${form.estimate.minutes} minuten`);
    await answerPage(page, answerFor);
    await nextPage(page);
    const left = Object.entries(form.estimate.pageSeconds)
      .slice(1)
      .reduce((sum, [, seconds]) => sum + seconds, 0);
    await expect.poll(() => progress.textContent()).toBe(`Thema 2 van 8 · ongeveer ${Math.round(left / 60)} minuten te gaan`);
    await waitUntilSaved(page);
    expect(await page.locator(".save-status").textContent()).toBe("Je antwoorden zijn bewaard");
    await context.close();
  });

  it("counts themes only: the closing page (a `page` in the scan file) shows its own title", async () => {
    const {
      links: [link],
    } = await createRound(server, { scanId: "bachelorscan" });
    const form = (await serverForm(link!)) as ServerForm & { themes: string[]; estimate: { pageSeconds: Record<string, number> } };
    expect(form.themes).toHaveLength(8);
    expect(form.themes).not.toContain("afsluiting");
    // Every theme answered on another device: the form opens on the first page left, the closing page.
    const { result } = compile({ name: "bachelorscan.scan", text: readFileSync("scans/bachelorscan.scan", "utf8") });
    const { opmerkingen: _remarks, ...answers } = validAnswers(result!.model);
    const draft = await fetch(`${server.url}/api/respond/${tokenOf(link!)}/draft`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ responseId: randomUUID(), data: answers }),
    });
    expect(draft.status).toBe(200);
    const context = await screenContext(browser, 360);
    const page = await context.newPage();
    await page.goto(link!);
    const minutes = Math.max(1, Math.round(form.estimate.pageSeconds["afsluiting"]! / 60));
    await expect
      .poll(() => page.getByTestId("progress-text").textContent())
      .toBe(`Tot slot · ongeveer ${minutes} ${minutes === 1 ? "minuut" : "minuten"} te gaan`);
    await context.close();
  });

  it(
    "shows a scan in the browser's language when it has it, switches language with SurveyJS's own texts, and remembers the choice per link",
    async () => {
      const {
        links: [link],
      } = await createRound(server, { scanId: "paraplu-quickscan" });
      const context = await screenContext(browser, 360, "en-GB");
      const page = await context.newPage();
      await page.goto(link!);
      await page.locator(".sd-title", { hasText: "Umbrella model quick scan" }).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByText("Response required.").first().waitFor();
      expect(await page.getByTestId("progress-text").textContent()).toMatch(/^Theme 1 of 3 · takes about \d+ minutes$/);

      await page.getByRole("button", { name: "Nederlands" }).click();
      await page.locator(".sd-title", { hasText: "Paraplumodel quickscan" }).first().waitFor();
      await page.getByText("Dit is een vereiste vraag").first().waitFor();
      await page.getByRole("button", { name: "Volgende" }).waitFor();
      expect(await page.getByRole("button", { name: "Nederlands" }).getAttribute("aria-pressed")).toBe("true");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("nl");

      await page.reload();
      await page.locator(".sd-title", { hasText: "Paraplumodel quickscan" }).first().waitFor();

      // A scan in Dutch only has no switch.
      const dutchOnly = await createRound(server, { scanId: "bachelorscan" });
      await page.goto(dutchOnly.links[0]!);
      await page.locator(".pk-pair").first().waitFor();
      expect(await page.getByRole("button", { name: "English" }).count()).toBe(0);
      await context.close();
    },
  );

  it(
    "opens the privacy page and the accessibility statement in the form's language, in English when the address or the browser asks, each with a switch back to Dutch and no serious axe issue at 360 px",
    async () => {
      // The organisation's own periods, one of them singular (put back at the end).
      const before = await server.admin<{ settings: { retentionMonths: number; auditRetentionMonths: number } }>("GET", "/api/admin/settings");
      await server.admin("PATCH", "/api/admin/settings", { retentionMonths: 1, auditRetentionMonths: 30 });
      const {
        links: [link],
      } = await createRound(server, { scanId: "paraplu-quickscan" });
      const context = await screenContext(browser, 360);
      const page = await context.newPage();
      const seen = watchPage(page);
      const lang = () => page.evaluate(() => document.documentElement.lang);
      const main = () => page.locator("main").textContent();
      const check = async (where: string) => {
        const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
        if (shots) await page.screenshot({ path: `${shots}/${where.replaceAll(" ", "-")}-360.png`, fullPage: true });
        expect(width.scroll, `${where} is wider than the screen`).toBeLessThanOrEqual(width.inner);
        expect(await seriousAxeViolations(page), `${where} at 360 px`).toEqual([]);
      };

      // From a form switched to English, the footer leads to the English privacy page.
      await page.goto(link!);
      await page.locator(".sd-title", { hasText: "Paraplumodel quickscan" }).first().waitFor();
      expect(await page.getByRole("link", { name: "Privacy" }).getAttribute("href")).toBe("/privacy?lang=nl");
      await page.getByRole("button", { name: "English" }).click();
      await page.locator(".sd-title", { hasText: "Umbrella model quick scan" }).first().waitFor();
      expect(await page.getByRole("link", { name: "Accessibility" }).getAttribute("href")).toBe("/toegankelijkheid?lang=en");
      await page.getByRole("link", { name: "Privacy" }).click();
      await page.getByRole("heading", { level: 1, name: "Privacy at Peilstok" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "What Peilstok stores" }).waitFor();
      await page.locator("html[lang=en]").waitFor({ state: "attached" });
      expect(await page.title()).toBe("Privacy at Peilstok");
      await expect.poll(main).toContain("deleted 1 month after the round closes");
      expect(await main()).toContain("kept for 30 months");
      expect(await main()).not.toContain("maand");
      expect(await page.getByRole("link", { name: "English" }).getAttribute("aria-current")).toBe("page");
      expect(await page.getByRole("link", { name: "Nederlands" }).getAttribute("lang")).toBe("nl");
      await check("privacy in English");

      // Its switch goes to Dutch, at an address of its own.
      await page.getByRole("link", { name: "Nederlands" }).click();
      await page.getByRole("heading", { level: 1, name: "Privacy bij Peilstok" }).waitFor();
      expect(await lang()).toBe("nl");
      expect(await page.title()).toBe("Privacy bij Peilstok");
      expect(new URL(page.url()).search).toBe("?lang=nl");
      await expect.poll(main).toContain("1 maand na het sluiten");
      expect(await main()).toContain("30 maanden bewaard");
      await check("privacy in Dutch");

      // The accessibility statement in English through its address; the same claims in both languages.
      await page.goto(`${server.url}/toegankelijkheid?lang=en`);
      await page.getByRole("heading", { level: 1, name: "Accessibility statement" }).waitFor();
      expect(await lang()).toBe("en");
      expect(await page.title()).toBe("Accessibility statement — Peilstok");
      await page.getByRole("heading", { level: 2, name: "What we test" }).waitFor();
      const shape = () => page.locator("article").evaluate((el) => ({ headings: el.querySelectorAll("h2").length, claims: el.querySelectorAll("li").length }));
      const english = await shape();
      await check("accessibility statement in English");
      await page.getByRole("link", { name: "Nederlands" }).click();
      await page.getByRole("heading", { level: 1, name: "Toegankelijkheidsverklaring" }).waitFor();
      expect(await lang()).toBe("nl");
      expect(await page.title()).toBe("Toegankelijkheidsverklaring — Peilstok");
      expect(await shape()).toEqual(english);
      expect(english.claims).toBeGreaterThanOrEqual(10);
      await check("accessibility statement in Dutch");

      // Without ?lang=, a Dutch browser gets Dutch.
      await page.goto(`${server.url}/privacy`);
      await page.getByRole("heading", { level: 1, name: "Privacy bij Peilstok" }).waitFor();
      expect(seen.errors).toEqual([]);
      await context.close();

      // A browser that prefers English gets English without asking; the admin login's link stays Dutch.
      const english360 = await screenContext(browser, 360, "en-GB");
      const other = await english360.newPage();
      await other.goto(`${server.url}/toegankelijkheid`);
      await other.getByRole("heading", { level: 1, name: "Accessibility statement" }).waitFor();
      expect(await other.evaluate(() => document.documentElement.lang)).toBe("en");
      await other.goto(`${server.url}/admin`);
      await other.getByRole("link", { name: "Privacy: wat Peilstok bewaart en hoe lang" }).click();
      await other.getByRole("heading", { level: 1, name: "Privacy bij Peilstok" }).waitFor();
      expect(await other.evaluate(() => document.documentElement.lang)).toBe("nl");
      await english360.close();
      const { retentionMonths, auditRetentionMonths } = before.settings;
      await server.admin("PATCH", "/api/admin/settings", { retentionMonths, auditRetentionMonths });
    },
  );

  it(
    "opens the form and the saved answers on a reload without any connection, and sends the queued answers when it is back",
    async () => {
      const {
        links: [link],
      } = await createRound(server, { scanId: "paraplu-quickscan" });
      const token = tokenOf(link!);
      const context = await screenContext(browser, 360);
      const page = await context.newPage();
      const seen = watchPage(page);
      await page.goto(link!);
      await answerPage(page, answerFor);
      await waitUntilSaved(page);
      // The service worker has kept the app.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

      await context.setOffline(true);
      await page.reload();
      await page.getByText(offlineText).waitFor();
      const kept = (await localResponse(page, token))?.data ?? {};
      const answered = Object.keys(kept);
      expect(answered.length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(kept)) {
        const question = page.locator(`.sd-question[data-name="${name}"]`);
        if (typeof value === "number") {
          expect(await question.locator(".sd-rating__item--selected").textContent(), name).toBe(String(value));
        } else {
          expect(await question.locator("textarea").inputValue(), name).toBe(value);
        }
      }
      await nextPage(page);
      await finish(page, answerFor, new Set(answered));
      await page.getByRole("heading", { name: "Nog niet verstuurd" }).waitFor();
      expect((await serverForm(link!)).response?.status ?? "none").not.toBe("submitted");

      await context.setOffline(false);
      await page.getByRole("heading", { name: "Bedankt voor het invullen" }).waitFor({ timeout: budget(60_000) });
      const stored = await serverForm(link!);
      expect(stored.response?.status).toBe("submitted");
      expect(stored.response?.data).toEqual((await localResponse(page, token))?.data);
      expect(seen.errors).toEqual([]);
      await context.close();
    },
  );

  it("serves the page's files compressed, with their length, and caches only the hashed ones", async () => {
    const {
      links: [link],
    } = await createRound(server, { scanId: "bachelorscan" });
    const context = await screenContext(browser, 360);
    const page = await context.newPage();
    const scripts: { url: string; headers: Record<string, string> }[] = [];
    page.on("response", (response) => {
      if (/\/assets\/.*\.(js|css)$/.test(response.url())) scripts.push({ url: response.url(), headers: response.headers() });
    });
    const html = await page.goto(link!);
    expect(html?.headers()["cache-control"]).toBe("no-store");
    await page.locator(".pk-pair").first().waitFor();
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const { url, headers } of scripts) {
      expect(headers["content-encoding"], url).toBe("br");
      expect(headers["vary"], url).toMatch(/accept-encoding/i);
      expect(headers["cache-control"], url).toContain("immutable");
      const response = await fetch(url, { headers: { "accept-encoding": "br" } });
      const body = new Uint8Array(await response.arrayBuffer());
      expect(Number(response.headers.get("content-length")), url).toBeGreaterThan(0);
      expect(response.headers.get("content-encoding")).toBe("br");
      expect(body.byteLength, url).toBeGreaterThan(Number(response.headers.get("content-length")));
    }
    const transfer = await page.evaluate(() =>
      (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
        .filter((e) => e.name.includes("/assets/"))
        .map((e) => ({ transferred: e.transferSize, decoded: e.decodedBodySize })),
    );
    const sum = (key: "transferred" | "decoded") => transfer.reduce((n, e) => n + e[key], 0);
    expect(sum("transferred")).toBeLessThan(sum("decoded") / 4);
    await context.close();
  });

  it("can be filled in and sent with the keyboard alone, with the focus always visible", async () => {
    const {
      links: [link],
    } = await createRound(server, { scanId: "paraplu-quickscan" });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    await page.goto(link!);
    await page.locator(".sd-rating__item").first().waitFor();
    for (let pageNo = 0; ; pageNo++) {
      // The n.v.t. tick boxes are passed on the way to the next rating.
      const names = (await visibleQuestionNames(page)).filter((name) => !isNotApplicableMark(name));
      for (const name of names) {
        const question = page.locator(`.sd-question[data-name="${name}"]`);
        const isRating = (await question.locator(".sd-rating__item").count()) > 0;
        // Tab until the focus is in this question.
        for (let i = 0; i < 40 && !(await question.evaluate((el) => el.contains(document.activeElement))); i++) {
          await page.keyboard.press("Tab");
        }
        expect(await question.evaluate((el) => el.contains(document.activeElement)), name).toBe(true);
        if (isRating) {
          // The first radio has the focus: its button shows a ring.
          const ring = await page.evaluate(() => {
            const label = document.activeElement?.closest("label");
            return label ? getComputedStyle(label).outlineStyle : "none";
          });
          expect(ring, name).not.toBe("none");
          await page.keyboard.press("ArrowRight");
          await page.keyboard.press("Space");
          expect(await question.locator(".sd-rating__item--selected").count(), name).toBe(1);
        } else {
          await page.keyboard.type(`Toelichting bij ${name}`);
        }
      }
      const next = page.getByRole("button", { name: pageNo < 2 ? "Volgende" : "Verzenden" });
      await next.focus();
      expect(await next.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
      const title = await currentPageTitle(page);
      await page.keyboard.press("Enter");
      if (pageNo === 2) break;
      await page.waitForFunction((before) => document.querySelector(".sd-page__title")?.textContent !== before, title);
    }
    await page.getByRole("heading", { name: "Bedankt voor het invullen" }).waitFor();
    expect((await serverForm(link!)).response?.status).toBe("submitted");
    await context.close();
  });

  it(
    "has no serious or critical accessibility problems on any respondent page at 360 px and at 1280 px",
    async () => {
      const bachelor = await createRound(server, { scanId: "bachelorscan" });
      const later = await createRound(server, {
        scanId: "paraplu-quickscan",
        opensAt: new Date(Date.now() + 86_400_000),
        closesAt: new Date(Date.now() + 2 * 86_400_000),
      });
      const closing = await createRound(server, { scanId: "paraplu-quickscan", closesAt: new Date(Date.now() + 4_000) });
      await submitThroughApi(server.url, closing.links[0]!);
      for (const width of [360, 1280]) {
        const quick = await createRound(server, { scanId: "paraplu-quickscan" });
        const context = await screenContext(browser, width);
        const page = await context.newPage();
        const check = async (where: string) => {
          expect(await seriousAxeViolations(page), `${where} at ${width} px`).toEqual([]);
        };
        await page.goto(bachelor.links[0]!);
        await page.locator(".pk-pair").first().waitFor();
        await check("bachelorscan, first page");

        await page.goto(quick.links[0]!);
        await page.locator(".sd-question[data-name]").first().waitFor();
        await check("quickscan, first page");
        await page.getByRole("button", { name: "English" }).click();
        await page.locator(".sd-title", { hasText: "Umbrella model quick scan" }).first().waitFor();
        await check("quickscan in English");
        await page.getByRole("button", { name: "Nederlands" }).click();
        await page.getByRole("button", { name: "Volgende" }).click();
        await page.locator(".sd-question__erbox, .sd-error, [role=alert]").first().waitFor();
        await check("quickscan, required answers missing");
        await answerPage(page, answerFor);
        await nextPage(page);
        await check("quickscan, second page");
        await finish(page, answerFor);
        await page.getByRole("heading", { name: "Bedankt voor het invullen" }).waitFor();
        await check("thank-you page");
        await page.getByRole("button", { name: "Bekijk je antwoorden" }).click();
        await page.locator(".sd-question[data-name]").first().waitFor();
        await check("submitted answers");

        await page.goto(later.links[0]!);
        await page.getByRole("heading", { name: "Deze scan is nog niet geopend" }).waitFor();
        await check("not open yet");
        await expect.poll(() => fetch(`${server.url}/api/respond/${tokenOf(closing.links[0]!)}`).then((r) => r.json()).then((f) => f.round.state)).toBe("closed");
        await page.goto(closing.links[0]!);
        await page.getByText("Deze ronde is gesloten").first().waitFor();
        await check("closed round");
        await page.goto(`${server.url}/r/${"y".repeat(43)}`);
        await page.getByRole("heading", { name: "Deze link werkt niet" }).waitFor();
        await check("unknown link");

        await page.goto(quick.links[0]!);
        await page.getByRole("link", { name: "Toegankelijkheid" }).click();
        await page.getByRole("heading", { name: "Toegankelijkheidsverklaring", level: 1 }).waitFor();
        await check("accessibility statement");
        await page.getByRole("link", { name: "English" }).click();
        await page.getByRole("heading", { name: "Accessibility statement", level: 1 }).waitFor();
        await check("accessibility statement in English");
        await context.close();
      }
    },
  );
});
