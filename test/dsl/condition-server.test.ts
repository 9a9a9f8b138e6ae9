// A condition with and, or, not and parentheses, end to end on the server: the answer validation
// of POST /api/respond/:token/submit shows and hides the item exactly as the compiled condition
// says (dsl/conditions.ts, the same code SurveyJS's expression is tested against), so a hidden item
// is neither required nor stored, and a shown one is both.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { compile } from "../../dsl/index.ts";
import type { App } from "../../server/app.ts";
import { createRoundVia, publishAs, send, testApp } from "../support/app.ts";
import { backends, openTestDb, type TestDb } from "../support/db.ts";

const text = `scan voorwaarden
  title "Voorwaarden"
  answered-by each-person

scale niveau 1..5
  1 "laag"
  5 "hoog"

theme t "Thema"
  rate missie "Missie" on niveau
  yesno hulp "Wil je hulp?"
  pair samen "Samenwerking" on niveau
  text waarom "Waarom?"
    required
    show if (missie <= 2 and hulp = ja) or not (samen.desired > 3)
`;

const base = { missie: 4, hulp: "nee", samen__current: 3, samen__desired: 5 };

describe.each(backends)("a condition with and, or and not, validated on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let token: string;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    const compiled = compile({ name: "voorwaarden.scan", text }).result!;
    const { scanId } = await publishAs(db.sql, compiled);
    token = (await createRoundVia(app, { scanId, openLink: true })).openToken!;
  });
  afterAll(async () => db?.close());

  async function submit(data: Record<string, unknown>) {
    const id = randomUUID();
    const res = await send(app, "POST", `/api/respond/${token}/submit`, { responseId: id, data });
    const body = (await res.json()) as { error?: { issues?: { field: string; reason: string }[] } };
    const stored = await db.sql<{ item_id: string }[]>`select item_id from answers where response_id = ${id} order by item_id`;
    return { status: res.status, issues: body.error?.issues?.map((i) => [i.field, i.reason]) ?? [], stored: [...new Set(stored.map((r) => r.item_id))] };
  }

  test("hidden (neither part holds): not required, and an answer sent anyway is not stored", async () => {
    expect(await submit(base)).toEqual({ status: 200, issues: [], stored: ["hulp", "missie", "samen"] });
    expect(await submit({ ...base, waarom: "toch iets" })).toEqual({ status: 200, issues: [], stored: ["hulp", "missie", "samen"] });
  });

  test("shown by the `and` in parentheses: required, and stored", async () => {
    const shown = { ...base, missie: 2, hulp: "ja" };
    expect(await submit(shown)).toMatchObject({ status: 400, issues: [["waarom", "required"]], stored: [] });
    expect(await submit({ ...shown, waarom: "omdat" })).toEqual({ status: 200, issues: [], stored: ["hulp", "missie", "samen", "waarom"] });
  });

  test("shown by the `not`: required, and stored", async () => {
    const shown = { ...base, samen__desired: 2 };
    expect(await submit(shown)).toMatchObject({ status: 400, issues: [["waarom", "required"]] });
    expect((await submit({ ...shown, waarom: "omdat" })).stored).toContain("waarom");
  });

  test("half of the `and` is not enough", async () => {
    expect((await submit({ ...base, missie: 1, waarom: "x" })).stored).not.toContain("waarom");
  });
});
