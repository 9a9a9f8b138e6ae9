// The admin pages and the scan editor end to end: the real server process, the built client and
// real Chromium. An admin logs in, writes and publishes a scan, opens a round; a respondent
// answers it; a teamleader sees only their own team's rounds; an admin changes and deactivates an
// account.
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { firstAdmin, type AppServer } from "./support/app-server.ts";
import { logIn, newPhoneContext, seriousAxeViolations, watchPage } from "./support/browser.ts";
import { backends } from "./support/db.ts";
import { useAppServer, useChromium } from "./support/e2e.ts";
import { answerPage, nextPage, submit } from "./support/respondent.ts";

const fourItems = `# Vijf stellingen voor de e2e-test.
scan e2e-vijf
  title "Vijf stellingen"
  answered-by team-together
  anonymous no

scale mate 1..5
  1 "helemaal niet"
  5 "in hoge mate"

theme samen "Samenwerken"
  rate item-1 "Eerste stelling" on mate
  rate item-2 "Tweede stelling" on mate
  rate item-3 "Derde stelling" on mate
  rate item-4 "Vierde stelling" on mate
`;

const draftScan = `scan e2e-concept
  title "Concept van de teamleider"
  answered-by each-person

scale mate 1..5
  1 "helemaal niet"
  5 "in hoge mate"

theme t "Thema"
  rate basis "Hoe gaat het?" on mate
  yesno hulp "Wil je hulp?"
  text welke "Welke hulp?"
    required
    show if basis <= 2 and hulp = ja
`;

/** Picks option `index` of a question in the editor's preview: a button, a radio, or a dropdown's list. */
async function choose(page: Page, name: string, index: number): Promise<void> {
  const question = page.locator(`.sd-question[data-name="${name}"]`);
  if ((await question.locator(".sd-dropdown").count()) > 0) {
    await question.locator(".sd-dropdown").click();
    // Beside the editor the list is a floating popup, not the phone's overlay.
    await page.locator(".sv-popup [role=option]:visible").nth(index).click();
    await page.locator(".sv-popup [role=option]:visible").first().waitFor({ state: "hidden" });
    return;
  }
  await question.locator(".sd-rating__item, .sd-item").nth(index).click();
}

let browser: Browser;
useChromium((started) => (browser = started));

describe.each(backends)("admin pages and scan editor on %s", (backend) => {
  let server: AppServer;
  useAppServer(backend, (started) => (server = started));

  it("prints the first admin's generated password once, and not again on a restart", async () => {
    const { password } = firstAdmin(server);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await server.stop();
    await server.start();
    expect(server.output().match(/created the first account/g)).toHaveLength(1);
  });

  it("lets an admin write a 5-item scan with live errors and preview, publish it, open a round that a respondent answers", async () => {
    const admin = firstAdmin(server);
    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const seen = watchPage(page);
    await logIn(page, server.url, admin.email, admin.password);

    await page.getByRole("link", { name: "Scan-editor" }).click();
    const code = page.locator(".cm-content");
    await code.waitFor();
    await code.click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText(fourItems);
    const summary = page.getByTestId("check-summary");
    await expect.poll(() => summary.textContent()).toMatch(/^Geen fouten · 4 vragen/);
    await expect.poll(() => page.getByTestId("preview").textContent()).toContain("Vierde stelling");

    // The fifth item, with a typo in the scale's name: underlined while typing.
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type('  rate item-5 "Vijfde stelling" on mata');
    await page.locator(".cm-lintRange-error").first().waitFor();
    await expect.poll(() => summary.textContent()).toMatch(/^1 fout/);
    const diagnostic = page.locator(".diagnostics li").first();
    expect(await diagnostic.textContent()).toContain("scale-undefined");
    expect(await page.locator(".cm-lintRange-error").textContent()).toBe("mata");

    // Clicking the diagnostic puts the cursor on its line.
    await page.keyboard.press("ControlOrMeta+Home");
    await diagnostic.getByRole("button").click();
    await expect.poll(() => page.locator(".cm-activeLine").textContent()).toContain("item-5");

    // Fixed: the underline goes, and the preview shows the fifth item.
    await page.keyboard.press("End");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("e");
    await expect.poll(() => page.locator(".cm-lintRange-error").count()).toBe(0);
    await expect.poll(() => summary.textContent()).toMatch(/^Geen fouten · 5 vragen/);
    await expect.poll(() => page.getByTestId("preview").textContent()).toContain("Vijfde stelling");

    // A score line, then simulate what the report would show.
    // (insertText: typing Enter would keep the item's indentation.)
    await page.keyboard.insertText("\n\nscore threshold on mate at-least 3");
    await expect.poll(() => summary.textContent()).toMatch(/^Geen fouten/);
    await page.getByRole("button", { name: "Simuleren" }).click();
    await expect.poll(() => page.getByTestId("simulation").textContent()).toContain("Vijfde stelling");
    // Styled like the report itself: the verdict's coloured bar, the table's collapsed borders.
    const simulation = page.getByTestId("simulation");
    const style = await simulation.locator(".verdict").evaluate((el) => {
      const table = el.closest(".report-section")!.querySelector("table.data")!;
      return { bar: getComputedStyle(el).borderLeftWidth, borders: getComputedStyle(table).borderCollapse };
    });
    expect(style).toEqual({ bar: "8px", borders: "collapse" });
    await page.getByRole("button", { name: "Voorbeeld" }).click();

    await page.getByRole("button", { name: "Publiceren" }).click();
    await page.getByText("Gepubliceerd als versie 1 van e2e-vijf.").waitFor();
    await page.locator(".versions li[data-version='1']").waitFor();

    // A round on the new scan.
    await page.getByRole("navigation", { name: "Beheer" }).getByRole("link", { name: "Nieuwe ronde" }).click();
    await page.locator("select[name=scanId]").selectOption("e2e-vijf");
    await page.getByLabel("Titel").fill("Eerste meting");
    await page.getByLabel("Groep of team").fill("Noord");
    // The scan is answered by a team together: the form asks for teams, one link each.
    expect(await page.getByLabel(/open link/).count()).toBe(0);
    await page.getByLabel(/^Teams/).fill("Noord, rosa@example.org, Rosa Jansen");
    await page.getByRole("button", { name: "Ronde aanmaken" }).click();
    const link = (await page.locator("a.round-link").first().getAttribute("href"))!;
    expect(link).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);

    // The respondent answers it on a phone.
    const phone = await newPhoneContext(browser);
    const respondent = await phone.newPage();
    await respondent.goto(link);
    await answerPage(respondent, () => 3);
    while (await respondent.getByRole("button", { name: "Volgende" }).isVisible()) {
      await nextPage(respondent);
      await answerPage(respondent, () => 3);
    }
    await submit(respondent);
    await respondent.getByText(/verzonden|ontvangen|bedankt/i).first().waitFor();
    await phone.close();

    // The overview counts the answer.
    await page.getByRole("navigation", { name: "Beheer" }).getByRole("link", { name: "Rondes" }).click();
    await expect.poll(() => page.locator("tr", { hasText: "Eerste meting" }).textContent()).toContain("100% (1 van 1)");
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it("shows a teamleader only their own teams' rounds, in the pages and through the API", async () => {
    const zuid = await server.admin<{ round: { id: string } }>("POST", "/api/admin/rounds", {
      scanId: "paraplu-quickscan",
      title: "Zuid voorjaar",
      group: "Zuid",
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const noord = await server.admin<{ round: { id: string } }>("POST", "/api/admin/rounds", {
      scanId: "paraplu-quickscan",
      title: "Noord voorjaar",
      group: "Noord",
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const password = "teamleider-wachtwoord-1";
    await server.admin("POST", "/api/admin/accounts", { email: "leider@example.org", role: "teamleader", teams: ["Noord"], password });

    const context = await browser.newContext({ locale: "nl-NL" });
    const page = await context.newPage();
    await logIn(page, server.url, "leider@example.org", password);
    await page.getByText("Noord voorjaar").waitFor();
    expect(await page.getByText("Zuid voorjaar").count()).toBe(0);
    // Teamleaders write scans too (as drafts an admin publishes).
    expect(await page.getByRole("link", { name: "Scan-editor" }).count()).toBe(1);

    const api = (path: string) =>
      page.evaluate(async (p) => {
        const res = await fetch(p);
        return { status: res.status, body: await res.text() };
      }, path);
    const rounds = await api("/api/admin/rounds");
    expect(rounds.body).toContain(noord.round.id);
    expect(rounds.body).not.toContain(zuid.round.id);
    expect((await api(`/api/admin/reports/rounds/${zuid.round.id}`)).status).toBe(404);
    expect((await api(`/api/admin/reports/rounds/${zuid.round.id}/export.csv`)).status).toBe(404);
    expect((await api(`/api/admin/reports/rounds/${noord.round.id}`)).status).toBe(200);
    // Opening another team's round by its address shows nothing of it either.
    await page.goto(`${server.url}/admin/reports/${zuid.round.id}`);
    await page.waitForLoadState("networkidle");
    expect(await page.getByText("Zuid voorjaar").count()).toBe(0);
    await context.close();
  });

  it("lets an admin set the privacy floor under Instellingen on a phone; a teamleader's round below it is refused in Dutch", async () => {
    const admin = firstAdmin(server);
    const phone = await newPhoneContext(browser);
    const page = await phone.newPage();
    const seen = watchPage(page);
    await logIn(page, server.url, admin.email, admin.password);
    // On a phone the menu is behind its button.
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("link", { name: "Instellingen" }).click();
    const floor = page.getByLabel("Minimale groepsgrootte");
    await expect.poll(() => floor.inputValue()).toBe("5");
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Below 3 the form does not send.
    await floor.fill("2");
    await page.getByRole("button", { name: "Opslaan" }).click();
    expect(await floor.evaluate((el) => (el as HTMLInputElement).validity.rangeUnderflow)).toBe(true);
    await floor.fill("6");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.getByRole("status").filter({ hasText: "De instellingen zijn opgeslagen." }).waitFor();
    expect((await server.admin<{ settings: { minGroupSize: number } }>("GET", "/api/admin/settings")).settings.minGroupSize).toBe(6);
    expect(seen.errors).toEqual([]);
    await phone.close();

    const password = "teamleider-wachtwoord-2";
    await server.admin("POST", "/api/admin/accounts", { email: "leider-west@example.org", role: "teamleader", teams: ["West"], password });
    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1400, height: 900 } });
    const leader = await context.newPage();
    await logIn(leader, server.url, "leider-west@example.org", password);
    expect(await leader.getByRole("link", { name: "Instellingen" }).count()).toBe(0);
    await leader.getByRole("link", { name: "Nieuwe ronde" }).click();
    await leader.locator("select[name=scanId]").selectOption("bachelorscan");
    await leader.getByLabel("Titel").fill("Te klein");
    await leader.getByLabel(/^Minimale groepsgrootte/).fill("5");
    await leader.getByRole("button", { name: "Ronde aanmaken" }).click();
    await leader.getByRole("alert").filter({ hasText: "De minimale groepsgrootte moet minstens 6 zijn" }).waitFor();
    await server.admin("PATCH", "/api/admin/settings", { minGroupSize: 5 });
    await context.close();
  });

  it("lets a teamleader try a draft in the respondent's form (conditions, required answers) and save it; an admin publishes it", async () => {
    const password = "teamleider-wachtwoord-2";
    await server.admin("POST", "/api/admin/accounts", { email: "schrijver@example.org", role: "teamleader", teams: ["West"], password });
    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const seen = watchPage(page);
    await logIn(page, server.url, "schrijver@example.org", password);
    await page.getByRole("link", { name: "Scan-editor" }).click();
    await page.locator(".cm-content").click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText(draftScan);
    const summary = page.getByTestId("check-summary");
    await expect.poll(() => summary.textContent()).toMatch(/^Geen fouten · 3 vragen/);
    // A teamleader saves, an admin publishes.
    expect(await page.getByRole("button", { name: "Publiceren" }).count()).toBe(0);

    // The preview is the respondent's form: answer it and watch the condition and the required check.
    const missing = page.getByTestId("preview-missing");
    await expect.poll(() => missing.textContent()).toBe("Hoe gaat het?, Wil je hulp?");
    expect(await page.locator('.sd-question[data-name="welke"]').isVisible()).toBe(false);
    await choose(page, "basis", 1);
    await choose(page, "hulp", 0);
    await page.locator('.sd-question[data-name="welke"]').waitFor();
    await expect.poll(() => missing.textContent()).toBe("Welke hulp?");
    // Sending without the required answer is refused by the form itself.
    await page.getByRole("button", { name: "Verzenden" }).click();
    await page.locator('.sd-question[data-name="welke"] .sd-question__erbox').first().waitFor();
    await choose(page, "basis", 3);
    await expect.poll(() => page.getByTestId("preview-hidden").textContent()).toBe("Welke hulp?");
    await expect.poll(() => missing.textContent()).toBe("niets");
    await page.getByRole("button", { name: "Verzenden" }).click();
    await page.getByText("Voorbeeld ingevuld").waitFor();

    await page.getByRole("button", { name: "Concept opslaan" }).click();
    await page.getByText("Concept opgeslagen. Een beheerder kan het publiceren.").waitFor();
    expect(page.url()).toMatch(/\/admin\/editor\/concept\/[0-9a-f-]{36}$/);
    await context.close();

    // The admin finds the draft in the editor's list and publishes it.
    const admin = firstAdmin(server);
    const adminContext = await browser.newContext({ locale: "nl-NL", viewport: { width: 1400, height: 900 } });
    const adminPage = await adminContext.newPage();
    await logIn(adminPage, server.url, admin.email, admin.password);
    await adminPage.goto(`${server.url}/admin/editor`);
    await adminPage.getByRole("link", { name: "Concept van de teamleider" }).click();
    // The draft's text, not the new-scan template shown before it loads (which also has no errors).
    await expect.poll(() => adminPage.locator(".cm-content").textContent()).toContain("scan e2e-concept");
    await expect.poll(() => adminPage.getByTestId("check-summary").textContent()).toMatch(/^Geen fouten/);
    await adminPage.getByRole("button", { name: "Publiceren" }).click();
    await adminPage.getByText("Gepubliceerd als versie 1 van e2e-concept.").waitFor();
    await expect.poll(() => adminPage.locator(".drafts").textContent()).toContain("Er zijn geen opgeslagen concepten.");
    expect(seen.errors).toEqual([]);
    await adminContext.close();
  });

  it("lets an account switch on two-factor login in Dutch (QR code or key, recovery codes once) and then asks for the code", async () => {
    const password = "tweestaps-wachtwoord-1";
    const account = await server.admin<{ id: string }>("POST", "/api/admin/accounts", { email: "tweestaps@example.org", role: "admin", password });
    const phone = await newPhoneContext(browser);
    const page = await phone.newPage();
    const seen = watchPage(page);
    await logIn(page, server.url, "tweestaps@example.org", password);
    // On a phone the menu is folded: straight to the page.
    await page.goto(`${server.url}/admin/security`);
    await page.getByRole("button", { name: "Tweestapsverificatie instellen" }).click();
    await page.getByRole("img", { name: /QR-code/ }).waitFor();
    const secret = (await page.locator(".two-factor-secret").textContent())!;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel("Vul de code in die de app nu toont").fill(await generate({ secret }));
    await page.getByRole("button", { name: "Tweestapsverificatie aanzetten" }).click();
    await page.locator(".recovery-codes code").first().waitFor();
    const codes = await page.locator(".recovery-codes code").allTextContents();
    expect(codes).toHaveLength(10);
    await page.getByRole("button", { name: "Ik heb ze bewaard" }).click();
    await page.getByText(/Staat aan sinds/).waitFor();
    expect(await page.locator(".recovery-codes").count()).toBe(0);
    expect(seen.errors).toEqual([]);

    // A new login asks for the code; a recovery code opens it too.
    const fresh = await newPhoneContext(browser);
    const login = await fresh.newPage();
    await login.goto(`${server.url}/admin`);
    await login.getByLabel("E-mailadres").fill("tweestaps@example.org");
    await login.getByLabel("Wachtwoord").fill(password);
    await login.getByRole("button", { name: "Inloggen" }).click();
    const code = login.getByLabel("Code uit je authenticator-app");
    await code.fill("123456");
    await login.getByRole("button", { name: "Code controleren" }).click();
    await login.getByRole("alert").filter({ hasText: "Deze code klopt niet" }).waitFor();
    await code.fill(codes[0]!);
    await login.getByRole("button", { name: "Code controleren" }).click();
    await login.getByRole("heading", { name: "Rondes" }).waitFor();
    await fresh.close();
    await phone.close();
    // The tests after this one count on a single active admin.
    await server.admin("PATCH", `/api/admin/accounts/${account.id}`, { active: false });
  });

  it("checks the 45-item bachelorscan again on every keystroke (timing: npm run bench editor)", async () => {
    const admin = firstAdmin(server);
    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server.url, admin.email, admin.password);
    await page.goto(`${server.url}/admin/editor/bachelorscan`);
    const summary = page.getByTestId("check-summary");
    await expect.poll(() => summary.textContent()).toMatch(/^Geen fouten · \d+ vragen/);
    await page.locator(".cm-content").click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("\n# ", { delay: 20 });
    await page.evaluate(() => performance.clearMeasures("scan-check"));
    await page.keyboard.type("opmerking bij de scan, met wat meer tekst", { delay: 20 });
    const checks = await page.evaluate(() => performance.getEntriesByName("scan-check").length);
    expect(checks).toBeGreaterThanOrEqual(40);
    // A typo typed now is underlined by that same live check.
    await page.keyboard.type("\nscor gap", { delay: 20 });
    await expect.poll(() => summary.textContent()).toMatch(/1 fout/);
    await context.close();
  });

  it("lets an admin change an account's role and deactivate it after confirming, which logs it out; never the last admin", async () => {
    const admin = firstAdmin(server);
    const password = "lezer-wachtwoord-1";
    await server.admin("POST", "/api/admin/accounts", { email: "lezer@example.org", role: "viewer", password });
    const viewerContext = await browser.newContext({ locale: "nl-NL" });
    const viewerPage = await viewerContext.newPage();
    await logIn(viewerPage, server.url, "lezer@example.org", password);

    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const seen = watchPage(page);
    await logIn(page, server.url, admin.email, admin.password);
    await page.getByRole("link", { name: "Accounts" }).click();
    const row = page.locator("tr[data-email='lezer@example.org']");
    const cell = (n: number) => row.locator("td").nth(n).textContent();
    await row.waitFor();
    expect(await cell(3)).toBe("Actief");
    expect(await seriousAxeViolations(page)).toEqual([]);

    await row.getByRole("button", { name: "Rol wijzigen" }).click();
    const form = page.getByRole("form", { name: "Rol van lezer@example.org" });
    await form.getByLabel("Rol").selectOption("teamleader");
    await form.getByLabel(/^Teams/).fill("Noord, Oost");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => cell(1)).toBe("teamleider");
    expect(await cell(2)).toBe("Noord, Oost");

    // Deactivating asks first; cancelling changes nothing.
    await row.getByRole("button", { name: "Deactiveren" }).click();
    await page.getByRole("button", { name: "Annuleren" }).click();
    expect(await cell(3)).toBe("Actief");
    await row.getByRole("button", { name: "Deactiveren" }).click();
    await page.getByRole("button", { name: "Ja, deactiveren" }).click();
    await expect.poll(() => cell(3)).toMatch(/^Gedeactiveerd sinds /);
    // The account's open page is logged out.
    await viewerPage.reload();
    await viewerPage.getByRole("button", { name: "Inloggen" }).waitFor();

    // The only admin cannot deactivate themselves.
    const own = page.locator(`tr[data-email='${admin.email}']`);
    await own.getByRole("button", { name: "Deactiveren" }).click();
    await page.getByRole("button", { name: "Ja, deactiveren" }).click();
    await page.getByRole("alert").filter({ hasText: "minstens één actieve beheerder" }).waitFor();
    await page.getByRole("button", { name: "Annuleren" }).click();

    await row.getByRole("button", { name: "Activeren" }).click();
    await expect.poll(() => cell(3)).toBe("Actief");
    await logIn(viewerPage, server.url, "lezer@example.org", password);
    expect(seen.errors).toEqual([]);
    await viewerContext.close();
    await context.close();
  });
});
