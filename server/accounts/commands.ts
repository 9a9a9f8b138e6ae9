// What `npm run account -- …` does, as commands: run directly on the database, or, while the
// server holds the embedded database, by the server on the command line's behalf
// (server/system/control-socket.ts). Either way the same function runs and the answer is the same.
import os from "node:os";
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { AuditAction } from "../audit/actions.ts";
import type { Queryable, Sql } from "../db/connect.ts";
import type { ControlCommand } from "../system/control-socket.ts";
import { listAccounts, roles } from "./queries.ts";
import { accountView, createAccount, resetPassword, updateAccountByEmail, type AccountView } from "./service.ts";
import { findAccountByEmail, type AccountRow } from "./queries.ts";
import { disableTwoFactor } from "./two-factor.ts";
import { AppError } from "../lib/errors.ts";

const command = <S extends z.ZodType, R>(c: ControlCommand<S, R>) => c;

const email = z.string().min(1);

/** The command line's changes go into the audit log like the admin pages' (actor `cli`, with the system user). */
async function logged(sql: Queryable, action: AuditAction, account: { id: string; email: string }, details?: Record<string, unknown>) {
  await recordAudit(sql, {
    action,
    actor: { kind: "cli", user: os.userInfo().username },
    target: { kind: "account", id: account.id, label: account.email },
    ...(details ? { details: details as never } : {}),
  });
}

/** A change to an account from the command line, logged with the account before and after. */
async function changeByEmail(sql: Sql, address: string, change: Parameters<typeof updateAccountByEmail>[2]): Promise<AccountView> {
  const before: AccountRow | undefined = await findAccountByEmail(sql, address.toLowerCase());
  const after = await updateAccountByEmail(sql, address, change);
  const was = before ? accountView(before) : null;
  await logged(sql, "account.update", after, {
    before: { role: was?.role ?? null, teams: was?.teams ?? [], active: was?.active ?? null },
    after: { role: after.role, teams: after.teams, active: after.active },
  });
  return after;
}

export const accountCommands = {
  create: command({
    input: z.object({ email, role: z.enum(roles), name: z.string(), teams: z.array(z.string()) }),
    run: async (sql, input) => {
      const created = await createAccount(sql, input);
      await logged(sql, "account.create", created, { role: created.role, teams: created.teams });
      return created;
    },
  }),
  "reset-password": command({
    input: z.object({ email }),
    run: async (sql, { email }) => {
      const password = await resetPassword(sql, email);
      const account = await findAccountByEmail(sql, email.toLowerCase());
      if (account) await logged(sql, "account.password-reset", account);
      return { password };
    },
  }),
  list: command({
    input: z.object({}),
    run: async (sql) =>
      (await listAccounts(sql)).map((a) => ({ email: a.email, role: a.role, teams: a.teams, active: a.deactivated_at === null })),
  }),
  "set-role": command({
    input: z.object({ email, role: z.enum(roles), teams: z.array(z.string()).optional() }),
    run: (sql, { email, role, teams }): Promise<AccountView> => changeByEmail(sql, email, { role, ...(teams ? { teams } : {}) }),
  }),
  deactivate: command({
    input: z.object({ email }),
    run: (sql, { email }) => changeByEmail(sql, email, { active: false }),
  }),
  "reset-two-factor": command({
    input: z.object({ email }),
    run: async (sql, { email }) => {
      const account = await findAccountByEmail(sql, email.toLowerCase());
      if (!account) throw new AppError(404, "not-found", `no account for ${email}`);
      await disableTwoFactor(sql, account.id);
      await logged(sql, "auth.two-factor-off", account);
      return { email: account.email };
    },
  }),
  activate: command({
    input: z.object({ email }),
    run: (sql, { email }) => changeByEmail(sql, email, { active: true }),
  }),
};

export type AccountCommands = typeof accountCommands;
