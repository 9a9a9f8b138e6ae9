import { spawn, type ChildProcess } from "node:child_process";
import { serverCommand } from "./app-server.ts";
import { freePort } from "./pg-cluster.ts";
import { budget } from "./timing.ts";
import { checkResponsesEnv, watchServerOutput } from "./response-mismatches.ts";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Runs the real server as its own process (see serverCommand in app-server.ts): node itself, not
 * an npx wrapper, so a SIGKILL hits the server.
 */
export async function startServer(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const [listenPort, command] = await Promise.all([port ?? freePort(), serverCommand()]);
  const child = spawn(process.execPath, command, {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(listenPort), CLIENT_DIR: "client/dist", ...checkResponsesEnv, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => {
    output += d;
    watchServerOutput(String(d));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${budget(180)} s:\n${output}`)), budget(180_000));
    const check = () => {
      if (output.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { url: `http://127.0.0.1:${listenPort}`, child, output: () => output, exited };
}
