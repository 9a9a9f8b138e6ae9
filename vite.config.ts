/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The client lives in client/; the server serves client/dist in production.
export default defineConfig({
  root: "client",
  plugins: [react()],
  // survey-core alone is ~1.5 MB minified (~310 kB gzipped) and cannot be split further; the
  // admin pages and the editor are separate lazy chunks (test/bundles.test.ts).
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2500 },
  server: { proxy: { "/api": "http://localhost:3000" } },
  test: {
    root: ".",
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
