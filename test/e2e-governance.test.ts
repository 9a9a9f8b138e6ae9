// The governance admin pages in real Chromium against the real server: retention and the password
// switch under Instellingen (and the privacy page showing the periods, linked from the respondent
// page), logging in with an organisation account through a real OpenID Connect provider (waiting
// for access, an admin giving a role on Accounts, then getting in), the audit log filtered by
// person, round and action, and an AVG request (look up, download, erase after confirming). Each
// page on a 360 px phone and on a desktop, without sideways scrolling or serious axe issues.
//
// One server, one provider and one browser for the file, on the embedded database (the API tests
// in audit, oidc and lifecycle cover both databases).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { firstAdmin, freePort, startAppServer, type AppServer } from "./support/app-server.ts";
import { seriousAxeViolations, watchPage } from "./support/browser.ts";
import { useChromium } from "./support/e2e.ts";
import { startOidcProvider, type TestIdp } from "./support/oidc-provider.ts";
import { firstOptionAnswers } from "./support/respondent.ts";

let browser: Browser;
useChromium((started) => (browser = started));

const shots = process.env.SCREENSHOTS;
const password = "een-lang-wachtwoord-1";

interface Created {
  round: { id: string };
  links: { url: string }[];
}

describe("governance admin pages", () => {
  let server: AppServer;
  let idp: TestIdp;
  let admin: { email: string; password: string };
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let round: Created;
  const roundTitle = "Docenten voorjaar";

  const newDesktop = () => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  // Not `isMobile`: Chromium's mobile emulation zooms out a page that is too wide, so the width check could not fail.
  const newPhone = () => browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });

  async function logInByApi(context: BrowserContext, email: string, secret: string) {
    const res = await context.request.post(`${server.url}/api/auth/login`, { data: { email, password: secret } });
    expect(res.status(), await res.text()).toBe(200);
  }

  beforeAll(async () => {
    // The provider must know our callback before the app starts, and the app the provider.
    const port = await freePort();
    idp = await startOidcProvider({ redirectUri: `http://127.0.0.1:${port}/api/auth/oidc/callback` });
    server = await startAppServer({
      port,
      env: { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret },
    });
    admin = firstAdmin(server);
    await server.admin("POST", "/api/admin/accounts", { email: "lezer@example.org", name: "Lex Lezer", role: "viewer", password });

    round = await server.admin<Created>("POST", "/api/admin/rounds", {
      scanId: "bachelorscan",
      title: roundTitle,
      group: "Academie Sociaal Werk",
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: "2099-01-01T00:00:00Z",
      respondents: Array.from({ length: 5 }, (_, i) => ({ name: `Docent ${i + 1}`, email: `docent-${i + 1}@example.org`, team: "Sociaal werk" })),
    });
    const token = round.links[0]!.url.split("/r/")[1]!;
    const form = (await (await fetch(`${server.url}/api/respond/${token}`)).json()) as { survey: Record<string, unknown> };
    const res = await fetch(`${server.url}/api/respond/${token}/submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ responseId: crypto.randomUUID(), data: firstOptionAnswers(form.survey) }),
    });
    expect(res.status, await res.text()).toBe(200);

    desktop = await newDesktop();
    phone = await newPhone();
    await logInByApi(desktop, admin.email, admin.password);
    await logInByApi(phone, admin.email, admin.password);
  }, 120_000);

  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
    await server?.dispose();
    await idp?.stop();
  });

  /** Goes to `path` and waits for its main heading. */
  async function open(page: Page, path: string, heading: string | RegExp) {
    await page.goto(`${server.url}${path}`);
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  }

  /** The page fits the screen and has no serious axe issue; a screenshot when SCREENSHOTS is set. */
  async function check(page: Page, name: string) {
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    if (shots) await page.screenshot({ path: `${shots}/${name}-${width.inner}.png`, fullPage: true });
    expect(width.scroll, `${name} is wider than the screen`).toBeLessThanOrEqual(width.inner);
    expect(await seriousAxeViolations(page), name).toEqual([]);
  }

  it("Instellingen: retention periods and the password switch are saved; the privacy page, linked under the respondent page, shows the periods", async () => {
    const page = await phone.newPage();
    const seen = watchPage(page);
    await open(page, "/admin/settings", "Instellingen");
    await page.getByLabel("Persoonsgegevens bewaren (maanden na het sluiten van een ronde)").fill("18");
    await page.getByLabel("Logboek bewaren (maanden)").fill("24");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.getByText("De instellingen zijn opgeslagen.").waitFor();
    await check(page, "settings-governance");
    const saved = await server.admin<{ settings: Record<string, unknown> }>("GET", "/api/admin/settings");
    expect(saved.settings).toMatchObject({ retentionMonths: 18, auditRetentionMonths: 24, passwordLogin: true });

    // The respondent page links to the privacy page, which names the organisation's periods.
    await page.goto(round.links[1]!.url);
    await page.getByRole("link", { name: "Privacy" }).click();
    await page.getByRole("heading", { level: 1, name: "Privacy bij Peilstok" }).waitFor();
    await expect.poll(() => page.locator("main").textContent()).toContain("18 maanden");
    expect(await page.locator("main").textContent()).toContain("24 maanden");
    await check(page, "privacy");

    // Password login off: the login page offers only the organisation account, the API refuses.
    await open(page, "/admin/settings", "Instellingen");
    await page.getByLabel("Inloggen met e-mailadres en wachtwoord toestaan").uncheck();
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.getByText("De instellingen zijn opgeslagen.").waitFor();
    try {
      const context = await newDesktop();
      const login = await context.newPage();
      await login.goto(`${server.url}/admin`);
      await login.getByRole("link", { name: "Inloggen met je organisatieaccount" }).waitFor();
      expect(await login.getByLabel("Wachtwoord").count()).toBe(0);
      await check(login, "login-oidc-only");
      const refused = await context.request.post(`${server.url}/api/auth/login`, { data: { email: admin.email, password: admin.password } });
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("password-login-off");
      await context.close();
    } finally {
      await server.admin("PATCH", "/api/admin/settings", { passwordLogin: true });
    }
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it("an organisation account without a role waits; an admin gives a role and teams on Accounts, or turns a request away; then they get in", async () => {
    idp.users.set("kim-sub", { email: "kim@gemeente.example", email_verified: true, name: "Kim Bakker" });
    idp.users.set("rob-sub", { email: "rob@gemeente.example", email_verified: true, name: "Rob Vos" });
    /** Runs `click` and waits for the navigation it starts (a redirect chain is one navigation). */
    const via = (page: Page, click: () => Promise<void>) => Promise.all([page.waitForNavigation(), click()]);
    /** On the provider's own (development) login and consent pages until it sends the browser back. */
    const throughProvider = async (page: Page, login: string) => {
      for (let i = 0; i < 4 && page.url().startsWith(idp.issuer); i++) {
        if (await page.locator('input[name="login"]').count()) {
          await page.locator('input[name="login"]').fill(login);
          await page.locator('input[name="password"]').fill("wat-dan-ook");
        }
        await via(page, () => page.locator("button.login-submit").click());
      }
      expect(page.url().startsWith(server.url), page.url()).toBe(true);
    };
    const signIn = async (context: BrowserContext, login: string) => {
      const page = await context.newPage();
      await page.goto(`${server.url}/admin`);
      await page.getByRole("heading", { name: "Inloggen" }).waitFor();
      // Both ways in: the organisation account first, the password form under it.
      await page.getByLabel("Wachtwoord").waitFor();
      await check(page, "login-oidc");
      await via(page, () => page.getByRole("link", { name: "Inloggen met je organisatieaccount" }).click());
      await throughProvider(page, login);
      return page;
    };

    const kimContext = await newPhone();
    const kim = await signIn(kimContext, "kim-sub");
    await kim.getByRole("heading", { level: 1, name: "Je hebt nog geen toegang" }).waitFor();
    expect(new URL(kim.url()).search).toBe("?reden=wacht");
    await check(kim, "no-access");
    const robContext = await newDesktop();
    const rob = await signIn(robContext, "rob-sub");
    await rob.getByRole("heading", { level: 1, name: "Je hebt nog geen toegang" }).waitFor();
    await check(rob, "no-access");

    // The admin sees both, on a phone, and gives Kim the teamleader role for team Noord.
    const page = await phone.newPage();
    await open(page, "/admin/accounts", "Accounts");
    const waiting = page.getByRole("region", { name: "Wachten op toegang" });
    await waiting.getByText("kim@gemeente.example").waitFor();
    await waiting.getByText("rob@gemeente.example").waitFor();
    await check(page, "accounts-waiting");
    const kimForm = waiting.getByRole("form", { name: "Toegang voor kim@gemeente.example" });
    await kimForm.getByLabel("Rol").selectOption("teamleader");
    await kimForm.getByRole("button", { name: "Toegang geven" }).click();
    // A teamleader needs a team: the browser's own check stops the empty field.
    expect(await kimForm.getByLabel("Teams (gescheiden door komma's)").evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(true);
    await kimForm.getByLabel("Teams (gescheiden door komma's)").fill("Noord, Zuid");
    await kimForm.getByRole("button", { name: "Toegang geven" }).click();
    await waiting.getByText("kim@gemeente.example is nu teamleider en kan inloggen.").waitFor();
    await page.getByRole("table").getByText("kim@gemeente.example").waitFor();

    // Rob is turned away, after a confirmation.
    await waiting.getByRole("form", { name: "Toegang voor rob@gemeente.example" }).getByRole("button", { name: "Afwijzen" }).click();
    const dialog = page.getByRole("dialog", { name: "Aanvraag van rob@gemeente.example afwijzen?" });
    await dialog.getByRole("button", { name: "Afwijzen" }).click();
    await waiting.getByText("De aanvraag van rob@gemeente.example is afgewezen.").waitFor();
    expect(await waiting.getByRole("form").count()).toBe(0);
    const pending = await server.admin<{ requests: unknown[] }>("GET", "/api/admin/oidc/requests");
    expect(pending.requests).toEqual([]);

    // Kim tries again and is in, as teamleader of her teams.
    await via(kim, () => kim.getByRole("link", { name: "Opnieuw inloggen" }).click());
    await throughProvider(kim, "kim-sub");
    await kim.getByRole("heading", { level: 1, name: "Rondes" }).waitFor();
    expect(await kim.locator("header.shell-header .shell-user").textContent()).toContain("teamleider");
    const session = (await (await kimContext.request.get(`${server.url}/api/auth/session`)).json()) as { user: { role: string; teams: string[] } };
    expect(session.user).toMatchObject({ role: "teamleader", teams: ["Noord", "Zuid"] });
    await kimContext.close();
    await robContext.close();
    await page.close();
  });

  it("Logboek: admins read who did what, filtered by person, round and action, on a phone and a desktop", async () => {
    // Something to find: the viewer logs in and opens the round's report.
    const viewer = await newDesktop();
    await logInByApi(viewer, "lezer@example.org", password);
    expect((await viewer.request.get(`${server.url}/api/admin/reports/rounds/${round.round.id}`)).status()).toBe(200);
    await viewer.close();

    const page = await desktop.newPage();
    await open(page, "/admin/audit", "Logboek");
    const rows = page.getByRole("table", { name: "Logboek" }).locator("tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(5);
    await check(page, "audit");

    // By person.
    await page.getByLabel("Persoon").selectOption("lezer@example.org");
    await page.getByRole("button", { name: "Filteren" }).click();
    await expect.poll(() => page.url()).toContain("actor=lezer%40example.org");
    // The "who" cell: the address, and under it the client's network address.
    await expect.poll(async () => new Set(await rows.locator("td:nth-child(2)").evaluateAll((tds) => tds.map((td) => td.firstChild?.textContent)))).toEqual(
      new Set(["lezer@example.org"]),
    );
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-action")).sort())).toEqual(["auth.login", "report.view"]);

    // By round and action together; the filters survive a reload (they live in the address).
    await page.getByRole("button", { name: "Alles tonen" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("");
    await page.getByLabel("Ronde").selectOption({ label: `${roundTitle} (Academie Sociaal Werk)` });
    await page.getByLabel("Handeling").selectOption({ label: "Rapport bekeken" });
    await page.getByRole("button", { name: "Filteren" }).click();
    await expect.poll(() => page.url()).toContain("action=report.view");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Logboek" }).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute("data-action")).toBe("report.view");
    expect(await rows.first().textContent()).toContain(roundTitle);
    expect(await page.getByLabel("Handeling").inputValue()).toBe("report.view");

    // Nothing found says so.
    await page.getByLabel("Persoon").selectOption(admin.email);
    await page.getByRole("button", { name: "Filteren" }).click();
    await page.getByText("Geen regels met deze filters.").waitFor();

    // A round's pages link to its part of the log.
    await open(page, `/admin/rounds/${round.round.id}/respondents`, "Respondenten en uitnodigingen");
    await page.getByRole("navigation", { name: "Deze ronde" }).getByRole("link", { name: "Logboek" }).click();
    await page.getByRole("heading", { level: 1, name: "Logboek" }).waitFor();
    expect(new URL(page.url()).searchParams.get("round")).toBe(round.round.id);
    await expect.poll(() => page.getByLabel("Ronde").inputValue()).toBe(round.round.id);
    await expect.poll(async () => new Set(await rows.locator("td:nth-child(4)").allTextContents())).toEqual(new Set([`${roundTitle} (Academie Sociaal Werk)`]));
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-action")))).toEqual(
      expect.arrayContaining(["round.create", "report.view"]),
    );

    // Reading the log is in it too, with the page and the filter in words.
    await open(page, "/admin/audit?action=audit.view", "Logboek");
    await expect.poll(() => rows.locator("td:nth-child(5)").allTextContents()).toContain("pagina 1 · gefilterd op Rapport bekeken");

    // On a phone each entry is a block of lines, and the page does not scroll sideways; nor does
    // any line of an entry stick out of it (a date cut off at the screen's edge).
    const small = await phone.newPage();
    await open(small, "/admin/audit?action=auth.login", "Logboek");
    await small.getByRole("table", { name: "Logboek" }).locator("tbody tr").first().waitFor();
    await check(small, "audit");
    const sticking = await small.locator(".audit-table td").evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth).map((td) => td.textContent));
    expect(sticking, "lines of the log wider than the phone").toEqual([]);
    await small.close();

    // A viewer has no menu entry and no page.
    const viewerPage = await (async () => {
      const context = await newDesktop();
      await logInByApi(context, "lezer@example.org", password);
      return context.newPage();
    })();
    await viewerPage.goto(`${server.url}/admin/audit`);
    await viewerPage.getByRole("heading", { level: 1 }).waitFor();
    expect(await viewerPage.getByRole("heading", { level: 1, name: "Logboek" }).count()).toBe(0);
    expect(await viewerPage.getByRole("navigation", { name: "Beheer" }).getByRole("link", { name: "Logboek" }).count()).toBe(0);
    await viewerPage.context().close();
    await page.close();
  });

  it("AVG-verzoeken: an admin looks up one address, downloads the overview and erases it after typing the address again", async () => {
    const person = "docent-1@example.org";
    const page = await phone.newPage();
    const seen = watchPage(page);
    await open(page, "/admin/avg", "AVG-verzoeken");
    await check(page, "avg-empty");
    await page.getByRole("textbox", { name: "E-mailadres" }).fill("DOCENT-1@example.org");
    await page.getByRole("button", { name: "Opzoeken" }).click();
    const summary = page.getByRole("region", { name: `Wat Peilstok bewaart over ${person}` });
    await summary.getByRole("table", { name: "Deelnames aan peilingen" }).getByText(roundTitle).waitFor();
    expect(await summary.getByRole("table").textContent()).toContain("Docent 1");
    expect(await summary.getByRole("table").textContent()).toContain("ingediend");
    await check(page, "avg-summary");

    // The download is the export, with the answers, and nobody else.
    const [download] = await Promise.all([page.waitForEvent("download"), summary.getByRole("button", { name: "Overzicht downloaden (JSON)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^avg-inzage-docent-1-example-org-\d{4}-\d{2}-\d{2}\.json$/);
    const text = readFileSync((await download.path())!, "utf8");
    const exported = JSON.parse(text) as { verzoek: { emailadres: string }; deelnames: { naam: string; antwoorden: { status: string } }[] };
    expect(exported.verzoek.emailadres).toBe(person);
    expect(exported.deelnames).toHaveLength(1);
    expect(exported.deelnames[0]).toMatchObject({ naam: "Docent 1", antwoorden: { status: "ingediend" } });
    expect(text).not.toContain("docent-2");

    // Erasing asks for the address again; a different one erases nothing.
    await summary.getByRole("button", { name: "Alles wissen…" }).click();
    const dialog = page.getByRole("dialog", { name: `Alles over ${person} wissen?` });
    await check(page, "avg-erase-dialog");
    await dialog.getByLabel("Typ het e-mailadres nogmaals ter bevestiging").fill("docent-2@example.org");
    await dialog.getByRole("button", { name: "Definitief wissen" }).click();
    await dialog.getByText("Typ het e-mailadres precies zoals hierboven om te bevestigen.").waitFor();
    expect((await fetch(round.links[0]!.url.replace("/r/", "/api/respond/"))).status).toBe(200);
    await dialog.getByLabel("Typ het e-mailadres nogmaals ter bevestiging").fill(person);
    await dialog.getByRole("button", { name: "Definitief wissen" }).click();
    await page.getByText(`Alles over ${person} is gewist.`).waitFor();
    expect(await page.locator(".notice--success").textContent()).toContain("uit 1 ronde verwijderd");
    expect(await dialog.count()).toBe(0);

    // The link no longer works; the others' do; a second look finds nothing.
    expect((await fetch(round.links[0]!.url.replace("/r/", "/api/respond/"))).status).toBe(404);
    expect((await fetch(round.links[1]!.url.replace("/r/", "/api/respond/"))).status).toBe(200);
    await page.getByRole("button", { name: "Opzoeken" }).click();
    await page.getByText("Peilstok bewaart niets over dit e-mailadres.").waitFor();
    expect(await page.getByRole("button", { name: "Alles wissen…" }).count()).toBe(0);

    // Both requests are in the audit log, without the address.
    const log = await server.admin<{ entries: { action: string; details: unknown; target: unknown }[] }>("GET", "/api/admin/audit?action=privacy.erase");
    expect(log.entries).toHaveLength(1);
    expect(JSON.stringify(log.entries)).not.toContain("docent-1");
    expect(seen.errors).toEqual([]);

    // Desktop too.
    const wide = await desktop.newPage();
    await open(wide, "/admin/avg", "AVG-verzoeken");
    await wide.getByRole("textbox", { name: "E-mailadres" }).fill("docent-2@example.org");
    await wide.getByRole("button", { name: "Opzoeken" }).click();
    await wide.getByRole("region", { name: "Wat Peilstok bewaart over docent-2@example.org" }).waitFor();
    await check(wide, "avg-summary");
    await wide.close();
    await page.close();
  });
});
