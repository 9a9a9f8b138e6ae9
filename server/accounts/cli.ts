// `npm run account -- <command>`: manage admin accounts from the server's command line, against
// the same database the server uses (DATABASE_URL or the embedded DATA_DIR). While the server runs
// on the embedded database, the command is carried out by the server (server/system/control-socket.ts):
// two processes must never write that database at once.
import { Argument, Command } from "commander";
import { z } from "zod";
import { roles, type Role } from "./queries.ts";
import { loadEnv } from "../lib/env.ts";
import { runCommand } from "../system/run-command.ts";
import { accountCommands, type AccountCommands } from "./commands.ts";
import type { AccountView } from "./service.ts";

type Result<K extends keyof AccountCommands> = Awaited<ReturnType<AccountCommands[K]["run"]>>;

const run = <K extends keyof AccountCommands & string>(name: K, input: z.input<AccountCommands[K]["input"]>) =>
  runCommand(loadEnv(), accountCommands, name, input) as Promise<Result<K>>;

const program = new Command("account").description("Peilstok admin accounts");

program
  .command("create")
  .description("create an account; prints its generated password once")
  .requiredOption("--email <email>")
  .option("--role <role>", `one of ${roles.join(", ")}`, "admin")
  .option("--name <name>", "display name", "")
  .option("--team <team...>", "round groups a teamleader answers for")
  .action(async (opts: { email: string; role: string; name: string; team?: string[] }) => {
    const created = await run("create", { email: opts.email, role: opts.role as Role, name: opts.name, teams: opts.team ?? [] });
    console.log(`created ${created.role} ${created.email}${created.teams.length ? ` (teams: ${created.teams.join(", ")})` : ""}`);
    console.log(`password: ${created.password}  (shown only now)`);
  });

program
  .command("reset-password")
  .description("give an account a new generated password and end its sessions")
  .argument("<email>")
  .action(async (email: string) => {
    const { password } = await run("reset-password", { email });
    console.log(`new password for ${email}: ${password}  (shown only now)`);
  });

const describe = (a: Pick<AccountView, "email" | "role" | "teams" | "active">) =>
  `${a.email}\t${a.role}\t${a.teams.join(", ")}\t${a.active ? "active" : "deactivated"}`;

program
  .command("list")
  .description("list accounts: e-mail, role, teams, active or deactivated")
  .action(async () => {
    const accounts = await run("list", {});
    if (accounts.length === 0) console.log("no accounts yet: the first start of the app creates an admin, or use `create`");
    for (const a of accounts) console.log(describe(a));
  });

program
  .command("set-role")
  .description("change an account's role; a teamleader needs --team (the given teams replace the old ones)")
  .argument("<email>")
  .addArgument(new Argument("<role>").choices(roles))
  .option("--team <team...>", "round groups a teamleader answers for")
  .action(async (email: string, role: Role, opts: { team?: string[] }) => {
    const account = await run("set-role", { email, role, ...(opts.team ? { teams: opts.team } : {}) });
    console.log(`changed: ${describe(account)}`);
  });

program
  .command("deactivate")
  .description("deactivate an account: its sessions end at once and it can no longer log in")
  .argument("<email>")
  .action(async (email: string) => {
    const account = await run("deactivate", { email });
    console.log(`deactivated ${account.email}; its sessions have ended`);
  });

program
  .command("reset-two-factor")
  .description("switch off an account's two-factor login (a lost phone and no recovery codes left)")
  .argument("<email>")
  .action(async (email: string) => {
    const { email: done } = await run("reset-two-factor", { email });
    console.log(`two-factor login is off for ${done}; they log in with their password and can set it up again`);
  });

program
  .command("activate")
  .description("reactivate a deactivated account; its password is unchanged")
  .argument("<email>")
  .action(async (email: string) => {
    const account = await run("activate", { email });
    console.log(`activated ${account.email}`);
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof z.ZodError ? z.prettifyError(err) : err instanceof Error ? err.message : err);
  process.exit(1);
});
