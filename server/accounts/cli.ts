// `npm run account -- <command>`: manage admin accounts from the server's command line, against
// the same database the server uses (DATABASE_URL or the embedded DATA_DIR).
import { Argument, Command } from "commander";
import { z } from "zod";
import { connect } from "../db/connect.ts";
import { listAccounts, roles, type Role } from "./queries.ts";
import { migrate } from "../db/migrate.ts";
import { loadEnv } from "../lib/env.ts";
import { createAccount, resetPassword, updateAccountByEmail, type AccountView } from "./service.ts";

async function withDb<T>(run: (sql: Awaited<ReturnType<typeof connect>>["sql"]) => Promise<T>): Promise<T> {
  const db = await connect(loadEnv());
  try {
    await migrate(db.sql);
    return await run(db.sql);
  } finally {
    await db.close();
  }
}

const program = new Command("account").description("Peilstok admin accounts");

program
  .command("create")
  .description("create an account; prints its generated password once")
  .requiredOption("--email <email>")
  .option("--role <role>", `one of ${roles.join(", ")}`, "admin")
  .option("--name <name>", "display name", "")
  .option("--team <team...>", "round groups a teamleader answers for")
  .action(async (opts: { email: string; role: string; name: string; team?: string[] }) => {
    const created = await withDb((sql) =>
      createAccount(sql, { email: opts.email, role: opts.role as Role, name: opts.name, teams: opts.team ?? [] }),
    );
    console.log(`created ${created.role} ${created.email}${created.teams.length ? ` (teams: ${created.teams.join(", ")})` : ""}`);
    console.log(`password: ${created.password}  (shown only now)`);
  });

program
  .command("reset-password")
  .description("give an account a new generated password and end its sessions")
  .argument("<email>")
  .action(async (email: string) => {
    const password = await withDb((sql) => resetPassword(sql, email));
    console.log(`new password for ${email}: ${password}  (shown only now)`);
  });

const describe = (a: Pick<AccountView, "email" | "role" | "teams" | "active">) =>
  `${a.email}\t${a.role}\t${a.teams.join(", ")}\t${a.active ? "active" : "deactivated"}`;

program
  .command("list")
  .description("list accounts: e-mail, role, teams, active or deactivated")
  .action(async () => {
    const accounts = await withDb((sql) => listAccounts(sql));
    if (accounts.length === 0) console.log("no accounts yet: the first start of the app creates an admin, or use `create`");
    for (const a of accounts) console.log(describe({ ...a, active: a.deactivated_at === null }));
  });

program
  .command("set-role")
  .description("change an account's role; a teamleader needs --team (the given teams replace the old ones)")
  .argument("<email>")
  .addArgument(new Argument("<role>").choices(roles))
  .option("--team <team...>", "round groups a teamleader answers for")
  .action(async (email: string, role: Role, opts: { team?: string[] }) => {
    const account = await withDb((sql) => updateAccountByEmail(sql, email, { role, ...(opts.team ? { teams: opts.team } : {}) }));
    console.log(`changed: ${describe(account)}`);
  });

program
  .command("deactivate")
  .description("deactivate an account: its sessions end at once and it can no longer log in")
  .argument("<email>")
  .action(async (email: string) => {
    const account = await withDb((sql) => updateAccountByEmail(sql, email, { active: false }));
    console.log(`deactivated ${account.email}; its sessions have ended`);
  });

program
  .command("activate")
  .description("reactivate a deactivated account; its password is unchanged")
  .argument("<email>")
  .action(async (email: string) => {
    const account = await withDb((sql) => updateAccountByEmail(sql, email, { active: true }));
    console.log(`activated ${account.email}`);
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof z.ZodError ? z.prettifyError(err) : err instanceof Error ? err.message : err);
  process.exit(1);
});
