// The admin pages as one product, in real Chromium against the real server with real data: every
// admin page (and the login) has no serious or critical axe-core issue, one shell with the user's
// name and role on each, breadcrumbs where pages nest, a menu that collapses on a phone, Dutch
// mail types, the outbox showing a mail as sent with a link that opens, a confirmation before
// mailing with the count, no reminder in the same minute as the invitations, and the results pages
// (report, series, own results) at 360 px without sideways scrolling.
//
// One server and one browser for the whole file; the database does not matter to these pages, so
// they run on the embedded one (the data they show is covered on both backends by API tests).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { firstAdmin, type AppServer } from "./support/app-server.ts";
import { logIn, seriousAxeViolations, watchPage } from "./support/browser.ts";
import { useAppServer, useChromium } from "./support/e2e.ts";
import { firstOptionAnswers } from "./support/respondent.ts";

let browser: Browser;
useChromium((started) => (browser = started));

const password = "een-lang-wachtwoord-1";
const shots = process.env.SCREENSHOTS;

/** Waits (outside a test, where expect.poll is not available) until `ready` holds. */
async function until(ready: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Created {
  round: { id: string };
  links: { url: string }[];
}

describe("admin pages", () => {
  let server: AppServer;
  useAppServer("embedded", (started) => (server = started), { MAIL_INTERVAL_SECONDS: "1" });

  let desktop: BrowserContext;
  let phone: BrowserContext;
  let admin: { email: string; password: string };
  const ids = { quickscanSpring: "", quickscanAutumn: "", bachelor: "", series: "", ownToken: "" };

  async function submit(token: string, data: Record<string, unknown>) {
    const res = await fetch(`${server.url}/api/respond/${token}/submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ responseId: crypto.randomUUID(), data }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }

  const tokenOf = (created: Created, i: number) => created.links[i]!.url.split("/r/")[1]!;
  const people = (prefix: string, n: number, team: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${i + 1}`, email: `${prefix.toLowerCase().replace(/\W+/g, "-")}-${i + 1}@example.org`, team: team(i) }));

  beforeAll(async () => {
    admin = firstAdmin(server);
    await server.admin("POST", "/api/admin/accounts", { email: "leider@example.org", name: "Tessa de Leider", role: "teamleader", teams: ["Noord"], password });
    await server.admin("POST", "/api/admin/accounts", { email: "lezer@example.org", name: "Lex Lezer", role: "viewer", password });

    // A quickscan series of the Noord team: spring (answered) and autumn (running, answered once).
    const scores = { missie: 2, uitgangspunten: 4, beleid: 2, procedures: 2, activiteiten: 3, verslaglegging: 2, netwerk: 3, organisatiecultuur: 3 };
    const spring = await server.admin<Created>("POST", "/api/admin/rounds", {
      scanId: "paraplu-quickscan",
      title: "Quickscan voorjaar",
      group: "Noord",
      opensAt: new Date(Date.now() - 200 * 86_400_000).toISOString(),
      closesAt: "2099-01-01T00:00:00Z",
      respondents: [{ name: "Teamleider Noord", email: "team-noord@example.org" }],
    });
    await submit(tokenOf(spring, 0), scores);
    const autumn = await server.admin<Created>("POST", "/api/admin/rounds", {
      scanId: "paraplu-quickscan",
      title: "Quickscan najaar",
      group: "Noord",
      opensAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
      closesAt: "2099-01-01T00:00:00Z",
            // A team scan: one link per team (the neighbourhood teams of Noord).
      respondents: [{ name: "Teamleider Noord", email: "team-noord@example.org" }, ...people("Collega Noord", 5, (i) => `Wijk ${i + 1}`)],
    });
    await submit(tokenOf(autumn, 0), { ...scores, missie: 3, beleid: 3, procedures: 3, verslaglegging: 3 });
    ids.quickscanSpring = spring.round.id;
    ids.quickscanAutumn = autumn.round.id;
    ids.series = (await server.admin<{ id: string }>("POST", "/api/admin/series", { roundId: autumn.round.id, title: "Quickscan Noord" })).id;

    // A bachelorscan round of four teachers that closes in a few seconds, so its results show
    // (the organisation's privacy floor lowered to 3 for it).
    await server.admin("PATCH", "/api/admin/settings", { minGroupSize: 3 });
    const bachelor = await server.admin<Created>("POST", "/api/admin/rounds", {
      scanId: "bachelorscan",
      title: "Docenten 2025",
      group: "Academie Sociaal Werk",
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 4000).toISOString(),
      minGroupSize: 3,
      respondents: people("Docent", 4, () => "Sociaal werk"),
    });
    ids.bachelor = bachelor.round.id;
    const form = (await (await fetch(`${server.url}/api/respond/${tokenOf(bachelor, 0)}`)).json()) as { survey: Record<string, unknown> };
    const base = firstOptionAnswers(form.survey);
    for (const [i] of bachelor.links.entries()) {
      // Different answers per teacher: current low, desired high, shifted by one per person.
      const data = Object.fromEntries(
        Object.entries(base).map(([k, v]) => [k, typeof v === "number" ? (k.endsWith("desired") ? 5 - (i % 2) : 1 + (i % 3)) : v]),
      );
      await submit(tokenOf(bachelor, i), data);
    }
    ids.ownToken = tokenOf(bachelor, 0);

    desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
    // Not `isMobile`: Chromium's mobile emulation zooms out to fit a page that is too wide, and
    // innerWidth grows with it, so the width check below could not fail.
    phone = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
    // Each test starts logged in as the admin (the first test logs in through the page itself).
    const login = await desktop.request.post(`${server.url}/api/auth/login`, { data: { email: admin.email, password: admin.password } });
    expect(login.status()).toBe(200);
    // The bachelorscan round has closed once its report shows results.
    await until(async () => (await server.admin<{ groups: { results: unknown }[] }>("GET", `/api/admin/reports/rounds/${ids.bachelor}`)).groups[0]?.results != null);
  });

  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
  });

  /** Goes to `path`, waits for its main heading, and checks the page width and (unless told not to) axe. */
  async function visit(page: Page, path: string, heading: string | RegExp, name: string, { axe = true } = {}) {
    await page.goto(`${server.url}${path}`);
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    // Charts draw after layout; wait for them so that width and axe see the finished page.
    await page.waitForFunction(() => [...document.querySelectorAll("canvas")].every((c) => c.width > 0));
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    if (shots) await page.screenshot({ path: `${shots}/${name}-${width.inner}.png`, fullPage: true });
    expect(width.inner).toBe(page.viewportSize()!.width);
    expect(width.scroll, `${path} is wider than the screen`).toBeLessThanOrEqual(width.inner);
    if (axe) expect(await seriousAxeViolations(page), path).toEqual([]);
  }

  it("every admin page: one shell with the user's name and role, breadcrumbs where pages nest, no serious axe issue", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}/admin/reports/${ids.quickscanAutumn}`);
    // Any admin address asks for a login first and then shows what was asked for.
    await page.getByRole("heading", { name: "Inloggen" }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/login-1280.png`, fullPage: true });
    await page.getByLabel("E-mailadres").fill(admin.email);
    await page.getByLabel("Wachtwoord").fill(admin.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByRole("heading", { level: 1, name: "Paraplumodel quickscan" }).waitFor();

    const pages: [string, string | RegExp, string][] = [
      ["/admin", "Rondes", "overview"],
      ["/admin/rounds/new", "Nieuwe ronde", "round-form"],
      [`/admin/rounds/${ids.quickscanAutumn}/respondents`, "Respondenten en uitnodigingen", "respondents"],
      [`/admin/reports/${ids.quickscanAutumn}`, /quickscan/i, "report-quickscan"],
      [`/admin/reports/${ids.bachelor}`, /bachelor/i, "report-bachelorscan"],
      [`/admin/reports/${ids.quickscanAutumn}/series`, /^Verloop/, "series-report"],
      [`/admin/series/${ids.series}`, "Quickscan Noord", "series"],
      ["/admin/editor/paraplu-quickscan", /quickscan/i, "editor"],
      ["/admin/outbox", "Postvak uit", "outbox"],
      ["/admin/accounts", "Accounts", "accounts"],
      ["/admin/settings", "Instellingen", "settings"],
      ["/admin/audit", "Logboek", "audit"],
      ["/admin/avg", "AVG-verzoeken", "avg"],
      ["/admin/security", "Beveiliging", "security"],
      ["/admin/bestaat-niet", "Pagina niet gevonden", "not-found"],
    ];
    for (const [path, heading, name] of pages) {
      await visit(page, path, heading, name);
      // The same shell everywhere: the menu, who is logged in and as what, logging out.
      const header = page.locator("header.shell-header");
      expect(await header.getByRole("navigation", { name: "Beheer" }).getByRole("link").allTextContents(), path).toEqual([
        "Rondes",
        "Nieuwe ronde",
        "Scan-editor",
        "Postvak uit",
        "Accounts",
        "Instellingen",
        "Logboek",
        "AVG-verzoeken",
        "Beveiliging",
      ]);
      expect(await header.locator(".shell-user").textContent(), path).toContain("beheerder");
      expect(await header.getByRole("button", { name: "Uitloggen" }).count(), path).toBe(1);
      // The browser tab names the page (WCAG 2.4.2), not just the product.
      expect(await page.title(), path).toMatch(/^\S.* — Peilstok$/);
    }

    // Nested pages say where they are; the round's pages link to each other.
    await page.goto(`${server.url}/admin/rounds/${ids.quickscanAutumn}/respondents`);
    const crumbs = page.getByRole("navigation", { name: "Kruimelpad" }).getByRole("listitem");
    await expect.poll(() => crumbs.allTextContents()).toEqual(["Rondes", "Quickscan najaar", "Respondenten"]);
    await page.getByRole("navigation", { name: "Deze ronde" }).getByRole("link", { name: "Rapport" }).click();
    await expect.poll(() => crumbs.allTextContents()).toEqual(["Rondes", "Quickscan najaar", "Rapport"]);
    expect(await page.locator("header.shell-header nav a[aria-current=page]").textContent()).toBe("Rondes");
    // Titles, not scan ids.
    await page.goto(`${server.url}/admin`);
    await page.getByRole("heading", { level: 2, name: "Paraplumodel quickscan · Noord" }).waitFor();

    // Keyboard focus is visible: the skip link first, then the menu.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Naar de inhoud");
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      const outline = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(outline.style).not.toBe("none");
      expect(outline.width).toBeGreaterThanOrEqual(2);
    }

    // On a laptop or a tablet held sideways the menu's nine entries fit: none broken over two
    // lines, nothing pushed off the screen (at 1024 px the logout button was cut off).
    for (const width of [1280, 1024, 960]) {
      await page.setViewportSize({ width, height: 800 });
      const layout = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        heights: [...document.querySelectorAll("header.shell-header nav a")].map((a) => (a as HTMLElement).offsetHeight),
        logout: document.querySelector("header.shell-header .shell-user button")!.getBoundingClientRect().right,
      }));
      expect(layout.scroll, `${width} px`).toBeLessThanOrEqual(layout.inner);
      expect(new Set(layout.heights).size, `${width} px: ${layout.heights.join(", ")}`).toBe(1);
      expect(layout.logout, `${width} px`).toBeLessThanOrEqual(width);
      if (shots) await page.screenshot({ path: `${shots}/menu-${width}.png` });
    }
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it("mails: a confirmation with the count, no reminder in the same minute, the outbox in Dutch with the mail as sent", async () => {
    const page = await desktop.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}/admin/rounds/${ids.quickscanAutumn}/respondents`);
    await page.getByRole("heading", { name: "Respondenten en uitnodigingen" }).waitFor();
    await page.getByRole("button", { name: "Uitnodigingen versturen (5)" }).click();
    const dialog = page.getByRole("dialog", { name: "5 uitnodigingen versturen?" });
    await dialog.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/confirm-1280.png` });
    // Cancelling sends nothing.
    await dialog.getByRole("button", { name: "Annuleren" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect((await server.admin<{ mails: unknown[] }>("GET", `/api/admin/mail/outbox?round=${ids.quickscanAutumn}`)).mails).toEqual([]);

    await page.getByRole("button", { name: "Uitnodigingen versturen (5)" }).click();
    await dialog.getByRole("button", { name: "5 uitnodigingen versturen" }).click();
    // Exactly as many as the confirmation said: who already answered gets no invitation.
    await page.getByText("5 uitnodigingen staan klaar om te versturen.").waitFor();
    // A reminder now would reach people in the same minute: the button waits and says until when.
    const wait = page.getByText(/^Herinneren kan vanaf \d{2}:\d{2} CES?T\./);
    await wait.waitFor();
    expect(await page.getByRole("button", { name: /^Stuur nu een herinnering/ }).isDisabled()).toBe(true);

    // The outbox: Dutch mail types, the round's title, the time with its zone, the mail as sent.
    await expect
      .poll(async () => (await server.admin<{ mails: unknown[] }>("GET", `/api/admin/mail/outbox?round=${ids.quickscanAutumn}`)).mails.length)
      .toBe(5);
    // From the round's page to its mails only.
    await page.getByRole("link", { name: "Bekijk het postvak uit" }).click();
    await page.getByText("Alleen de mails van ronde “Quickscan najaar”.").waitFor();
    const mails = page.locator(".outbox > li");
    await expect.poll(() => mails.count()).toBe(5);
    const first = mails.first();
    const meta = (await first.locator(".outbox-meta").textContent())!;
    expect(meta).toMatch(/^uitnodiging aan .+@example\.org · ronde Quickscan najaar · \d{1,2} \S+ \d{4} om \d{2}:\d{2} CES?T$/);
    expect(await page.locator("main").textContent()).not.toMatch(/invitation|reminder/);
    await first.getByRole("button").click();
    const frame = first.frameLocator("iframe");
    const link = frame.getByRole("link");
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(new RegExp(`^${server.url}/r/[A-Za-z0-9_-]{43}$`));
    expect(await frame.locator("body").textContent()).toContain("Je bent uitgenodigd om de Paraplumodel quickscan in te vullen (Quickscan najaar)");
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/outbox-open-1280.png`, fullPage: true });
    // The link opens the respondent's page in a new tab, outside the frame.
    const [popup] = await Promise.all([page.waitForEvent("popup"), link.click()]);
    await popup.waitForURL(href);
    await popup.getByRole("heading", { level: 1 }).waitFor();
    await popup.close();
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it("on a 360 px phone: the menu collapses, and the results pages (report, series, own results) fit the screen", async () => {
    const page = await phone.newPage();
    const seen = watchPage(page);
    await logIn(page, server.url, admin.email, admin.password);
    const menu = page.getByRole("button", { name: "Menu" });
    const nav = page.getByRole("navigation", { name: "Beheer" });
    expect(await nav.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await nav.getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("heading", { level: 1, name: "Accounts" }).waitFor();
    expect(await nav.isVisible()).toBe(false);

    await visit(page, `/admin/reports/${ids.quickscanAutumn}`, /quickscan/i, "report-quickscan");
    await visit(page, `/admin/reports/${ids.bachelor}`, /bachelor/i, "report-bachelorscan");
    await visit(page, `/admin/reports/${ids.quickscanAutumn}/series`, /^Verloop/, "series-report");
    await visit(page, `/admin/series/${ids.series}`, "Quickscan Noord", "series");
    // The other admin pages fit too (axe has seen them at desktop width above).
    const quick = { axe: false };
    await visit(page, "/admin", "Rondes", "overview", quick);
    await visit(page, `/admin/rounds/${ids.quickscanAutumn}/respondents`, "Respondenten en uitnodigingen", "respondents", quick);
    await visit(page, "/admin/rounds/new", "Nieuwe ronde", "round-form", quick);
    await visit(page, "/admin/outbox", "Postvak uit", "outbox", quick);
    await visit(page, "/admin/accounts", "Accounts", "accounts", quick);
    await visit(page, "/admin/settings", "Instellingen", "settings", quick);
    await visit(page, "/admin/security", "Beveiliging", "security", quick);
    await visit(page, "/admin/editor/paraplu-quickscan", /quickscan/i, "editor", quick);
    // The respondent's own results, from their own link.
    await visit(page, `/r/${ids.ownToken}/report`, /bachelor/i, "own-report");
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it("a viewer and a teamleader see their own menu and role, and pages beyond their role say so", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    await logIn(page, server.url, "lezer@example.org", password);
    const header = page.locator("header.shell-header");
    expect(await header.getByRole("navigation", { name: "Beheer" }).getByRole("link").allTextContents()).toEqual(["Rondes", "Beveiliging"]);
    expect(await header.locator(".shell-user").textContent()).toMatch(/^Lex Lezer\s*lezer/);
    await visit(page, "/admin/accounts", "Geen toegang", "no-access");
    await header.getByRole("button", { name: "Uitloggen" }).click();
    await page.getByRole("heading", { name: "Inloggen" }).waitFor();

    await logIn(page, server.url, "leider@example.org", password);
    expect(await header.locator(".shell-user").textContent()).toContain("teamleider · Noord");
    // Teamleaders write scan drafts in the editor (an admin publishes them).
    expect(await header.getByRole("navigation", { name: "Beheer" }).getByRole("link").allTextContents()).toEqual(["Rondes", "Nieuwe ronde", "Scan-editor", "Beveiliging"]);
    await visit(page, `/admin/rounds/${ids.quickscanAutumn}/respondents`, "Respondenten en uitnodigingen", "respondents-teamleader");
    await context.close();
  });
});
