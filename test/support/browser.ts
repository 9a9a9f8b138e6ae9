// Real Chromium driven by playwright-core, plus axe-core. Which Chromium: see chromium.ts (the
// npm build by default, CHROMIUM_PATH by choice).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from "playwright-core";
import { chromiumTarget } from "./chromium.ts";
import { traced } from "./timing.ts";

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return traced("chromium launch", async () => {
    const target = await chromiumTarget();
    return chromium.launch({
      executablePath: target.executablePath,
      env: target.env,
      headless: true,
      // Playwright's defaults plus these; never @sparticuz/chromium's args (see chromium.ts).
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      ...options,
    });
  });
}

/** A phone-sized context (iPhone 12-ish): small viewport, touch, Dutch. */
export function newPhoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
  });
}

/** Collects uncaught page errors and dialogs (an `alert` from injected markup would show here). */
export function watchPage(page: Page): { errors: string[]; dialogs: string[] } {
  const seen = { errors: [] as string[], dialogs: [] as string[] };
  page.on("pageerror", (error) => seen.errors.push(error.message));
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string }[];
}

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Logs in on the admin pages and waits for the rounds overview. */
export async function logIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/admin`);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByRole("heading", { name: "Rondes" }).waitFor();
}
