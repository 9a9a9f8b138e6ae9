import { createRoute, z } from "@hono/zod-openapi";
import type { Sql } from "../db/connect.ts";
import { findAccount, listAccounts } from "./queries.ts";
import {
  accountCreateSchema,
  accountUpdateSchema,
  accountView,
  accountViewSchema,
  createAccount,
  createdAccountSchema,
  updateAccount,
} from "./service.ts";
import { requireRole, type AuthEnv } from "./guard.ts";
import { adminSecurity, apiRoutes, errorResponse, json, jsonBody, notFoundAs } from "../lib/openapi.ts";
import { audit } from "../audit/record.ts";

const idParam = z.object({ id: z.uuid(notFoundAs("account")) });
const admin = requireRole("admin");
const tags = ["accounts"];

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Accounts (admin)",
  security: adminSecurity,
  middleware: admin,
  responses: { 200: json(z.object({ accounts: z.array(accountViewSchema) }), "Accounts") },
});

const createAccountRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "Create an account (admin); a generated password is returned once",
  security: adminSecurity,
  middleware: admin,
  request: { body: jsonBody(accountCreateSchema) },
  responses: {
    201: json(createdAccountSchema, "Created"),
    409: errorResponse("E-mail address in use."),
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/{id}",
  tags,
  summary: "Change an account's role and teams, or (de)activate it (admin); deactivating ends its sessions",
  security: adminSecurity,
  middleware: admin,
  request: { params: idParam, body: jsonBody(accountUpdateSchema) },
  responses: {
    200: json(z.object({ account: accountViewSchema }), "The changed account"),
    409: errorResponse("The change would leave no active admin."),
  },
});

/** Account management, admins only. Mounted at /api/admin/accounts. */
export function accountRoutes(sql: Sql) {
  return apiRoutes<AuthEnv>()
    .openapi(listRoute, async (c) => {
      const accounts = await listAccounts(sql);
      return c.json({ accounts: accounts.map(accountView) }, 200);
    })
    .openapi(createAccountRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      const created = await createAccount(sql, c.req.valid("json"));
      await audit(c, sql, "account.create", {
        target: { kind: "account", id: created.id, label: created.email },
        details: { role: created.role, teams: created.teams },
      });
      return c.json(created, 201);
    })
    .openapi(updateRoute, async (c) => {
      const { id } = c.req.valid("param");
      const before = await findAccount(sql, id);
      const account = await updateAccount(sql, id, c.req.valid("json"));
      await audit(c, sql, "account.update", {
        target: { kind: "account", id: account.id, label: account.email },
        details: {
          before: { role: before?.role ?? null, teams: before?.teams ?? [], active: before?.deactivated_at === null },
          after: { role: account.role, teams: account.teams, active: account.active },
        },
      });
      return c.json({ account }, 200);
    });
}
