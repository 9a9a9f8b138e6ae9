// Drives the respondent page the way a person does: through SurveyJS's rendered controls.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { budget } from "./timing.ts";

export type Answer = number | string;

/** Names of the visible questions on the current page, in order (pair items give two). */
export async function visibleQuestionNames(page: Page): Promise<string[]> {
  return page
    .locator(".sd-body .sd-question[data-name]:visible")
    .evaluateAll((els) => els.filter((el) => !el.classList.contains("sd-panel")).map((el) => el.getAttribute("data-name") ?? ""));
}

/**
 * The compiler's "not applicable" tick box beside an item's rating (`<item>__nvt`, see
 * notApplicableField in dsl/kinds.ts). A person answering the item leaves it alone; a test that
 * wants an element marked n.v.t. ticks it with answerQuestion.
 */
export const isNotApplicableMark = (name: string): boolean => name.endsWith("__nvt");

/**
 * The first visible question on the page that is not in `done` and is not a "not applicable"
 * tick box, whether it takes text and whether it is a dropdown: one round trip to the page
 * instead of one per question and property (a 90-question scan is answered through the browser
 * in several tests, on a busy machine too).
 */
async function nextOpenQuestion(
  page: Page,
  done: ReadonlySet<string>,
): Promise<{ name: string; kind: "choice" | "text"; dropdown: boolean } | null> {
  return page.evaluate((skip) => {
    const seen = new Set(skip);
    for (const el of document.querySelectorAll(".sd-body .sd-question[data-name]")) {
      const name = el.getAttribute("data-name") ?? "";
      if (el.classList.contains("sd-panel") || seen.has(name) || name.endsWith("__nvt")) continue;
      // Visible as Playwright's :visible means it: rendered, not visibility:hidden, not empty.
      const box = el.getBoundingClientRect();
      if (!el.checkVisibility({ visibilityProperty: true }) || box.width === 0 || box.height === 0) continue;
      return {
        name,
        kind: el.querySelector("textarea, input.sd-text") ? ("text" as const) : ("choice" as const),
        dropdown: el.querySelector(".sd-dropdown") !== null,
      };
    }
    return null;
  }, [...done]);
}

/**
 * Answers one question. For rating and choice questions `answer` is the 0-based option index;
 * for text questions it is the text.
 */
export async function answerQuestion(page: Page, name: string, answer: Answer): Promise<void> {
  const dropdown = typeof answer === "number" && (await page.locator(`.sd-question[data-name="${name}"] .sd-dropdown`).count()) > 0;
  await answerKnownQuestion(page, name, answer, dropdown);
}

async function answerKnownQuestion(page: Page, name: string, answer: Answer, dropdown: boolean): Promise<void> {
  const question = page.locator(`.sd-question[data-name="${name}"]`);
  if (typeof answer === "string") {
    await question.locator("textarea, input.sd-text").first().fill(answer);
    return;
  }
  // Rating scales are compiled to buttons (displayMode "buttons"): SurveyJS's "auto" would draw
  // buttons, measure them and re-render a dropdown a frame later, under a clicking test's feet.
  if (dropdown) {
    await question.locator(".sd-dropdown").click();
    await page.locator(".sv-popup:visible [role=option]").nth(answer).click();
    await page.locator(".sv-popup:visible").waitFor({ state: "hidden" });
    return;
  }
  const options = question.locator(".sd-rating__item, .sd-item label, .sd-item");
  await options.nth(answer).click();
}

/**
 * Answers the visible, not yet answered questions on the current page (including ones that
 * appear because of an earlier answer), up to `limit` questions. Returns the names answered.
 */
export async function answerPage(
  page: Page,
  choose: (name: string, kind: "choice" | "text") => Answer,
  options: { limit?: number; skip?: ReadonlySet<string> } = {},
): Promise<string[]> {
  await page.locator(".sd-body .sd-question[data-name]").first().waitFor();
  const answered: string[] = [];
  const done = new Set(options.skip ?? []);
  for (;;) {
    if (answered.length >= (options.limit ?? Infinity)) return answered;
    const next = await nextOpenQuestion(page, done);
    if (next === null) return answered;
    done.add(next.name);
    const answer = choose(next.name, next.kind);
    if (answer === "") continue;
    await answerKnownQuestion(page, next.name, answer, next.dropdown);
    answered.push(next.name);
  }
}

export async function nextPage(page: Page): Promise<void> {
  const title = await currentPageTitle(page);
  await page.getByRole("button", { name: "Volgende" }).click();
  await page.waitForFunction(
    (before) => document.querySelector(".sd-page__title")?.textContent !== before,
    title,
  );
}

export async function currentPageTitle(page: Page): Promise<string> {
  return (await page.locator(".sd-page__title").first().textContent()) ?? "";
}

export async function submit(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Verzenden" }).click();
}

/** Waits until the status line says the server has the latest answers. */
export async function waitUntilSaved(page: Page): Promise<void> {
  await page.locator('.save-status[data-status="saved"]').waitFor({ timeout: budget(60_000) });
}

/** The respondent's own copy in localStorage (see client/src/features/respond/local-response.ts). */
export async function localResponse(page: Page, token: string): Promise<{ data: Record<string, unknown>; pageNo: number | null; dirty: boolean; submitPending: boolean } | null> {
  return page.evaluate((t) => {
    const id = JSON.parse(localStorage.getItem(`peilstok:response-id:${t}`) ?? "null") as string | null;
    if (!id) return null;
    return JSON.parse(localStorage.getItem(`peilstok:response:${t}:${id}`) ?? "null");
  }, token);
}

export function tokenOf(link: string): string {
  return new URL(link).pathname.split("/").pop() ?? "";
}

type SurveyElement = {
  type?: string;
  name?: string;
  elements?: SurveyElement[];
  rateValues?: { value: unknown }[];
  rateMin?: number;
  choices?: ({ value: unknown } | string)[];
  isRequired?: boolean;
};

/** A complete, valid answer set built from the form JSON: the first option of every closed question. */
export function firstOptionAnswers(survey: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const visit = (el: SurveyElement) => {
    el.elements?.forEach(visit);
    if (!el.name) return;
    const first = el.choices?.[0];
    const choice = typeof first === "object" && first !== null ? first.value : first;
    switch (el.type) {
      case "rating":
        data[el.name] = el.rateValues?.[0]?.value ?? el.rateMin ?? 1;
        break;
      case "radiogroup":
      case "dropdown":
        data[el.name] = choice;
        break;
      case "checkbox":
        data[el.name] = [choice];
        break;
      case "boolean":
        data[el.name] = true;
        break;
    }
  };
  ((survey.pages ?? []) as SurveyElement[]).forEach(visit);
  return data;
}

/** A phone (touch) below 500 px, a desktop window above; `locale` is the browser's language. */
export function screenContext(browser: Browser, width: number, locale = "nl-NL"): Promise<BrowserContext> {
  const mobile = width < 500;
  return browser.newContext({
    viewport: { width, height: mobile ? 740 : 900 },
    isMobile: mobile,
    hasTouch: mobile,
    locale,
    timezoneId: "Europe/Amsterdam",
  });
}

export const offlineText = "Geen verbinding — je antwoorden worden bewaard op dit apparaat";

export interface ServerForm {
  round: { state: string; allowEdit: boolean };
  survey: Record<string, unknown>;
  response: null | { id: string; status: string; data: Record<string, unknown>; submittedAt: string | null };
}

/** What the server has for a link (GET /api/respond/:token on the server at `baseUrl`). */
export async function formOnServer(baseUrl: string, link: string): Promise<ServerForm> {
  const response = await fetch(`${baseUrl}/api/respond/${tokenOf(link)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ServerForm;
}

/** Submits the first option of every closed question through the API, as another device would. */
export async function submitThroughApi(baseUrl: string, link: string): Promise<void> {
  const form = await formOnServer(baseUrl, link);
  const response = await fetch(`${baseUrl}/api/respond/${tokenOf(link)}/submit`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ responseId: crypto.randomUUID(), data: firstOptionAnswers(form.survey) }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Deterministic answers: option index from the name, so a resumed page can be checked. */
export function answerFor(name: string, kind: "choice" | "text"): Answer {
  if (kind === "text") return `Toelichting bij ${name}`;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) % 997;
  return hash % 5;
}

/** Answers every remaining page and presses "Verzenden". */
export async function finish(page: Page, choose: typeof answerFor, skip: ReadonlySet<string> = new Set()): Promise<string[]> {
  const answered: string[] = [];
  for (;;) {
    answered.push(...(await answerPage(page, choose, { skip })));
    if (!(await page.getByRole("button", { name: "Volgende" }).isVisible())) break;
    await nextPage(page);
  }
  await submit(page);
  return answered;
}
