// The report pages in real Chromium against the real server: the chapter-4 quickscan example on a
// projector-sized screen, its print layout, and the respondent page not loading report code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import type { AppServer } from "./support/app-server.ts";
import { backends } from "./support/db.ts";
import { useAppServer, useChromium } from "./support/e2e.ts";
import { seriousAxeViolations, watchPage } from "./support/browser.ts";

let browser: Browser;
useChromium((started) => (browser = started));

const elements = ["missie", "uitgangspunten", "beleid", "procedures", "activiteiten", "verslaglegging", "netwerk", "organisatiecultuur"];

describe.each(backends)("report pages on %s", (backend) => {
  let server: AppServer;
  let context: BrowserContext;
  useAppServer(backend, (started) => (server = started));

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "nl-NL" });
  });

  afterAll(async () => {
    await context?.close();
  });

  async function quickscanRound(title: string, opensAt: string, scores: Record<string, number> | null): Promise<{ id: string; token: string }> {
    const created = await server.admin<{ round: { id: string }; links: { url: string }[] }>("POST", "/api/admin/rounds", {
      scanId: "paraplu-quickscan",
      title,
      group: "Het Oude Ambt",
      opensAt,
      closesAt: "2099-01-01T00:00:00Z",
      respondents: [{ name: "Teamleider", email: "teamleider@example.org" }],
    });
    const token = created.links[0]!.url.split("/r/")[1]!;
    if (!scores) return { id: created.round.id, token };
    const res = await fetch(`${server.url}/api/respond/${token}/submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ responseId: crypto.randomUUID(), data: scores }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return { id: created.round.id, token };
  }

  it("shows the chapter-4 quickscan with the four changed elements marked and the level-3 verdict, on screen and in print", async () => {
    // Illustrative assignment of the book's scores (instruments.md 1.1).
    const first = { missie: 2, uitgangspunten: 4, beleid: 2, procedures: 2, activiteiten: 3, verslaglegging: 2, netwerk: 3, organisatiecultuur: 3 };
    await quickscanRound("Quickscan mei 2014", "2014-05-09T08:00:00Z", first);
    const second = await quickscanRound("Quickscan oktober 2014", "2014-10-07T08:00:00Z", { ...first, missie: 3, beleid: 3, procedures: 3, verslaglegging: 3 });
    expect(elements).toHaveLength(8);

    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}/admin/reports/${second.id}`);
    await page.getByText("Inloggen met een API-sleutel").click();
    await page.getByLabel("Of gebruik een API-sleutel").fill(server.adminToken);
    await page.getByRole("button", { name: "Met sleutel verder" }).click();

    await expect.poll(() => page.locator(".verdict").textContent()).toBe("Alle elementen halen niveau 3.");
    await expect.poll(() => page.locator("canvas").count()).toBeGreaterThan(0);
    const changedRows = await page.locator("table.data tr.changed th").allTextContents();
    expect(changedRows).toEqual(["Missie", "Beleid", "Procedures", "Verslaglegging"]);
    expect(await page.locator(".explanation").first().textContent()).toContain("Alle 8 elementen scoren op of boven niveau 3");
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".page-actions").isVisible()).toBe(false);
    expect(await page.locator(".shell-header").isVisible()).toBe(false);
    expect(await page.locator("canvas").first().isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });

    await page.getByRole("navigation", { name: "Deze ronde" }).getByRole("link", { name: "Verloop" }).click();
    await page.getByRole("heading", { level: 1, name: /^Verloop/ }).waitFor();
    await expect.poll(() => page.locator("table.data tbody tr").count()).toBe(8);
    expect(await page.locator("table.data td.changed").count()).toBe(4);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it("keeps chart and report code out of the respondent page", async () => {
    const round = await quickscanRound("Quickscan los", "2020-01-01T08:00:00Z", null);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
    });
    await page.goto(`${server.url}/r/${round.token}`);
    await page.waitForLoadState("networkidle");
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.some((u) => /report-page|results-view|series-page/.test(u))).toBe(false);
    await page.close();
  });
});
