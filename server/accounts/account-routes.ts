import { Hono } from "hono";
import { z } from "zod";
import type { Sql } from "../db/connect.ts";
import { listAccounts } from "./queries.ts";
import { accountCreateSchema, accountUpdateSchema, accountView, createAccount, updateAccount } from "./service.ts";
import { requireRole, type AuthEnv } from "./guard.ts";
import { valid, validParam } from "../lib/request-validator.ts";

const idParam = z.object({ id: z.uuid() });

/** Account management, admins only. Mounted at /api/admin/accounts. */
export function accountRoutes(sql: Sql) {
  return new Hono<AuthEnv>()
    .use(requireRole("admin"))
    .get("/", async (c) => {
      const accounts = await listAccounts(sql);
      return c.json({ accounts: accounts.map(accountView) });
    })
    .post("/", valid("json", accountCreateSchema), async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await createAccount(sql, c.req.valid("json")), 201);
    })
    .patch("/:id", validParam(idParam, "account"), valid("json", accountUpdateSchema), async (c) => {
      return c.json({ account: await updateAccount(sql, c.req.valid("param").id, c.req.valid("json")) });
    });
}
