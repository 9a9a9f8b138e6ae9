// Invitations end to end: a real SMTP server started here, the app with the built client, real
// Chromium. Time is the test's clock: the reminder run happens by moving it ten days forward.
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { adminToken, compileScanFile, publishAs } from "./support/app.ts";
import { buildClient, freePort } from "./support/app-server.ts";
import { launchChromium, newPhoneContext, watchPage } from "./support/browser.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";
import { day, mailSetup, teachersCsv, testClock, type MailSetup } from "./support/mail.ts";
import { answerPage, nextPage, submit, submitThroughApi } from "./support/respondent.ts";
import { linkIn, startSmtp, type TestSmtp } from "./support/smtp.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe.each(backends)("invitations by e-mail on %s", (backend) => {
  let db: TestDb;
  let smtp: TestSmtp;
  let setup: MailSetup;
  let server: ServerType;
  let url: string;

  beforeAll(async () => {
    const [clientDir, port] = await Promise.all([buildClient(), freePort()]);
    db = await openTestDb(backend);
    smtp = await startSmtp();
    url = `http://127.0.0.1:${port}`;
    setup = mailSetup(db.sql, { smtpUrl: smtp.url, base: url, clientDir, clock: testClock() });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: setup.app.fetch, port, hostname: "127.0.0.1" }, () => resolve());
    });
  });
  afterAll(async () => {
    setup?.transport.close();
    await new Promise((resolve) => server?.close(resolve));
    await smtp?.close();
    await db?.close();
  });

  const api = async (method: string, path: string, body?: string, type = "application/json") => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": type },
      body,
    });
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  it("30 teachers from a CSV get 30 mails; 3 answer; exactly 27 reminders go out; the rate reads 3/30", async () => {
    const { compiled } = await compileScanFile("scans/bachelorscan.scan");
    const { scanId } = await publishAs(db.sql, compiled);
    const now = setup.clock();
    const { round } = await api(
      "POST",
      "/api/admin/rounds",
      JSON.stringify({
        scanId,
        title: "Najaar",
        group: "Academie",
        opensAt: new Date(now.getTime() - 60_000).toISOString(),
        closesAt: new Date(now.getTime() + 42 * day).toISOString(),
        respondents: [],
      }),
    );
    const imported = await api("POST", `/api/admin/rounds/${round.id}/respondents/import?invite=true`, teachersCsv(30), "text/csv");
    expect(imported).toEqual({ added: 30, errors: [] });

    await setup.invitations.sendDue();
    const invitations = await smtp.waitFor(30);
    expect(new Set(invitations.map((m) => m.to[0])).size).toBe(30);
    expect(invitations.every((m) => m.subject.startsWith("Uitnodiging:"))).toBe(true);

    // Three answer: one on a phone through the mail's link, two through theirs from another
    // client (filling in the 45 pairs in a browser again proves nothing new and takes long;
    // e2e-respondent.test.ts covers the form).
    const answered = invitations.slice(0, 3);
    const [onPhone, ...elsewhere] = answered;
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(linkIn(onPhone!));
    for (;;) {
      await answerPage(page, (_name, kind) => (kind === "text" ? "" : 0));
      if (!(await page.getByRole("button", { name: "Volgende" }).isVisible())) break;
      await nextPage(page);
    }
    await submit(page);
    await page.getByRole("heading", { name: "Bedankt voor het invullen" }).waitFor();
    expect(seen.errors).toEqual([]);
    await context.close();
    for (const mail of elsewhere) await submitThroughApi(url, linkIn(mail));

    // Nine days on: nothing is due yet. Ten days on: the scheduler's pass sends the reminders.
    const before = smtp.mails.length;
    setup.clock.advance(9 * day);
    await setup.invitations.tick();
    expect(smtp.mails.length).toBe(before);
    setup.clock.advance(1 * day);
    const pass = await setup.invitations.tick();
    expect(pass.reminders).toBe(27);
    const reminders = smtp.mails.slice(before);
    expect(reminders).toHaveLength(27);
    const remindedTo = new Set(reminders.map((m) => m.to[0]));
    expect(remindedTo.size).toBe(27);
    for (const mail of answered) expect(remindedTo.has(mail.to[0])).toBe(false);
    expect(reminders.every((m) => m.subject.startsWith("Herinnering:"))).toBe(true);

    const rate = await api("GET", `/api/admin/rounds/${round.id}/response-rate`);
    expect(rate.total.label).toBe("3/30");
    const recipients = await api("GET", `/api/admin/rounds/${round.id}/recipients`);
    expect(recipients.recipients.filter((r: any) => r.state === "submitted")).toHaveLength(3);
    expect(recipients.recipients.filter((r: any) => r.reminders === 1)).toHaveLength(27);
  });
});
