#!/usr/bin/env node
// `npx peilstok ...`: runs the TypeScript CLI through tsx, so there is no build step. The scan
// commands live in dsl/cli.ts, the database commands in server/backup/cli.ts.
import { register } from "tsx/esm/api";

register();
const databaseCommands = new Set(["backup", "restore", "copy-to-postgres"]);
if (databaseCommands.has(process.argv[2] ?? "")) await import("../server/backup/cli.ts");
else await import("../dsl/cli.ts");
