// The admin side of invitations in real Chromium against the real server process with no SMTP
// server configured: respondents from a pasted CSV (a bad row reported by line, the good ones
// kept), an edited mail text with its preview, invitations into the outbox, and the response rate
// after one respondent follows the mailed link and submits; then removing that respondent after a
// confirmation, and what the confirmation says in an anonymous round.
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { firstAdmin, type AppServer } from "./support/app-server.ts";
import { logIn, newPhoneContext, watchPage } from "./support/browser.ts";
import { backends } from "./support/db.ts";
import { useAppServer, useChromium } from "./support/e2e.ts";
import { answerPage, nextPage, submit } from "./support/respondent.ts";

const shortScan = `scan e2e-uitnodiging
  title "Korte docentscan"
  respondent docent
  answered-by each-person
  anonymous no

scale mate 1..5
  1 "helemaal niet"
  5 "in hoge mate"

theme samen "Samenwerken"
  rate item-1 "Eerste stelling" on mate
  rate item-2 "Tweede stelling" on mate
`;

const csv = ["naam;e-mail;team", "Docent Een;een@example.org;rood", "Docent Twee;geen-mailadres;rood", "Docent Drie;drie@example.org;blauw"].join("\n");

let browser: Browser;
useChromium((started) => (browser = started));

describe.each(backends)("inviting respondents from the admin pages on %s", (backend) => {
  let server: AppServer;
  // No SMTP_URL: mails go to the outbox; the scheduler sends as soon as mails are queued.
  useAppServer(backend, (started) => (server = started), { MAIL_INTERVAL_SECONDS: "1" });

  it("imports a CSV with one bad line, sends invitations to the outbox and shows the response rate after a submit", async () => {
    await server.admin("POST", "/api/admin/scans", { source: shortScan });
    const { round } = await server.admin<{ round: { id: string } }>("POST", "/api/admin/rounds", {
      scanId: "e2e-uitnodiging",
      title: "Najaar docenten",
      group: "Academie",
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      respondents: [],
    });

    const admin = firstAdmin(server);
    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const seen = watchPage(page);
    await logIn(page, server.url, admin.email, admin.password);

    await page.locator("tr", { hasText: "Najaar docenten" }).getByRole("link", { name: "Respondenten" }).click();
    await page.getByRole("heading", { name: "Respondenten en uitnodigingen" }).waitFor();
    await expect.poll(() => page.getByTestId("response-rate").textContent()).toBe("Nog geen respondenten.");

    // The CSV: line 3 has no e-mail address; lines 2 and 4 are added.
    await page.getByLabel(/^Plak regels/).fill(csv);
    await page.getByRole("button", { name: "Importeren" }).click();
    const result = page.locator(".import-result");
    await expect.poll(() => result.textContent()).toContain("2 respondenten toegevoegd. 1 regel niet:");
    const bad = page.locator(".csv-errors li");
    expect(await bad.count()).toBe(1);
    expect(await bad.getAttribute("data-line")).toBe("3");
    expect(await bad.textContent()).toContain('Regel 3: "geen-mailadres" is geen geldig e-mailadres');
    // The bad row stays to be fixed; the good rows are in the list.
    expect(await page.getByLabel(/^Plak regels/).inputValue()).toBe("Docent Twee;geen-mailadres;rood");
    const rows = page.locator("table.recipients tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-state")))).toEqual(["not-invited", "not-invited"]);
    await expect.poll(() => page.getByTestId("response-rate").textContent()).toContain("0 van 2");

    // An own subject for the invitation, previewed with a recipient's name, then saved.
    await page.getByLabel("Onderwerp").fill("Uitnodiging voor {naam}: {scan}");
    const preview = page.getByRole("figure", { name: "Voorbeeld van de mail" });
    await expect.poll(() => preview.textContent()).toContain("Uitnodiging voor Docent Drie: Korte docentscan");
    await page.getByLabel("Eerste herinnering na (dagen)").fill("5");
    await page.getByLabel("Hoogstens (keer)").fill("1");
    await page.getByRole("button", { name: "Mailinstellingen opslaan" }).click();
    await page.getByText("Opgeslagen.").waitFor();

    await page.getByRole("button", { name: /^Uitnodigingen versturen/ }).click();
    await page.getByRole("dialog", { name: "2 uitnodigingen versturen?" }).getByRole("button", { name: "2 uitnodigingen versturen" }).click();
    await page.getByText("2 uitnodigingen staan klaar om te versturen.").waitFor();
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-state"))))
      .toEqual(["invited", "invited"]);

    // No SMTP server: both mails are in the outbox, with the saved subject and a personal link.
    await page.getByRole("link", { name: "Bekijk het postvak uit" }).click();
    await page.getByRole("heading", { name: "Postvak uit" }).waitFor();
    const mails = page.locator(".outbox > li");
    await expect.poll(() => mails.count()).toBe(2);
    const subjects = await mails.getByRole("button").allTextContents();
    expect(subjects.sort()).toEqual(["Uitnodiging voor Docent Drie: Korte docentscan", "Uitnodiging voor Docent Een: Korte docentscan"]);
    await page.getByRole("button", { name: "Uitnodiging voor Docent Een: Korte docentscan" }).click();
    // The mail as Docent Een sees it, with the personal link as a link.
    const mail = mails.filter({ hasText: "Docent Een" }).frameLocator("iframe");
    expect(await mail.locator("body").textContent()).toContain("Beste Docent Een,");
    const link = await mail.getByRole("link").getAttribute("href");
    expect(link).toMatch(/^https?:\/\/\S+\/r\/[A-Za-z0-9_-]{43}$/);

    // Docent Een follows the link on a phone and submits.
    const phone = await newPhoneContext(browser);
    const respondent = await phone.newPage();
    await respondent.goto(link!);
    await answerPage(respondent, () => 3);
    while (await respondent.getByRole("button", { name: "Volgende" }).isVisible()) {
      await nextPage(respondent);
      await answerPage(respondent, () => 3);
    }
    await submit(respondent);
    await respondent.getByText(/verzonden|ontvangen|bedankt/i).first().waitFor();
    await phone.close();

    // Back on the round's page: 1 of 2, and team rood 1 of 1.
    await page.goBack();
    await page.getByRole("heading", { name: "Respondenten en uitnodigingen" }).waitFor();
    await expect.poll(() => page.getByTestId("response-rate").textContent()).toContain("1 van 2 ingevuld");
    expect(await page.locator(".rate-teams tr", { hasText: "rood" }).textContent()).toContain("1 van 1");
    expect(await page.locator(".rate-teams tr", { hasText: "blauw" }).textContent()).toContain("0 van 1");
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-state")).sort())).toEqual(["invited", "submitted"]);
    expect(seen.errors).toEqual([]);
    await context.close();

    // The academy's teamleader sees who has not responded yet, and may remind them, not invite.
    const password = "teamleider-wachtwoord-1";
    await server.admin("POST", "/api/admin/accounts", { email: "leider@example.org", role: "teamleader", teams: ["Academie"], password });
    const leaderContext = await browser.newContext({ locale: "nl-NL", viewport: { width: 1400, height: 900 } });
    const leader = await leaderContext.newPage();
    await logIn(leader, server.url, "leider@example.org", password);
    await leader.goto(`${server.url}/admin/rounds/${round.id}/respondents`);
    await leader.getByRole("heading", { name: "Respondenten en uitnodigingen" }).waitFor();
    await leader.getByText("1 van 2 hebben nog niet ingevuld.").waitFor();
    expect(await leader.getByLabel("Alleen wie nog niet heeft ingevuld").isChecked()).toBe(true);
    expect(await leader.locator("table.recipients tbody tr").allTextContents()).toEqual([expect.stringContaining("Docent Drie")]);
    // Offered, or (within a minute of the invitations) saying from when; e2e-admin-ux.test.ts checks the wait.
    const remind = leader.getByRole("button", { name: /^Stuur nu een herinnering \(1\)$/ });
    expect((await remind.isEnabled()) || (await leader.getByText(/^Herinneren kan vanaf \d{2}:\d{2}/).isVisible())).toBe(true);
    expect(await leader.getByRole("button", { name: /^Uitnodigingen versturen/ }).count()).toBe(0);
    expect(await leader.getByRole("heading", { name: "Respondenten toevoegen" }).count()).toBe(0);
    expect(await leader.getByRole("button", { name: /verwijderen$/ }).count()).toBe(0);
    await leaderContext.close();

    // An admin removes Docent Een, who has submitted, after a confirmation that says what goes.
    const again = await browser.newContext({ locale: "nl-NL", viewport: { width: 1400, height: 900 } });
    const adminPage = await again.newPage();
    const seenAgain = watchPage(adminPage);
    await logIn(adminPage, server.url, admin.email, admin.password);
    await adminPage.goto(`${server.url}/admin/rounds/${round.id}/respondents`);
    const removeButton = adminPage.getByRole("button", { name: "Docent Een verwijderen" });
    const dialog = adminPage.getByRole("dialog", { name: "Docent Een verwijderen uit deze ronde?" });
    await removeButton.click();
    expect(await dialog.textContent()).toContain("De antwoorden van Docent Een, ingeleverd of half ingevuld");
    await dialog.getByRole("button", { name: "Annuleren" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await adminPage.locator("table.recipients tbody tr").count()).toBe(2);
    await removeButton.click();
    await dialog.getByRole("button", { name: "Verwijderen" }).click();
    await adminPage.getByText("Docent Een is verwijderd uit deze ronde. De ingeleverde antwoorden zijn verwijderd").waitFor();
    await expect.poll(() => adminPage.getByTestId("response-rate").textContent()).toContain("0 van 1 ingevuld");
    expect(await adminPage.locator("table.recipients tbody tr").allTextContents()).toEqual([expect.stringContaining("Docent Drie")]);
    expect((await fetch(`${server.url}/api/respond/${link!.split("/r/")[1]}`)).status).toBe(404);
    expect(seenAgain.errors).toEqual([]);
    await again.close();
  });

  it("says before removing someone from an anonymous round that their submitted answers stay", async () => {
    await server.admin("POST", "/api/admin/scans", { source: shortScan });
    const { round } = await server.admin<{ round: { id: string } }>("POST", "/api/admin/rounds", {
      scanId: "e2e-uitnodiging",
      title: "Anonieme ronde",
      group: "Academie",
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      anonymous: true,
      respondents: [{ name: "Docent Vier", email: "vier@example.org", team: "rood" }],
    });
    const admin = firstAdmin(server);
    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server.url, admin.email, admin.password);
    await page.goto(`${server.url}/admin/rounds/${round.id}/respondents`);
    await page.getByRole("button", { name: "Docent Vier verwijderen" }).click();
    const dialog = page.getByRole("dialog", { name: "Docent Vier verwijderen uit deze ronde?" });
    const text = await dialog.textContent();
    expect(text).toContain("Deze ronde is anoniem");
    expect(text).toContain("Wat Docent Vier al heeft ingeleverd, blijft in het rapport meetellen.");
    expect(text).not.toContain("De antwoorden van Docent Vier, ingeleverd of half ingevuld");
    await dialog.getByRole("button", { name: "Verwijderen" }).click();
    await page.getByText("Docent Vier is verwijderd uit deze ronde. Deze ronde is anoniem").waitFor();
    await page.getByText("Er zijn nog geen respondenten in deze ronde.").waitFor();
    await context.close();
  });
});
