import { Hono } from "hono";
import type { Sql } from "../db/connect.ts";

export function healthRoutes(sql: Sql) {
  return new Hono().get("/", async (c) => {
    await sql`select 1`;
    return c.json({ ok: true });
  });
}
