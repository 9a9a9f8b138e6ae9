// The respondent page end to end: the real server process on each database, the built client,
// the shipped scans, real Chromium on a phone-sized screen.
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createRound, type AppServer } from "./support/app-server.ts";
import { backends } from "./support/db.ts";
import { useAppServer, useChromium } from "./support/e2e.ts";
import type { BrowserContext } from "playwright-core";
import { budget } from "./support/timing.ts";
import { newPhoneContext, seriousAxeViolations, watchPage } from "./support/browser.ts";
import {
  answerPage,
  answerQuestion,
  currentPageTitle,
  firstOptionAnswers,
  isNotApplicableMark,
  localResponse,
  nextPage,
  submit,
  tokenOf,
  visibleQuestionNames,
  waitUntilSaved,
  type Answer,
} from "./support/respondent.ts";

/** A phone (touch) below 500 px, a desktop window above; `locale` is the browser's language. */
function phone(browser: Browser, width: number, locale = "nl-NL"): Promise<BrowserContext> {
  const mobile = width < 500;
  return browser.newContext({
    viewport: { width, height: mobile ? 740 : 900 },
    isMobile: mobile,
    hasTouch: mobile,
    locale,
    timezoneId: "Europe/Amsterdam",
  });
}

const offlineText = "Geen verbinding — je antwoorden worden bewaard op dit apparaat";

let server: AppServer;
let browser: Browser;
useChromium((started) => (browser = started));

interface ServerForm {
  round: { state: string; allowEdit: boolean };
  survey: Record<string, unknown>;
  response: null | { id: string; status: string; data: Record<string, unknown>; submittedAt: string | null };
}

async function serverForm(link: string): Promise<ServerForm> {
  const response = await fetch(`${server.url}/api/respond/${tokenOf(link)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ServerForm;
}

async function submitThroughApi(link: string): Promise<void> {
  const form = await serverForm(link);
  const response = await fetch(`${server.url}/api/respond/${tokenOf(link)}/submit`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ responseId: crypto.randomUUID(), data: firstOptionAnswers(form.survey) }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Deterministic answers: option index from the name, so a resumed page can be checked. */
function answerFor(name: string, kind: "choice" | "text"): Answer {
  if (kind === "text") return `Toelichting bij ${name}`;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) % 997;
  return hash % 5;
}

/** Answers every remaining page and presses "Verzenden". */
async function finish(page: Page, choose: typeof answerFor, skip: ReadonlySet<string> = new Set()): Promise<string[]> {
  const answered: string[] = [];
  for (;;) {
    answered.push(...(await answerPage(page, choose, { skip })));
    if (!(await page.getByRole("button", { name: "Volgende" }).isVisible())) break;
    await nextPage(page);
  }
  await submit(page);
  return answered;
}

describe.each(backends)("respondent page on %s", (backend) => {
  useAppServer(backend, (started) => (server = started));

  it("lets a respondent fill in the bachelorscan on a phone, resume after closing halfway, submit and see their answers", async () => {
    const {
      links: [link],
    } = await createRound(server, { scanId: "bachelorscan" });
    const context = await newPhoneContext(browser);
    let page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(link!);

    await page.locator(".pk-progress").waitFor();
    const answered = new Set<string>();
    for (const name of await answerPage(page, answerFor)) answered.add(name);
    await nextPage(page);
    for (const name of await answerPage(page, answerFor)) answered.add(name);
    await nextPage(page);
    const resumeTitle = await currentPageTitle(page);
    for (const name of await answerPage(page, answerFor, { limit: 4 })) answered.add(name);
    await waitUntilSaved(page);
    await page.close();

    // Another device: the server's draft brings them to the first page with open questions.
    const otherDevice = await newPhoneContext(browser);
    const other = await otherDevice.newPage();
    await other.goto(link!);
    await expect.poll(() => currentPageTitle(other)).toBe(resumeTitle);
    await otherDevice.close();

    // The same phone: back on the page they left, with every answer in place.
    page = await context.newPage();
    watchPage(page);
    await page.goto(link!);
    await expect.poll(() => currentPageTitle(page)).toBe(resumeTitle);
    const local = await localResponse(page, tokenOf(link!));
    expect(Object.keys(local?.data ?? {}).sort()).toEqual([...answered].sort());
    expect((await serverForm(link!)).response?.data).toEqual(local?.data);

    for (const name of await finish(page, answerFor, answered)) answered.add(name);
    await page.getByRole("heading", { name: "Bedankt voor het invullen" }).waitFor();

    await page.getByRole("button", { name: "Bekijk je antwoorden" }).click();
    await page.getByRole("heading", { name: "Je antwoorden" }).waitFor();
    await expect.poll(() => page.locator(".sd-question[data-name]").count()).toBeGreaterThanOrEqual(90);

    const stored = await serverForm(link!);
    expect(stored.response?.status).toBe("submitted");
    expect(Object.keys(stored.response?.data ?? {}).sort()).toEqual([...answered].sort());

    // Coming back through the link shows the submitted answers, changeable while the round is open.
    await page.goto(link!);
    await page.getByRole("heading", { name: "Je antwoorden" }).waitFor();
    await page.getByRole("button", { name: "Antwoorden wijzigen" }).waitFor();
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it("lets a quickscan team mark an element 'n.v.t. / nu geen prioriteit': its rating goes, and is neither required nor stored", async () => {
    const {
      links: [link],
    } = await createRound(server, { scanId: "paraplu-quickscan" });
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(link!);
    const rating = page.locator('.sd-question[data-name="missie"]');
    await rating.waitFor();
    await page.locator('.sd-question[data-name="missie__nvt"]').getByText("n.v.t. / nu geen prioriteit").click();
    await rating.waitFor({ state: "hidden" });
    // Every other question on the page answered; the marked element asks for nothing.
    const answered = await answerPage(page, answerFor);
    expect(answered).not.toContain("missie");
    await nextPage(page);
    await expect.poll(async () => (await localResponse(page, tokenOf(link!)))?.data).toMatchObject({ missie__nvt: ["nvt"] });
    expect((await localResponse(page, tokenOf(link!)))?.data).not.toHaveProperty("missie");
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it("lets a respondent fill in the paraplu quickscan, with help lists rendered and markup in answers shown as text", async () => {
    const {
      links: [link],
    } = await createRound(server, { scanId: "paraplu-quickscan" });
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(link!);

    // Help texts use the Markdown subset: the checklist under "Missie" is a real list (in the
    // panel that holds the element's rating and its n.v.t. box).
    const missie = page.locator(".sd-panel", { has: page.locator('.sd-question[data-name="missie"]') });
    await expect.poll(() => missie.locator("li").count()).toBeGreaterThanOrEqual(3);

    const attack = `<img src=x onerror="window.__injected=1;alert('xss')"><script>window.__injected=2</script>`;
    const choose = (name: string, kind: "choice" | "text"): Answer => (kind === "text" ? attack : answerFor(name, kind));
    await answerPage(page, choose);
    await nextPage(page);
    const lastTwo = await answerPage(page, choose, { limit: 2 });
    // Reloaded before the debounced autosave ran: the answers come back from this device and
    // then reach the server.
    await page.reload();
    await expect.poll(() => currentPageTitle(page)).not.toBe("");
    await waitUntilSaved(page);
    const saved = (await serverForm(link!)).response?.data ?? {};
    for (const name of lastTwo) expect(saved).toHaveProperty(name);
    await finish(page, choose, new Set(Object.keys((await localResponse(page, tokenOf(link!)))?.data ?? {})));
    await page.getByRole("heading", { name: "Bedankt voor het invullen" }).waitFor();

    // From the server, through the link, in display mode: the answer is visible text.
    await page.goto(link!);
    await page.getByRole("heading", { name: "Je antwoorden" }).waitFor();
    const texts = await page.locator(".sd-question textarea, .sd-question .sd-comment").evaluateAll((els) =>
      els.map((el) => (el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? ""))),
    );
    expect(texts.some((text) => text.includes(`<img src=x onerror=`))).toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    const stored = await serverForm(link!);
    expect(Object.values(stored.response?.data ?? {})).toContain(attack);

    // Changing the answers while the round is open: the server keeps the submitted version
    // until the changed one is sent.
    await page.getByRole("button", { name: "Antwoorden wijzigen" }).click();
    await page.locator('.sd-question[data-name="missie"]').waitFor();
    const newMissie = stored.response?.data.missie === 5 ? 1 : 5;
    await answerQuestion(page, "missie", newMissie - 1);
    await page.getByText("Wijzigingen bewaard op dit apparaat").waitFor();
    expect((await serverForm(link!)).response?.data).toEqual(stored.response?.data);
    const leaveAsIs = () => "";
    await finish(page, leaveAsIs);
    await page.getByRole("heading", { name: "Bedankt voor het invullen" }).waitFor();
    const changed = await serverForm(link!);
    expect(changed.response?.status).toBe("submitted");
    expect(changed.response?.data).toEqual({ ...stored.response?.data, missie: newMissie });
    await context.close();
  });

  it("keeps each visitor of an open link to their own response, resumable on their own device", async () => {
    const { openLink } = await createRound(server, { scanId: "wijkteam-clientvragen", openLink: true, respondents: 0 });
    const visitor = await newPhoneContext(browser);
    let page = await visitor.newPage();
    await page.goto(openLink!);
    await answerPage(page, (name) => `Antwoord van bezoeker A op ${name}`, { limit: 2 });
    await waitUntilSaved(page);
    await page.close();

    page = await visitor.newPage();
    await page.goto(openLink!);
    await page.locator(".sd-question[data-name] textarea").first().waitFor();
    const restored = await page.locator(".sd-question[data-name] textarea").evaluateAll((els) =>
      els.map((el) => (el as HTMLTextAreaElement).value),
    );
    expect(restored.filter((v) => v.startsWith("Antwoord van bezoeker A"))).toHaveLength(2);

    const stranger = await newPhoneContext(browser);
    const other = await stranger.newPage();
    await other.goto(openLink!);
    await other.locator(".sd-question[data-name] textarea").first().waitFor();
    const theirs = await other.locator(".sd-question[data-name] textarea").evaluateAll((els) =>
      els.map((el) => (el as HTMLTextAreaElement).value),
    );
    expect(theirs.every((v) => v === "")).toBe(true);

    await submit(page);
    await page.getByRole("heading", { name: "Bedankt voor het invullen" }).waitFor();
    await page.goto(openLink!);
    await page.getByRole("heading", { name: "Je antwoorden" }).waitFor();

    // One tablet, the next resident: a new, empty response; the first one stays submitted.
    await page.getByRole("button", { name: "Nieuwe reactie invullen (volgende persoon)" }).click();
    await page.locator(".sd-question[data-name] textarea").first().waitFor();
    const fresh = await page.locator(".sd-question[data-name] textarea").evaluateAll((els) =>
      els.map((el) => (el as HTMLTextAreaElement).value),
    );
    expect(fresh.every((v) => v === "")).toBe(true);
    await stranger.close();
    await visitor.close();
  });

  it("keeps answers on the phone while the server is unreachable and sends them when it is back", async () => {
    const {
      links: [link],
    } = await createRound(server, { scanId: "paraplu-quickscan" });
    const token = tokenOf(link!);
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    watchPage(page);
    await page.goto(link!);
    await answerPage(page, answerFor);
    await nextPage(page);
    await waitUntilSaved(page);

    // The connection drops: answers stay on the device, the respondent is told so.
    await page.route("**/api/respond/**", (route) => route.abort("internetdisconnected"));
    const [first] = await answerPage(page, answerFor, { limit: 1 });
    await page.getByText(offlineText).waitFor();
    const local = await localResponse(page, token);
    expect(local?.dirty).toBe(true);
    expect(local?.data).toHaveProperty(first!);
    expect((await serverForm(link!)).response?.data).not.toHaveProperty(first!);

    // Reopening the link without a connection to the API shows the form from this device.
    const pageTitle = await currentPageTitle(page);
    await page.reload();
    await page.getByText(offlineText).waitFor();
    await expect.poll(() => currentPageTitle(page)).toBe(pageTitle);
    expect((await localResponse(page, token))?.data).toHaveProperty(first!);

    // The connection is back: the retry delivers the draft.
    await page.unroute("**/api/respond/**");
    await waitUntilSaved(page);
    expect((await serverForm(link!)).response?.data).toHaveProperty(first!);

    // The server goes down while the page is open; the submit waits for it.
    await server.stop();
    await finish(page, answerFor, new Set(Object.keys((await localResponse(page, token))?.data ?? {})));
    await page.getByRole("heading", { name: "Nog niet verstuurd" }).waitFor();
    expect((await localResponse(page, token))?.submitPending).toBe(true);

    await server.start();
    await page.getByRole("heading", { name: "Bedankt voor het invullen" }).waitFor({ timeout: budget(60_000) });
    const stored = await serverForm(link!);
    expect(stored.response?.status).toBe("submitted");
    expect(stored.response?.data).toEqual((await localResponse(page, token))?.data);
    await context.close();
  });

  it("tells the respondent clearly when a link is unknown, not open yet, closed, or not changeable", async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();

    await page.goto(`${server.url}/r/${"x".repeat(43)}`);
    await page.getByRole("heading", { name: "Deze link werkt niet" }).waitFor();

    const later = await createRound(server, {
      scanId: "paraplu-quickscan",
      opensAt: new Date(Date.now() + 86_400_000),
      closesAt: new Date(Date.now() + 2 * 86_400_000),
    });
    await page.goto(later.links[0]!);
    await page.getByRole("heading", { name: "Deze scan is nog niet geopend" }).waitFor();

    const fixed = await createRound(server, { scanId: "paraplu-quickscan", allowEdit: false });
    await submitThroughApi(fixed.links[0]!);
    await page.goto(fixed.links[0]!);
    await page.getByRole("heading", { name: "Je antwoorden" }).waitFor();
    await page.getByText("kun je je antwoorden na het versturen niet meer wijzigen").waitFor();
    expect(await page.getByRole("button", { name: "Antwoorden wijzigen" }).count()).toBe(0);

    const closing = await createRound(server, {
      scanId: "paraplu-quickscan",
      closesAt: new Date(Date.now() + 4_000),
    });
    await submitThroughApi(closing.links[0]!);
    // Wait until the server's clock has passed the closing time.
    await expect.poll(async () => (await serverForm(closing.links[0]!)).round.state, { interval: 250 }).toBe("closed");
    await page.goto(closing.links[0]!);
    await page.getByText("Deze ronde is gesloten").first().waitFor();
    await page.getByText("niet meer wijzigen").waitFor();
    await expect.poll(() => page.locator(".sd-question[data-name]").count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "Antwoorden wijzigen" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Verzenden" }).count()).toBe(0);
    await context.close();
  });

  // What follows is about the page in the browser, not the database: one backend suffices.
  const browserOnly = backend === "embedded";

  it.runIf(browserOnly)(
    "answers a pair in two taps on a 360 px phone: one row of buttons per side, the scale's end labels shown, names that say the statement and the side",
    async () => {
      const {
        links: [link],
      } = await createRound(server, { scanId: "bachelorscan" });
      const context = await phone(browser, 360);
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

  it.runIf(browserOnly)("says which theme you are on and about how long is left, from the scan's estimate", async () => {
    const {
      links: [link],
    } = await createRound(server, { scanId: "bachelorscan" });
    const form = (await serverForm(link!)) as ServerForm & { estimate: { minutes: number; pageSeconds: Record<string, number> } };
    expect(form.estimate.minutes).toBeGreaterThan(10);
    const context = await phone(browser, 360);
    const page = await context.newPage();
    await page.goto(link!);
    const progress = page.getByTestId("progress-text");
    await expect.poll(() => progress.textContent()).toBe(`Thema 1 van 9 · invullen duurt ongeveer ${form.estimate.minutes} minuten`);
    await answerPage(page, answerFor);
    await nextPage(page);
    const left = Object.entries(form.estimate.pageSeconds)
      .slice(1)
      .reduce((sum, [, seconds]) => sum + seconds, 0);
    await expect.poll(() => progress.textContent()).toBe(`Thema 2 van 9 · ongeveer ${Math.round(left / 60)} minuten te gaan`);
    await waitUntilSaved(page);
    expect(await page.locator(".save-status").textContent()).toBe("Je antwoorden zijn bewaard");
    await context.close();
  });

  it.runIf(browserOnly)(
    "shows a scan in the browser's language when it has it, switches language with SurveyJS's own texts, and remembers the choice per link",
    async () => {
      const {
        links: [link],
      } = await createRound(server, { scanId: "paraplu-quickscan" });
      const context = await phone(browser, 360, "en-GB");
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

  it.runIf(browserOnly)(
    "opens the form and the saved answers on a reload without any connection, and sends the queued answers when it is back",
    async () => {
      const {
        links: [link],
      } = await createRound(server, { scanId: "paraplu-quickscan" });
      const token = tokenOf(link!);
      const context = await phone(browser, 360);
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
      await page.getByRole("heading", { name: "Bedankt voor het invullen" }).waitFor({ timeout: 30_000 });
      const stored = await serverForm(link!);
      expect(stored.response?.status).toBe("submitted");
      expect(stored.response?.data).toEqual((await localResponse(page, token))?.data);
      expect(seen.errors).toEqual([]);
      await context.close();
    },
  );

  it.runIf(browserOnly)("serves the page's files compressed, with their length, and caches only the hashed ones", async () => {
    const {
      links: [link],
    } = await createRound(server, { scanId: "bachelorscan" });
    const context = await phone(browser, 360);
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

  it.runIf(browserOnly)("can be filled in and sent with the keyboard alone, with the focus always visible", async () => {
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

  it.runIf(browserOnly)(
    "has no serious or critical accessibility problems on any respondent page at 360 px and at 1280 px",
    async () => {
      const bachelor = await createRound(server, { scanId: "bachelorscan" });
      const later = await createRound(server, {
        scanId: "paraplu-quickscan",
        opensAt: new Date(Date.now() + 86_400_000),
        closesAt: new Date(Date.now() + 2 * 86_400_000),
      });
      const closing = await createRound(server, { scanId: "paraplu-quickscan", closesAt: new Date(Date.now() + 4_000) });
      await submitThroughApi(closing.links[0]!);
      for (const width of [360, 1280]) {
        const quick = await createRound(server, { scanId: "paraplu-quickscan" });
        const context = await phone(browser, width);
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
        await context.close();
      }
    },
  );
});
