// Which Chromium the tests drive. By default the headless Chromium from npm (@sparticuz/chromium,
// a chrome-headless-shell build matched to playwright-core's version), unpacked once into
// node_modules/.cache with its own NSS libraries and fonts, so nothing has to be installed on the
// machine. CHROMIUM_PATH points at another Chromium by choice (a Mac's, or Debian's
// /usr/bin/chromium); the npm build is Linux x64 only.
//
// Deliberately NOT used: @sparticuz/chromium's own `args` (they include --disable-web-security,
// --allow-running-insecure-content, --disable-site-isolation-trials and --single-process, which
// switch off same-origin protection that tests rely on) and its executablePath() (it unpacks into
// the shared os.tmpdir() and reuses whatever <tmpdir>/chromium it finds, half-written or of
// another version).
import { execFile } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { createBrotliDecompress } from "node:zlib";

const run = promisify(execFile);

export interface ChromiumTarget {
  executablePath: string;
  /** The environment to launch it with (its libraries and fonts for the npm build). */
  env: Record<string, string>;
  /** Where it came from, for messages. */
  source: string;
}

function sparticuzDir(): { dir: string; version: string } {
  // The package's package.json is not exported: walk up from its entry point.
  let dir = path.dirname(createRequire(import.meta.url).resolve("@sparticuz/chromium"));
  while (!existsSync(path.join(dir, "bin", "chromium.br"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("@sparticuz/chromium has no bin/chromium.br");
    dir = up;
  }
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  return { dir, version };
}

function cacheDirFor(pkgDir: string, version: string): string {
  // node_modules/@sparticuz/chromium → node_modules/.cache/peilstok-chromium-<version>
  return path.join(pkgDir, "..", "..", ".cache", `peilstok-chromium-${version}`);
}

async function untarBrotli(file: string, into: string): Promise<void> {
  mkdirSync(into, { recursive: true });
  // Through a file: tar may stop reading at the end-of-archive marker, before the pipe is drained.
  const tarFile = `${into}.tar`;
  await pipeline(createReadStream(file), createBrotliDecompress(), createWriteStream(tarFile));
  try {
    await run("tar", ["-x", "-f", tarFile, "-C", into]);
  } finally {
    rmSync(tarFile, { force: true });
  }
}

function fontsConf(dir: string, systemFonts: boolean): string {
  const system = systemFonts
    ? '  <dir>/usr/share/fonts</dir>\n  <include ignore_missing="yes">/etc/fonts/conf.d</include>\n'
    : "";
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<!-- Written by test/support/chromium.ts: the bundled Open Sans${systemFonts ? " and the system's fonts" : " only, so pages render alike on every machine"}. -->
<fontconfig>
  <dir>${path.join(dir, "fonts", "fonts")}</dir>
${system}  <cachedir>${path.join(dir, "fontconfig-cache")}</cachedir>
</fontconfig>
`;
}

let unpacking: Promise<string> | null = null;

/**
 * Unpacks the npm Chromium (binary, software GL, NSS libraries, fonts) once per installed version
 * and returns its folder. Safe when several processes do it at once: each unpacks into its own
 * folder and renames it into place; the first rename wins.
 */
export function unpackNpmChromium(): Promise<string> {
  unpacking ??= (async () => {
    const { dir: pkgDir, version } = sparticuzDir();
    const finalDir = cacheDirFor(pkgDir, version);
    if (existsSync(path.join(finalDir, ".complete"))) return finalDir;
    const partial = `${finalDir}.partial-${process.pid}-${Date.now()}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    try {
      const bin = (name: string) => path.join(pkgDir, "bin", name);
      await Promise.all([
        pipeline(createReadStream(bin("chromium.br")), createBrotliDecompress(), createWriteStream(path.join(partial, "chromium"), { mode: 0o755 })),
        untarBrotli(bin("swiftshader.tar.br"), partial),
        untarBrotli(bin("fonts.tar.br"), path.join(partial, "fonts")),
        untarBrotli(bin("al2023.tar.br"), path.join(partial, "al2023")),
      ]);
      // Paths inside are written for the final folder, which the rename below creates.
      writeFileSync(path.join(partial, "fonts.conf"), fontsConf(finalDir, false));
      mkdirSync(path.join(partial, "system-fonts"));
      writeFileSync(path.join(partial, "system-fonts", "fonts.conf"), fontsConf(finalDir, true));
      writeFileSync(path.join(partial, ".complete"), `${version}\n`);
      try {
        renameSync(partial, finalDir);
      } catch (err) {
        // Another process got there first (or left a broken folder behind, which we replace).
        if (existsSync(path.join(finalDir, ".complete"))) {
          rmSync(partial, { recursive: true, force: true });
        } else {
          rmSync(finalDir, { recursive: true, force: true });
          renameSync(partial, finalDir);
        }
        void err;
      }
    } catch (err) {
      rmSync(partial, { recursive: true, force: true });
      throw err;
    }
    return finalDir;
  })();
  unpacking.catch(() => (unpacking = null));
  return unpacking;
}

/**
 * The Chromium to launch: CHROMIUM_PATH when set, else the npm build. CHROMIUM_FONTS=system adds
 * the system's fonts to the npm build's bundled (Latin-only) Open Sans, e.g. for screenshots with
 * symbols or non-Latin text.
 */
export async function chromiumTarget(): Promise<ChromiumTarget> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, env, source: "CHROMIUM_PATH" };
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `The npm Chromium (@sparticuz/chromium) runs on Linux x64 only, not ${process.platform}-${process.arch}: ` +
        "set CHROMIUM_PATH to a Chromium or Chrome binary (e.g. the one `npx playwright install chromium` downloads).",
    );
  }
  const dir = await unpackNpmChromium();
  return {
    executablePath: path.join(dir, "chromium"),
    env: {
      ...env,
      // Its own libnss3, libnssutil3, libnspr4, libexpat first (a lean image has none of them).
      LD_LIBRARY_PATH: [path.join(dir, "al2023", "lib"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
      FONTCONFIG_PATH: process.env.CHROMIUM_FONTS === "system" ? path.join(dir, "system-fonts") : dir,
    },
    source: `@sparticuz/chromium (${dir})`,
  };
}
