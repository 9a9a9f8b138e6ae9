// `npm test`: the type check (tsc) and the test suite (vitest) side by side, failing when either
// fails. tsc alone keeps one core busy for half a minute; run first, it kept the other one idle.
// Arguments go to vitest: `npm test -- test/foo.test.ts`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
// vitest exports no path to its command; its package.json names it.
const vitestBin = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");

function run(script: string, args: string[], output: "inherit" | "buffer"): Promise<{ code: number; text: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", output === "inherit" ? "inherit" : "pipe", output === "inherit" ? "inherit" : "pipe"] });
    let text = "";
    child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), text }));
  });
}

const [typecheck, suite] = await Promise.all([
  // Its report waits until the suite's is done, so the two do not interleave.
  run(require.resolve("typescript/bin/tsc"), ["--noEmit"], "buffer"),
  run(vitestBin, ["run", ...process.argv.slice(2)], "inherit"),
]);
if (typecheck.code !== 0) process.stdout.write(`\ntsc --noEmit found type errors:\n${typecheck.text}`);
else process.stdout.write("tsc --noEmit: no type errors\n");
process.exit(typecheck.code !== 0 ? typecheck.code : suite.code);
