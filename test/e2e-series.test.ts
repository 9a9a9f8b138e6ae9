// A quickscan series in real Chromium against the real server: round 1's report shows the
// elements below 3, the admin gives one of them an action, opens the next round with one click,
// the team answers round 2, and round 2's report shows the action beside the element's new score
// with the changed elements marked. A viewer sees the same report without the buttons.
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { AppServer } from "./support/app-server.ts";
import { backends } from "./support/db.ts";
import { useAppServer, useChromium } from "./support/e2e.ts";
import { logIn, seriousAxeViolations, watchPage } from "./support/browser.ts";

let browser: Browser;
useChromium((started) => (browser = started));

// Chapter 4 of the book (instruments.md 1.1): four elements at 2, one at 4, three at 3; five
// months later four of them changed.
const first = { missie: 2, uitgangspunten: 4, beleid: 2, procedures: 2, activiteiten: 3, verslaglegging: 2, netwerk: 3, organisatiecultuur: 3 };
const second = { ...first, missie: 3, beleid: 3, procedures: 3, verslaglegging: 3 };

describe.each(backends)("a quickscan series on %s", (backend) => {
  let server: AppServer;
  // The scheduler sends the new round's invitations to the outbox within a second.
  useAppServer(backend, (started) => (server = started), { MAIL_INTERVAL_SECONDS: "1" });

  async function submit(token: string, data: Record<string, number>) {
    const res = await fetch(`${server.url}/api/respond/${token}/submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ responseId: crypto.randomUUID(), data }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }

  it("gives a low element an action, opens the next round in one click and shows the action beside the new score", async () => {
    const created = await server.admin<{ round: { id: string }; links: { url: string }[] }>("POST", "/api/admin/rounds", {
      scanId: "paraplu-quickscan",
      title: "Quickscan mei",
      group: "Het Oude Ambt",
      opensAt: new Date(Date.now() - 150 * 86_400_000).toISOString(),
      closesAt: "2099-01-01T00:00:00Z",
      respondents: [{ name: "Teamleider", email: "teamleider@example.org" }],
    });
    const roundOne = created.round.id;
    await submit(created.links[0]!.url.split("/r/")[1]!, first);
    const password = "beheerder-wachtwoord-1";
    await server.admin("POST", "/api/admin/accounts", { email: "beheer@example.org", role: "admin", password });
    await server.admin("POST", "/api/admin/accounts", { email: "lezer@example.org", role: "viewer", password });

    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const seen = watchPage(page);
    await logIn(page, server.url, "beheer@example.org", password);

    // The overview starts a series from the round and goes to its page.
    await page.getByRole("button", { name: /Herhalen als reeks/ }).click();
    await page.getByRole("heading", { name: "Quickscan mei" }).waitFor();
    const seriesUrl = page.url();
    expect(await page.locator("tr[data-round-id] td").allTextContents()).toContain("100% (1 van 1)");
    expect(await page.locator(".series-due").textContent()).toContain("Nu aan de beurt");

    // Round 1's report: four elements below 3, each offered an action.
    await page.goto(`${server.url}/admin/reports/${roundOne}`);
    await expect.poll(() => page.locator(".verdict").textContent()).toBe("4 van 8 elementen halen niveau 3 nog niet.");
    // The buttons wait for the logged-in user (may they write?), which can arrive after the verdict.
    await expect.poll(() => page.locator(".action-targets button").allTextContents()).toEqual(["Missie", "Beleid", "Procedures", "Verslaglegging"]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Actie voor Missie" }).click();
    const form = page.getByRole("form", { name: "Actie voor Missie" });
    await form.getByLabel("Wat").fill("Missie samen herschrijven in het teamoverleg");
    await form.getByLabel("Wie").fill("Teamleider");
    await form.getByLabel("Wanneer").fill("2030-06-01");
    await form.getByRole("button", { name: "Actie opslaan" }).click();
    const row = page.locator(".action-plan tr[data-action-id]");
    await expect.poll(() => row.locator("th").textContent()).toBe("Missie");
    expect(await row.locator("td").nth(3).textContent()).toBe("gepland");
    await row.getByRole("button", { name: "Afronden" }).click();
    await expect.poll(() => row.locator("td").nth(3).textContent()).toBe("afgerond");

    // One click opens the next round; the respondent is carried over and invited again.
    await page.goto(seriesUrl);
    await page.getByRole("button", { name: "Volgende ronde openen" }).click();
    // It mails the respondents: a confirmation says how many first.
    await page.getByRole("dialog", { name: "Volgende ronde openen en 1 uitnodiging versturen?" }).getByRole("button", { name: "Openen en 1 uitnodiging versturen" }).click();
    await expect.poll(() => page.locator("[role=status]").textContent()).toContain("Nieuwe ronde geopend: 1 respondent uitgenodigd.");
    await expect.poll(() => page.locator("tr[data-round-id]").count()).toBe(2);
    const roundTwo = (await page.locator("tr[data-round-id]").nth(1).getAttribute("data-round-id"))!;
    // The new round runs and the next is not due yet: no second round by a second click.
    expect(await page.getByRole("button", { name: "Volgende ronde openen" }).count()).toBe(0);
    expect(await page.locator(".series-due").count()).toBe(0);

    // The team answers round 2 from its new invitation.
    let token = "";
    await expect
      .poll(async () => {
        const { mails } = await server.admin<{ mails: { text: string }[] }>("GET", `/api/admin/mail/outbox?round=${roundTwo}`);
        token = /\/r\/([A-Za-z0-9_-]{43})/.exec(mails[0]?.text ?? "")?.[1] ?? "";
        return token;
      })
      .not.toBe("");
    await submit(token, second);

    // Round 2's report: the action beside Missie's new score, the four changed elements marked.
    await page.goto(`${server.url}/admin/reports/${roundTwo}`);
    await expect.poll(() => page.locator(".verdict").textContent()).toBe("Alle elementen halen niveau 3.");
    const followUp = page.locator(".follow-up tr[data-action-id]");
    expect(await followUp.locator("th").textContent()).toBe("Missie");
    expect(await followUp.locator("td").allTextContents()).toEqual([
      "Missie samen herschrijven in het teamoverleg (Teamleider)",
      "2",
      "3",
      "actie afgerond; Missie ging van 2 naar 3",
    ]);
    expect(await page.locator("#threshold-title ~ .table-scroll tr.changed th").allTextContents()).toEqual(["Missie", "Beleid", "Procedures", "Verslaglegging"]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/report-${backend}.png`, fullPage: true });
    await page.goto(seriesUrl);
    await page.getByRole("heading", { name: "Rondes" }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/series-${backend}.png`, fullPage: true });
    expect(seen.errors).toEqual([]);

    // A viewer reads round 1's action plan but gets no buttons to change it.
    const viewerContext = await browser.newContext({ locale: "nl-NL" });
    const viewer = await viewerContext.newPage();
    await logIn(viewer, server.url, "lezer@example.org", password);
    await viewer.goto(`${server.url}/admin/reports/${roundOne}`);
    await expect.poll(() => viewer.locator(".action-plan tr[data-action-id] th").textContent()).toBe("Missie");
    expect(await viewer.getByRole("button", { name: /Actie voor|Bewerken|Afronden/ }).count()).toBe(0);
    await viewer.goto(seriesUrl);
    await viewer.getByRole("heading", { name: "Rondes" }).waitFor();
    expect(await viewer.getByRole("button", { name: "Volgende ronde openen" }).count()).toBe(0);

    // The respondent's submitted answers link to their own results.
    const respondent = await viewerContext.newPage();
    await respondent.goto(`${server.url}/r/${token}`);
    const results = respondent.getByRole("link", { name: "Bekijk je resultaten" });
    // A second choice, outlined rather than filled like the main button (the shared app style).
    expect(await results.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(255, 255, 255)");
    await results.click();
    await expect.poll(() => respondent.url()).toContain(`/r/${token}/report?response=`);
    await respondent.getByRole("heading", { level: 1 }).waitFor();
    await viewerContext.close();
    await context.close();
  });
});
