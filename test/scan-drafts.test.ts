// Scan drafts from the browser editor: teamleaders and admins save them, a teamleader sees only
// their own, viewers read, and only an admin publishes one (which turns it into a version).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../server/app.ts";
import type { Draft, DraftSummary } from "../server/scans/drafts.ts";
import { sessionAs, type TestSession } from "./support/accounts.ts";
import { testApp } from "./support/app.ts";
import { backends, openTestDb, type TestDb } from "./support/db.ts";

const scan = (name: string, extra = "") => `scan ${name}
  title "Concept ${name}"
  answered-by each-person

scale mate 1..5

theme t "Thema"
  rate a "A" on mate
${extra}`;

describe.each(backends)("scan drafts on %s", (backend) => {
  let db: TestDb;
  let app: App;
  let admin: TestSession;
  let leader: TestSession;
  let otherLeader: TestSession;
  let viewer: TestSession;

  beforeAll(async () => {
    db = await openTestDb(backend);
    app = testApp(db.sql);
    admin = await sessionAs(app, db.sql, "admin");
    leader = await sessionAs(app, db.sql, "teamleader", ["Noord"]);
    otherLeader = await sessionAs(app, db.sql, "teamleader", ["Zuid"]);
    viewer = await sessionAs(app, db.sql, "viewer");
  });
  afterAll(async () => db?.close());

  const call = async <T,>(who: TestSession, method: string, path: string, body?: unknown) => {
    const res = await app.request(path, { method, headers: who.headers(), body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };

  it("saves a teamleader's draft with its errors, and lists it for them and for admins only", async () => {
    const created = await call<Draft>(leader, "POST", "/api/admin/scan-drafts", { source: scan("noord-scan", "  rate b \"B\" on onbekend\n") });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scan: "noord-scan", title: "Concept noord-scan", errors: 1, warnings: 0 });

    const mine = await call<{ drafts: DraftSummary[] }>(leader, "GET", "/api/admin/scan-drafts");
    expect(mine.body.drafts.map((d) => d.id)).toEqual([created.body.id]);
    const theirs = await call<{ drafts: DraftSummary[] }>(otherLeader, "GET", "/api/admin/scan-drafts");
    expect(theirs.body.drafts.map((d) => d.id)).not.toContain(created.body.id);
    expect((await call(otherLeader, "GET", `/api/admin/scan-drafts/${created.body.id}`)).status).toBe(404);
    expect((await call(otherLeader, "PUT", `/api/admin/scan-drafts/${created.body.id}`, { source: "x" })).status).toBe(404);
    for (const reader of [admin, viewer]) {
      const all = await call<{ drafts: DraftSummary[] }>(reader, "GET", "/api/admin/scan-drafts");
      expect(all.body.drafts.map((d) => d.id)).toContain(created.body.id);
    }
    // Viewers read and never write.
    expect((await call(viewer, "PUT", `/api/admin/scan-drafts/${created.body.id}`, { source: "x" })).status).toBe(403);
  });

  it("lets only an admin publish a draft: errors give 422 and keep it, a clean one becomes a version and the draft goes", async () => {
    const draft = (await call<Draft>(leader, "POST", "/api/admin/scan-drafts", { source: scan("west-scan", "  rate b \"B\" on onbekend\n") })).body;
    expect((await call(leader, "POST", `/api/admin/scan-drafts/${draft.id}/publish`)).status).toBe(403);

    const refused = await call<{ error: { code: string; issues: { field: string }[] } }>(admin, "POST", `/api/admin/scan-drafts/${draft.id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues.map((i) => i.field)).toEqual(["source:9:17"]);
    expect((await call(leader, "GET", `/api/admin/scan-drafts/${draft.id}`)).status).toBe(200);

    const fixed = await call<Draft>(leader, "PUT", `/api/admin/scan-drafts/${draft.id}`, { source: scan("west-scan") });
    expect(fixed.body).toMatchObject({ errors: 0, source: scan("west-scan") });
    const published = await call<{ scan: string; version: number; status: string }>(admin, "POST", `/api/admin/scan-drafts/${draft.id}/publish`);
    expect(published).toMatchObject({ status: 201, body: { scan: "west-scan", version: 1, status: "published" } });
    expect((await call(leader, "GET", `/api/admin/scan-drafts/${draft.id}`)).status).toBe(404);
    const versions = await call<{ versions: unknown[] }>(viewer, "GET", "/api/admin/scans/west-scan/versions");
    expect(versions.body.versions).toHaveLength(1);
    // Publishing is in the audit log, by the admin who did it.
    const log = await db.sql<{ actor_email: string; target_label: string }[]>`select actor_email, target_label from audit_log where action = 'scan.publish'`;
    expect(log).toEqual([{ actor_email: admin.email, target_label: "west-scan versie 1" }]);
  });

  it("lets a teamleader delete their own draft, and answers 404 for an unknown or malformed id", async () => {
    const draft = (await call<Draft>(leader, "POST", "/api/admin/scan-drafts", { source: "" })).body;
    expect(draft).toMatchObject({ scan: null, title: "" });
    expect((await call(otherLeader, "DELETE", `/api/admin/scan-drafts/${draft.id}`)).status).toBe(404);
    expect((await call(leader, "DELETE", `/api/admin/scan-drafts/${draft.id}`)).status).toBe(200);
    expect((await call(leader, "DELETE", `/api/admin/scan-drafts/${draft.id}`)).status).toBe(404);
    expect((await call(admin, "GET", "/api/admin/scan-drafts/niet-een-id")).status).toBe(404);
  });
});
