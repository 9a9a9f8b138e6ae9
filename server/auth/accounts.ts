// Creating accounts and the first admin; shared by the admin API, the CLI and the first start.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Queryable, Sql } from "../db/connect.ts";
import { countAccounts, findAccountByEmail, insertAccount, roles, setPassword } from "../db/accounts.ts";
import { AppError } from "../errors.ts";
import type { Log } from "../log.ts";
import { generatePassword, hashPassword, minPasswordLength } from "./passwords.ts";

export const emailSchema = z.email().max(320).transform((e) => e.toLowerCase());
export const passwordSchema = z.string().min(minPasswordLength, `at least ${minPasswordLength} characters`).max(1024);

export const accountCreateSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().max(200).default(""),
    role: z.enum(roles),
    /** Round groups a teamleader answers for. */
    teams: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    /** Left out: a password is generated and returned once. */
    password: passwordSchema.optional(),
  })
  .refine((a) => a.role !== "teamleader" || a.teams.length > 0, {
    path: ["teams"],
    message: "a teamleader needs at least one team",
  });

export type AccountCreate = z.input<typeof accountCreateSchema>;

export interface CreatedAccount {
  id: string;
  email: string;
  role: (typeof roles)[number];
  teams: string[];
  /** Only when generated: shown once, never stored. */
  password: string | null;
}

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
