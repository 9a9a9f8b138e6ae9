// The respondent page loads only what it needs: the admin pages and the scan editor (CodeMirror,
// the scan compiler) are separate chunks that load when someone visits them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, test } from "vitest";
import { buildClient } from "./support/app-server.ts";

let dir: string;
const read = (file: string) => readFileSync(path.join(dir, file), "utf8");
const gz = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(dir, f))).length, 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The JS a page loads: the entry, its static imports, and the named lazy chunk with its imports. */
function closure(entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // Static imports only (`import{...}from"./x.js"` / `import"./x.js"`); dynamic ones load later.
    for (const m of read(file).matchAll(/(?:^|[;}\s])import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(`assets/${m[1]}`);
  };
  entries.forEach(visit);
  return [...seen];
}

describe("client bundles", () => {
  beforeAll(async () => {
    dir = await buildClient();
  });

  const assets = () => readdirSync(path.join(dir, "assets")).filter((f) => f.endsWith(".js")).map((f) => `assets/${f}`);
  const entry = () => /src="\/(assets\/index-[^"]+\.js)"/.exec(read("index.html"))![1]!;
  const chunk = (name: string) => assets().find((f) => path.basename(f).startsWith(`${name}-`))!;

  test("keeps the admin pages and the editor out of the respondent page", () => {
    const respondent = closure([entry()]);
    const text = respondent.map(read).join("\n");
    for (const marker of ["Peilstok beheer", "cm-lintRange", "scale-undefined", "Scan-editor"]) {
      expect(text, marker).not.toContain(marker);
    }
    const admin = closure([chunk("admin-shell"), chunk("overview")]).filter((f) => !respondent.includes(f));
    const editor = closure([chunk("editor-page")]).filter((f) => !respondent.includes(f));
    expect(admin.map(read).join("\n")).not.toContain("cm-lintRange");
    console.log(
      `gzipped JS — respondent page: ${kb(gz(respondent))}; admin page: ${kb(gz(respondent) + gz(admin))} ` +
        `(+${kb(gz(admin))}); editor: +${kb(gz(editor))} on top of the respondent page's shared code`,
    );
  });

  test("is React's production build, as users get it", () => {
    const text = assets().map(read).join("\n");
    // Markers of React's development build: its JSX runtime and its warnings.
    for (const marker of ["jsxDEV", "Each child in a list should have a unique"]) expect(text, marker).not.toContain(marker);
    expect(text).toContain("react.transitional.element");
  });
});
