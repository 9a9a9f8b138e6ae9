// The results side in real Chromium against the real server: closing a round early from its page
// (the confirmation says what happens) shows the report at once, with the scan's notes, the
// discriminating statements apart and every question; deleting asks and names what goes; a
// Traptrede consultant shares their own step from their own link and takes it back. Each page
// fits a 360 px phone and has no serious axe issue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { firstAdmin, type AppServer } from "./support/app-server.ts";
import { logIn, seriousAxeViolations, watchPage } from "./support/browser.ts";
import { useAppServer, useChromium } from "./support/e2e.ts";
import { firstOptionAnswers } from "./support/respondent.ts";

let browser: Browser;
useChromium((started) => (browser = started));
const shots = process.env.SCREENSHOTS;

interface Created {
  round: { id: string };
  links: { url: string }[];
}

describe("results pages", () => {
  let server: AppServer;
  useAppServer("embedded", (started) => (server = started));
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let admin: { email: string; password: string };
  const ids = { bachelor: "", traptrede: "", consultant: "" };

  async function submit(token: string, data: Record<string, unknown>) {
    const res = await fetch(`${server.url}/api/respond/${token}/submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ responseId: crypto.randomUUID(), data }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }
  const tokenOf = (created: Created, i: number) => created.links[i]!.url.split("/r/")[1]!;

  beforeAll(async () => {
    admin = firstAdmin(server);
    const bachelor = await server.admin<Created>("POST", "/api/admin/rounds", {
      scanId: "bachelorscan",
      title: "Docenten voorjaar",
      group: "Academie",
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      respondents: Array.from({ length: 6 }, (_, i) => ({ name: `Docent ${i + 1}`, email: `docent${i + 1}@example.org` })),
    });
    ids.bachelor = bachelor.round.id;
    const form = (await (await fetch(`${server.url}/api/respond/${tokenOf(bachelor, 0)}`)).json()) as { survey: Record<string, unknown> };
    const base = firstOptionAnswers(form.survey);
    for (let i = 0; i < 5; i++) {
      const data = Object.fromEntries(
        Object.entries(base).map(([k, v]) => [k, typeof v === "number" ? (k.endsWith("desired") ? 5 - (i % 2) : 1 + (i % 3)) : v]),
      );
      await submit(tokenOf(bachelor, i), { ...data, opmerkingen: `Opmerking ${i + 1}` });
    }

    const traptrede = await server.admin<Created>("POST", "/api/admin/rounds", {
      scanId: "traptrede",
      title: "Traptrede najaar",
      group: "Consulenten",
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      respondents: [{ name: "Sanne Consulent", email: "sanne@example.org" }],
    });
    ids.traptrede = traptrede.round.id;
    ids.consultant = tokenOf(traptrede, 0);
    await submit(ids.consultant, { positie: 3, nodig: "Iemand om mee te sparren", steun: ["coaching"], belemmering: "Te weinig tijd" });

    desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
    phone = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  }, 120_000);

  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
  });

  async function check(page: Page, name: string) {
    await page.waitForFunction(() => [...document.querySelectorAll("canvas")].every((c) => c.width > 0));
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    if (shots) await page.screenshot({ path: `${shots}/${name}-${width.inner}.png`, fullPage: true });
    expect(width.scroll, `${name} is wider than the screen`).toBeLessThanOrEqual(width.inner);
    expect(await seriousAxeViolations(page), name).toEqual([]);
  }

  it("closes a round early from its page, after a confirmation that says what happens, and the report shows at once", async () => {
    const page = await desktop.newPage();
    const seen = watchPage(page);
    await logIn(page, server.url, admin.email, admin.password);
    await page.goto(`${server.url}/admin/rounds/${ids.bachelor}/manage`);
    await page.getByRole("heading", { level: 1, name: "Docenten voorjaar" }).waitFor();
    await check(page, "round-open");
    await page.getByRole("button", { name: "Ronde nu sluiten…" }).click();
    const dialog = page.getByRole("dialog", { name: "Ronde nu sluiten?" });
    await dialog.waitFor();
    const text = (await dialog.textContent())!;
    for (const consequence of ["kan niemand meer antwoorden", "alleen om de eigen antwoorden te lezen", "verschijnen de uitkomsten meteen", "persoonlijke links gewist"]) {
      expect(text).toContain(consequence);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Nu sluiten" }).click();
    await page.getByText("De ronde is gesloten. De uitkomsten staan in het rapport.").waitFor();
    await page.getByText("vervroegd gesloten").waitFor();
    await check(page, "round-closed");

    await page.getByRole("navigation", { name: "Deze ronde" }).getByRole("link", { name: "Rapport" }).click();
    await page.getByRole("heading", { level: 1, name: /Bachelorscan/ }).waitFor();
    // The scan's notes first, then the results of the round that just closed.
    await page.getByText("Over deze scan").waitFor();
    expect(await page.locator(".scan-notes").textContent()).toContain("reconstructie");
    await page.getByRole("heading", { name: "Discriminerende stellingen" }).waitFor();
    expect(await page.getByRole("columnheader", { name: "Wil meer" }).count()).toBeGreaterThan(0);
    const others = page.getByRole("region", { name: "Overige vragen" });
    await others.getByText("Opmerking 3").waitFor();
    await check(page, "report-bachelorscan");
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("a consultant shares their own step for the progress talk, and takes the link back", async () => {
    const page = await desktop.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}/r/${ids.consultant}/report`);
    await page.getByRole("heading", { name: "Je uitkomsten delen" }).waitFor();
    // Share the step and the needs, not what holds them back.
    await page.getByRole("checkbox", { name: /Wat houdt je nu nog tegen/ }).uncheck();
    await page.getByLabel(/^Je naam/).fill("Sanne");
    await page.getByRole("button", { name: "Link maken" }).click();
    const link = page.getByLabel("Link", { exact: true });
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/gedeeld/[A-Za-z0-9_-]{43}$`));
    expect(await page.getByRole("link", { name: "Mailen" }).getAttribute("href")).toContain(encodeURIComponent(url));
    await check(page, "own-report-shared");

    // The manager opens the link: the step on the ladder, the needs, nothing else.
    const manager = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "nl-NL" });
    const view = await manager.newPage();
    await view.goto(url);
    await view.getByRole("heading", { level: 1, name: "Traptrede" }).waitFor();
    await view.getByText("Gedeeld door Sanne").waitFor();
    expect(await view.locator(".shared-ladder li.current").textContent()).toContain("hier sta ik");
    await view.getByText("Iemand om mee te sparren").waitFor();
    expect(await view.locator("main").textContent()).not.toContain("Te weinig tijd");
    await check(view, "shared-result");

    await page.getByRole("button", { name: "Intrekken" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Intrekken" }).count()).toBe(0);
    await view.reload();
    await view.getByRole("heading", { name: "Deze link werkt niet (meer)" }).waitFor();
    await manager.close();
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("on a 360 px phone: the round page, the scan page and the report fit; deleting asks and names what goes", async () => {
    const page = await phone.newPage();
    const seen = watchPage(page);
    await logIn(page, server.url, admin.email, admin.password);
    await page.goto(`${server.url}/admin/rounds/${ids.traptrede}/manage`);
    await page.getByRole("heading", { level: 1, name: "Traptrede najaar" }).waitFor();
    await check(page, "round-page");
    await page.goto(`${server.url}/admin/scans/traptrede`);
    await page.getByRole("heading", { level: 1, name: "Traptrede" }).waitFor();
    expect(await page.getByText("Let op").count()).toBe(1);
    await check(page, "scan-page");
    await page.goto(`${server.url}/admin/reports/${ids.bachelor}`);
    await page.getByRole("heading", { level: 1, name: /Bachelorscan/ }).waitFor();
    await check(page, "report-bachelorscan");

    await page.goto(`${server.url}/admin/rounds/${ids.traptrede}/manage`);
    await page.getByRole("button", { name: "Ronde verwijderen…" }).click();
    const dialog = page.getByRole("dialog", { name: "“Traptrede najaar” verwijderen?" });
    await dialog.waitFor();
    const text = (await dialog.textContent())!;
    expect(text).toContain("1 ingevulde scan met alle antwoorden");
    expect(text).toContain("1 respondent met namen, e-mailadressen en links");
    // Nothing happens without saying yes.
    await dialog.getByRole("button", { name: "Definitief verwijderen" }).click();
    await dialog.getByText("Vink eerst aan").waitFor();
    await dialog.getByRole("checkbox", { name: "Ja, verwijder deze ronde met alles erin" }).check();
    await dialog.getByRole("button", { name: "Definitief verwijderen" }).click();
    await page.getByRole("heading", { level: 1, name: "Rondes" }).waitFor();
    const gone = await fetch(`${server.url}/api/admin/rounds/${ids.traptrede}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(gone.status).toBe(404);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 180_000);
});
