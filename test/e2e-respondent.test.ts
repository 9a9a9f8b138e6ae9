// The respondent page end to end: the real server process on each database, the built client,
// the shipped scans, real Chromium on a phone-sized screen.
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createRound, type AppServer } from "./support/app-server.ts";
import { backends } from "./support/db.ts";
import { useAppServer, useChromium } from "./support/e2e.ts";
import { budget } from "./support/timing.ts";
import { newPhoneContext, watchPage } from "./support/browser.ts";
import {
  answerFor,
  answerPage,
  answerQuestion,
  currentPageTitle,
  finish,
  formOnServer,
  localResponse,
  nextPage,
  offlineText,
  submit,
  submitThroughApi,
  tokenOf,
  waitUntilSaved,
  type Answer,
} from "./support/respondent.ts";

let server: AppServer;
let browser: Browser;
useChromium((started) => (browser = started));

const serverForm = (link: string) => formOnServer(server.url, link);

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
    const { id, openLink } = await createRound(server, { scanId: "wijkteam-clientvragen", openLink: true, respondents: 0 });
    // Residents interviewed on one tablet: the round is answered on a shared device (by default one browser is one respondent).
    await server.admin("PUT", `/api/admin/rounds/${id}/open-link`, { maxResponses: 1000, perHour: 200, onePerDevice: false });
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
    await submitThroughApi(server.url, fixed.links[0]!);
    await page.goto(fixed.links[0]!);
    await page.getByRole("heading", { name: "Je antwoorden" }).waitFor();
    await page.getByText("kun je je antwoorden na het versturen niet meer wijzigen").waitFor();
    expect(await page.getByRole("button", { name: "Antwoorden wijzigen" }).count()).toBe(0);

    const closing = await createRound(server, {
      scanId: "paraplu-quickscan",
      closesAt: new Date(Date.now() + 4_000),
    });
    await submitThroughApi(server.url, closing.links[0]!);
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
});
