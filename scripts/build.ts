// `npm run build`: everything a production start needs, built once.
//   client/dist/               the pages (vite), served by the server (CLIENT_DIR)
//   dist/server/main.js        the server, bundled by esbuild: `node dist/server/main.js`
//   dist/server/account.js     the account CLI: `node dist/server/account.js …`
//   dist/server/migrations/    the SQL migrations, found next to the bundle
// Packages stay external (imported from node_modules at run time), so `npm ci --omit=dev` after
// the build is enough to run it. `--out-dir DIR` builds into DIR/client/dist and DIR/dist/server
// instead (the tests build into a temp folder).
import { cp, rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { build as esbuild } from "esbuild";
import { build as viteBuild } from "vite";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { "out-dir": { type: "string" } } });
const outDir = path.resolve(values["out-dir"] ?? root);
const clientDir = path.join(outDir, "client", "dist");
const serverDir = path.join(outDir, "dist", "server");

// The production build whatever the caller's NODE_ENV (vite keeps a NODE_ENV it finds, and with
// "test" or "development" it would bundle React's development build).
process.env.NODE_ENV = "production";
const started = performance.now();
await viteBuild({
  configFile: path.join(root, "vite.config.ts"),
  logLevel: "warn",
  build: { outDir: clientDir, emptyOutDir: true },
});

await rm(serverDir, { recursive: true, force: true });
await esbuild({
  absWorkingDir: root,
  entryPoints: { main: "server/main.ts", account: "server/accounts/cli.ts" },
  outdir: serverDir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Dependencies load from node_modules as in development: native modules (argon2), PGlite's
  // wasm and swagger-ui's files stay where their packages expect them.
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
// server/db/migrate.ts reads ./migrations/ next to itself; in the bundle that is dist/server.
await cp(path.join(root, "server", "db", "migrations"), path.join(serverDir, "migrations"), { recursive: true });

const shown = (p: string) => (p.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), p) : p);
console.log(
  `built ${shown(clientDir)} and ${shown(serverDir)} in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `start with: node ${shown(path.join(serverDir, "main.js"))}`,
);
