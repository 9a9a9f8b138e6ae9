// A burst through an open link in the report, in real Chromium on a 360 px phone: shown with how
// many answers and how few different ones, left out of the results after confirming, and put back.
// The open link's limits: set when a round is made, and changed later on the round's page.
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { AppServer } from "./support/app-server.ts";
import { backends } from "./support/db.ts";
import { useAppServer, useChromium } from "./support/e2e.ts";
import { logIn, seriousAxeViolations, watchPage } from "./support/browser.ts";
import { compileScanFile, validAnswers } from "./support/app.ts";

let browser: Browser;
useChromium((started) => (browser = started));

describe.each(backends)("open-link bursts in the report on %s", (backend) => {
  let server: AppServer;
  useAppServer(backend, (started) => (server = started));

  it("shows a burst of alike answers and lets an admin leave it out and put it back", async () => {
    const created = await server.admin<{ round: { id: string }; openLink: string }>("POST", "/api/admin/rounds", {
      scanId: "wijkteam-clientvragen",
      title: "Bewoners open link",
      group: "Wijkteam Oost",
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      closesAt: "2099-01-01T00:00:00Z",
      openLink: true,
    });
    const token = created.openLink.split("/r/")[1]!;
    const data = validAnswers((await compileScanFile("scans/wijkteam-clientvragen.scan")).compiled.model);
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${server.url}/api/respond/${token}/submit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ responseId: crypto.randomUUID(), data }),
      });
      expect(res.status).toBe(200);
    }

    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: "nl-NL" });
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}/admin/reports/${created.round.id}`);
    await page.getByText("Inloggen met een API-sleutel").click();
    await page.getByLabel("Of gebruik een API-sleutel").fill(server.adminToken);
    await page.getByRole("button", { name: "Met sleutel verder" }).click();

    const section = page.locator("section.open-link-bursts");
    await section.waitFor();
    expect(await section.locator("ul.bursts li").textContent()).toMatch(/ – .*12 antwoorden, allemaal hetzelfde/);
    await expect.poll(() => page.locator("#group-title").textContent()).toContain("12 ingevulde scans");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `/tmp/peilstok-open-link-bursts-${backend}.png`, fullPage: true });

    await section.getByRole("button", { name: "Weglaten" }).click();
    const dialog = page.getByRole("dialog", { name: "12 antwoorden weglaten?" });
    await dialog.getByRole("button", { name: "Weglaten" }).click();
    await expect.poll(() => page.locator("#group-title").textContent()).toContain("0 ingevulde scans");
    const after = page.locator("section.open-link-bursts");
    await after.getByRole("heading", { name: "Weggelaten" }).waitFor();
    expect(await after.locator("ul.exclusions li").textContent()).toContain("12 antwoorden");
    await page.screenshot({ path: `/tmp/peilstok-open-link-excluded-${backend}.png`, fullPage: true });

    await after.getByRole("button", { name: "Terugzetten" }).click();
    await expect.poll(() => page.locator("#group-title").textContent()).toContain("12 ingevulde scans");
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it("sets an open link's limits when a round is made, on a phone", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: "nl-NL" });
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}/admin/rounds/new`);
    await page.getByText("Inloggen met een API-sleutel").click();
    await page.getByLabel("Of gebruik een API-sleutel").fill(server.adminToken);
    await page.getByRole("button", { name: "Met sleutel verder" }).click();
    await page.locator("select[name=scanId]").selectOption("wijkteam-clientvragen");
    await page.getByLabel("Titel").fill("Tablet in de wijk");
    await page.getByLabel("Groep of team").fill("Wijkteam West");
    await page.getByLabel("Ook een open link maken (voor iedereen met de link)").check();
    await page.getByText("Grenzen van de open link").click();
    await page.getByLabel("Hoogstens zoveel nieuwe antwoorden per uur").fill("30");
    await page.getByLabel(/^Eén antwoord per browser/).uncheck();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.locator("details.open-link-limits").screenshot({ path: `/tmp/peilstok-open-link-form-${backend}.png` });
    await page.getByRole("button", { name: "Ronde aanmaken" }).click();
    await page.getByText("Open link:").waitFor();
    const { rounds } = await server.admin<{ rounds: { id: string; title: string }[] }>("GET", "/api/admin/rounds");
    const id = rounds.find((r) => r.title === "Tablet in de wijk")!.id;
    const state = await server.admin<{ limits: unknown }>("GET", `/api/admin/rounds/${id}/open-link`);
    expect(state.limits).toEqual({ maxResponses: 1000, perHour: 30, onePerDevice: false });
    expect(seen.errors).toEqual([]);
    await context.close();
  });
  it("shows the open link's use on the round page and lets an admin change its limits, not a viewer", async () => {
    const created = await server.admin<{ round: { id: string }; openLink: string }>("POST", "/api/admin/rounds", {
      scanId: "wijkteam-clientvragen",
      title: "Open link met grenzen",
      group: "Wijkteam Zuid",
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      closesAt: "2099-01-01T00:00:00Z",
      openLink: true,
    });
    const id = created.round.id;
    const token = created.openLink.split("/r/")[1]!;
    const data = validAnswers((await compileScanFile("scans/wijkteam-clientvragen.scan")).compiled.model);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/api/respond/${token}/submit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ responseId: crypto.randomUUID(), data }),
      });
      expect(res.status).toBe(200);
    }
    const limits = async () => (await server.admin<{ limits: unknown }>("GET", `/api/admin/rounds/${id}/open-link`)).limits;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}/admin/rounds/${id}/manage`);
    await page.getByText("Inloggen met een API-sleutel").click();
    await page.getByLabel("Of gebruik een API-sleutel").fill(server.adminToken);
    await page.getByRole("button", { name: "Met sleutel verder" }).click();

    // Places a running server has leased for the link count as used for a few seconds: at least 3.
    const usage = page.locator(".open-link-usage");
    await usage.waitFor();
    const line = /^Open link: (\d+) van 1\.000 antwoorden gebruikt · 3 in het afgelopen uur$/.exec((await usage.textContent()) ?? "");
    expect(line).not.toBeNull();
    expect(Number(line![1])).toBeGreaterThanOrEqual(3);
    const form = page.getByRole("form", { name: "Grenzen van de open link" });
    expect(await form.getByLabel("Maximaal aantal antwoorden").inputValue()).toBe("1000");
    expect(await form.getByLabel("Nieuwe antwoorden per uur").inputValue()).toBe("200");
    expect(await form.getByLabel("Eén antwoord per apparaat (uit bij interviews op één tablet)").isChecked()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator(".open-link-card").screenshot({ path: `/tmp/peilstok-open-link-limits-1280-${backend}.png` });

    // 0 is refused by the server, shown beside the field in Dutch, and changes nothing.
    await form.getByLabel("Maximaal aantal antwoorden").fill("0");
    await form.getByRole("button", { name: "Grenzen opslaan" }).click();
    const invalid = form.locator(".field--invalid");
    await invalid.waitFor();
    expect(await invalid.locator(".field-label").textContent()).toBe("Maximaal aantal antwoorden");
    expect(await invalid.locator(".field-error").textContent()).toBe("Vul een heel getal in van 1 tot en met 100.000.");
    expect(await form.getByLabel("Maximaal aantal antwoorden").getAttribute("aria-invalid")).toBe("true");
    expect(await form.getByRole("status").count()).toBe(0);
    expect(await limits()).toEqual({ maxResponses: 1000, perHour: 200, onePerDevice: true });
    await page.screenshot({ path: `/tmp/peilstok-open-link-refused-1280-${backend}.png`, fullPage: true });

    // Cap, rate and device rule changed: saved, shown, and so in the API.
    await form.getByLabel("Maximaal aantal antwoorden").fill("500");
    expect(await invalid.count()).toBe(0);
    await form.getByLabel("Nieuwe antwoorden per uur").fill("20");
    await form.getByLabel("Eén antwoord per apparaat (uit bij interviews op één tablet)").uncheck();
    await form.getByRole("button", { name: "Grenzen opslaan" }).click();
    await form.getByRole("status").filter({ hasText: "De grenzen van de open link zijn opgeslagen." }).waitFor();
    await expect.poll(() => usage.textContent()).toMatch(/^Open link: \d+ van 500 antwoorden gebruikt · 3 in het afgelopen uur$/);
    expect(await limits()).toEqual({ maxResponses: 500, perHour: 20, onePerDevice: false });

    await page.reload();
    await expect.poll(() => form.getByLabel("Nieuwe antwoorden per uur").inputValue()).toBe("20");
    expect(await form.getByLabel("Maximaal aantal antwoorden").inputValue()).toBe("500");
    expect(await form.getByLabel("Eén antwoord per apparaat (uit bij interviews op één tablet)").isChecked()).toBe(false);
    await page.setViewportSize({ width: 360, height: 780 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.locator(".open-link-card").screenshot({ path: `/tmp/peilstok-open-link-limits-360-${backend}.png` });
    expect(seen.errors).toEqual([]);
    await context.close();

    // A viewer reads the use and the limits, without a form.
    const password = "lezer-wachtwoord-open-link";
    await server.admin("POST", "/api/admin/accounts", { email: "lezer-open-link@example.org", role: "viewer", password });
    const viewerContext = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: "nl-NL" });
    const viewer = await viewerContext.newPage();
    await logIn(viewer, server.url, "lezer-open-link@example.org", password);
    await viewer.goto(`${server.url}/admin/rounds/${id}/manage`);
    await viewer.locator(".open-link-usage").waitFor();
    expect(await viewer.locator(".open-link-usage").textContent()).toMatch(/ van 500 antwoorden gebruikt · 3 in het afgelopen uur$/);
    expect(await viewer.locator(".open-link-limits-list dd").allTextContents()).toEqual([
      "500",
      "20",
      "uit (bijvoorbeeld voor interviews op één tablet)",
    ]);
    expect(await viewer.getByRole("form", { name: "Grenzen van de open link" }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: "Grenzen opslaan" }).count()).toBe(0);
    await viewer.locator(".open-link-card").screenshot({ path: `/tmp/peilstok-open-link-viewer-${backend}.png` });
    await viewerContext.close();
  });
});
