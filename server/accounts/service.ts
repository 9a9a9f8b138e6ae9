// Creating and changing accounts, and the first admin; shared by the admin API, the CLI and the
// first start.
import { randomUUID } from "node:crypto";
import { z } from "@hono/zod-openapi";
import type { Queryable, Sql } from "../db/connect.ts";
import {
  countAccounts,
  countActiveAdmins,
  findAccount,
  findAccountByEmail,
  insertAccount,
  roles,
  setActive,
  setPassword,
  setRole,
  type AccountRow,
  type Role,
} from "./queries.ts";
import { AppError } from "../lib/errors.ts";
import type { Log } from "../lib/log.ts";
import { generatePassword, hashPassword, minPasswordLength } from "./passwords.ts";

export const emailSchema = z.email().max(320).transform((e) => e.toLowerCase());
export const passwordSchema = z.string().min(minPasswordLength, `at least ${minPasswordLength} characters`).max(1024);

/** Round groups a teamleader answers for. */
const teamsSchema = z.array(z.string().trim().min(1).max(200)).max(100);

export const accountCreateSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().max(200).default(""),
    role: z.enum(roles),
    teams: teamsSchema.default([]),
    /** Left out: a password is generated and returned once. */
    password: passwordSchema.optional(),
  })
  .refine((a) => a.role !== "teamleader" || a.teams.length > 0, {
    path: ["teams"],
    message: "a teamleader needs at least one team",
  });

export type AccountCreate = z.input<typeof accountCreateSchema>;

export const createdAccountSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(roles),
  teams: z.array(z.string()),
  password: z.string().nullable().openapi({ description: "Only when generated: shown once, never stored." }),
});
export type CreatedAccount = z.infer<typeof createdAccountSchema>;

export async function createAccount(sql: Queryable, input: AccountCreate): Promise<CreatedAccount> {
  const account = accountCreateSchema.parse(input);
  if (await findAccountByEmail(sql, account.email)) {
    throw new AppError(409, "account-exists", `an account for ${account.email} already exists`);
  }
  const password = account.password ?? generatePassword();
  const id = randomUUID();
  const teams = account.role === "teamleader" ? [...new Set(account.teams)] : [];
  await insertAccount(sql, {
    id,
    email: account.email,
    name: account.name,
    passwordHash: await hashPassword(password),
    role: account.role,
    teams,
  });
  return { id, email: account.email, role: account.role, teams, password: account.password ? null : password };
}

export const accountUpdateSchema = z
  .strictObject({
    role: z.enum(roles).optional(),
    /** Replaces a teamleader's teams. */
    teams: teamsSchema.optional(),
    /** false deactivates the account (its sessions end at once), true reactivates it. */
    active: z.boolean().optional(),
  })
  .refine((u) => u.role !== undefined || u.teams !== undefined || u.active !== undefined, {
    message: "give at least one of role, teams and active",
  });

export type AccountUpdate = z.input<typeof accountUpdateSchema>;

/** An account as the admin API and the CLI show it; never the password hash. */
export const accountViewSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    teams: z.array(z.string()),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    lastLoginAt: z.iso.datetime().nullable(),
    deactivatedAt: z.iso.datetime().nullable(),
  })
  .openapi("Account");
export type AccountView = z.infer<typeof accountViewSchema>;

export function accountView(a: AccountRow): AccountView {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    teams: a.teams,
    active: a.deactivated_at === null,
    createdAt: a.created_at.toISOString(),
    lastLoginAt: a.last_login_at?.toISOString() ?? null,
    deactivatedAt: a.deactivated_at?.toISOString() ?? null,
  };
}

const teamsInvalid = (message: string) =>
  new AppError(400, "invalid-body", message, [{ field: "teams", reason: "invalid", message }]);

/**
 * Changes an account's role, teams or whether it is active. Refuses (409) any change that would
 * leave no active admin, since then nobody could manage accounts from the app.
 */
export async function updateAccount(sql: Sql, id: string, input: AccountUpdate): Promise<AccountView> {
  const update = accountUpdateSchema.parse(input);
  return sql.begin(async (tx) => {
    // Two admins demoting each other at once must not both pass the last-admin check.
    await tx`select pg_advisory_xact_lock(hashtext('peilstok:accounts'))`;
    const account = await findAccount(tx, id);
    if (!account) throw new AppError(404, "not-found", "account not found");

    const role = update.role ?? account.role;
    const active = update.active ?? account.deactivated_at === null;
    if (role !== "teamleader" && update.teams !== undefined && update.teams.length > 0) {
      throw teamsInvalid("only a teamleader has teams");
    }
    const teams = role === "teamleader" ? [...new Set(update.teams ?? account.teams)] : [];
    if (role === "teamleader" && teams.length === 0) throw teamsInvalid("a teamleader needs at least one team");

    const wasActiveAdmin = account.role === "admin" && account.deactivated_at === null;
    if (wasActiveAdmin && (role !== "admin" || !active) && (await countActiveAdmins(tx)) <= 1) {
      throw new AppError(
        409,
        "last-admin",
        `${account.email} is the last active admin: make another account admin before ${active ? "changing its role" : "deactivating it"}`,
      );
    }

    if (update.role !== undefined || update.teams !== undefined) await setRole(tx, id, role, teams);
    if (update.active !== undefined) await setActive(tx, id, active);
    return accountView((await findAccount(tx, id))!);
  });
}

/** `updateAccount` for the CLI, which names accounts by e-mail address. */
export async function updateAccountByEmail(sql: Sql, email: string, input: AccountUpdate): Promise<AccountView> {
  const account = await findAccountByEmail(sql, email.toLowerCase());
  if (!account) throw new AppError(404, "not-found", `no account for ${email}`);
  return updateAccount(sql, account.id, input);
}

export async function resetPassword(sql: Queryable, email: string): Promise<string> {
  const account = await findAccountByEmail(sql, email.toLowerCase());
  if (!account) throw new AppError(404, "not-found", `no account for ${email}`);
  const password = generatePassword();
  await setPassword(sql, account.id, await hashPassword(password));
  return password;
}

/**
 * On a database without accounts, creates the first admin with a generated password and prints
 * it once. There is never a default password; later starts print nothing.
 */
export async function ensureFirstAdmin(sql: Sql, email: string, log: Log): Promise<CreatedAccount | null> {
  const created = await sql.begin(async (tx) => {
    // Two processes starting at once must not both create a first admin.
    await tx`select pg_advisory_xact_lock(hashtext('peilstok:first-admin'))`;
    if ((await countAccounts(tx)) > 0) return null;
    return createAccount(tx, { email, role: "admin", name: "Beheerder" });
  });
  if (created) {
    log.info(
      `admin: created the first account ${created.email} with password ${created.password}\n` +
        "admin: this password is shown only now; log in at /admin and keep it safe " +
        `(a new one: npm run account -- reset-password ${created.email})`,
    );
  }
  return created;
}
