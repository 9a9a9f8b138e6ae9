import { Hono } from "hono";
import type { Sql } from "../db/connect.ts";
import { listAccounts } from "../db/accounts.ts";
import { accountCreateSchema, createAccount } from "../auth/accounts.ts";
import { requireRole, type AuthEnv } from "../auth/guard.ts";
import { valid } from "../validate.ts";

/** Account management, admins only. Mounted at /api/admin/accounts. */
export function accountRoutes(sql: Sql) {
  return new Hono<AuthEnv>()
    .use(requireRole("admin"))
    .get("/", async (c) => {
      const accounts = await listAccounts(sql);
      return c.json({
        accounts: accounts.map((a) => ({
          id: a.id,
          email: a.email,
          name: a.name,
          role: a.role,
          teams: a.teams,
          createdAt: a.created_at.toISOString(),
          lastLoginAt: a.last_login_at?.toISOString() ?? null,
        })),
      });
    })
    .post("/", valid("json", accountCreateSchema), async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await createAccount(sql, c.req.valid("json")), 201);
    });
}
