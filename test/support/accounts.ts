// Accounts and logged-in sessions for API tests: a real login through /api/auth/login.
import { randomUUID } from "node:crypto";
import type { App } from "../../server/app.ts";
import { createAccount } from "../../server/accounts/service.ts";
import type { Role } from "../../server/accounts/queries.ts";
import type { Sql } from "../../server/db/connect.ts";

export interface TestSession {
  email: string;
  password: string;
  role: Role;
  cookie: string;
  csrfToken: string;
  /** Headers for a request as this account; state-changing ones carry the CSRF token. */
  headers(extra?: Record<string, string>): Record<string, string>;
}

export async function login(app: App, email: string, password: string): Promise<{ cookie: string; csrfToken: string; response: Response }> {
  const response = await app.request("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0]!;
  const { csrfToken } = (await response.clone().json()) as { csrfToken: string };
  return { cookie, csrfToken, response };
}

export async function sessionAs(app: App, sql: Sql, role: Role, teams: string[] = []): Promise<TestSession> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.org`;
  const password = `wachtwoord-${randomUUID()}`;
  await createAccount(sql, { email, role, teams, password });
  const { cookie, csrfToken } = await login(app, email, password);
  return {
    email,
    password,
    role,
    cookie,
    csrfToken,
    headers: (extra = {}) => ({ cookie, "x-csrf-token": csrfToken, "content-type": "application/json", ...extra }),
  };
}
