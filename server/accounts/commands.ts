// What `npm run account -- …` does, as commands: run directly on the database, or, while the
// server holds the embedded database, by the server on the command line's behalf
// (server/system/control-socket.ts). Either way the same function runs and the answer is the same.
import { z } from "zod";
import type { ControlCommand } from "../system/control-socket.ts";
import { listAccounts, roles } from "./queries.ts";
import { createAccount, resetPassword, updateAccountByEmail, type AccountView } from "./service.ts";
import { findAccountByEmail } from "./queries.ts";
import { disableTwoFactor } from "./two-factor.ts";
import { AppError } from "../lib/errors.ts";

const command = <S extends z.ZodType, R>(c: ControlCommand<S, R>) => c;

const email = z.string().min(1);

export const accountCommands = {
  create: command({
    input: z.object({ email, role: z.enum(roles), name: z.string(), teams: z.array(z.string()) }),
    run: (sql, input) => createAccount(sql, input),
  }),
  "reset-password": command({
    input: z.object({ email }),
    run: async (sql, { email }) => ({ password: await resetPassword(sql, email) }),
  }),
  list: command({
    input: z.object({}),
    run: async (sql) =>
      (await listAccounts(sql)).map((a) => ({ email: a.email, role: a.role, teams: a.teams, active: a.deactivated_at === null })),
  }),
  "set-role": command({
    input: z.object({ email, role: z.enum(roles), teams: z.array(z.string()).optional() }),
    run: (sql, { email, role, teams }): Promise<AccountView> => updateAccountByEmail(sql, email, { role, ...(teams ? { teams } : {}) }),
  }),
  deactivate: command({
    input: z.object({ email }),
    run: (sql, { email }) => updateAccountByEmail(sql, email, { active: false }),
  }),
  "reset-two-factor": command({
    input: z.object({ email }),
    run: async (sql, { email }) => {
      const account = await findAccountByEmail(sql, email.toLowerCase());
      if (!account) throw new AppError(404, "not-found", `no account for ${email}`);
      await disableTwoFactor(sql, account.id);
      return { email: account.email };
    },
  }),
  activate: command({
    input: z.object({ email }),
    run: (sql, { email }) => updateAccountByEmail(sql, email, { active: true }),
  }),
};

export type AccountCommands = typeof accountCommands;
