import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompress, constants, type InputType } from "node:zlib";
import { promisify } from "node:util";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

const brotli = promisify(brotliCompress);
const cacheDir = path.resolve("node_modules/.cache/peilstok-brotli");

/**
 * Brotli at its best quality, remembered by content: quality 11 shrinks the SurveyJS bundle
 * another 8% over quality 9 but takes seconds, and every test file builds the same client.
 */
async function cachedBrotli(input: InputType): Promise<Buffer> {
  const buffer = Buffer.isBuffer(input) ? input : Buffer.from(input as string);
  const file = path.join(cacheDir, `${createHash("sha256").update(buffer).digest("hex")}.br`);
  try {
    return await readFile(file);
  } catch {
    const out = await brotli(buffer, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
    });
    await mkdir(cacheDir, { recursive: true });
    await writeFile(file, out);
    return out;
  }
}

/**
 * Every text file also as .br and .gz, so the server sends them compressed without compressing
 * on each request (server/app.ts). Also used for the floor page of `npm run bench respondent`.
 */
export function precompress() {
  return compression({
    include: /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/,
    threshold: 256,
    algorithms: [defineAlgorithm(async (buf) => cachedBrotli(buf), {}), defineAlgorithm("gzip", { level: 9 })],
    filename: (id, { algorithm }) => `${id}.${algorithm === "gzip" ? "gz" : "br"}`,
  });
}

// The client lives in client/; the server serves client/dist in production.
export default defineConfig({
  root: "client",
  plugins: [react(), precompress()],
  // survey-core alone is ~1.5 MB minified (~310 kB gzipped) and cannot be split further; the
  // admin pages and the editor are separate lazy chunks (test/bundles.test.ts).
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2500,
    // No PLUGIN_TIMINGS warning on every `npm start`: the time goes to brotli at quality 11 on a
    // first build (cached after that, see cachedBrotli), which is deliberate.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
