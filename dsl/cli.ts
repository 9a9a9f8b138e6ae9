// The command line: `peilstok check <files...>` and `peilstok compile <file>`, in Dutch unless
// `--lang en`. The only file in dsl/ that touches the file system or the process.
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { compileBytes, renderDiagnostics, type CompileOutput, type Lang } from "./index.ts";
import type { Source } from "./source.ts";

const words = {
  nl: {
    cannotRead: (path: string, code: string) => `fout: kan ${path} niet lezen: ${code}`,
    errors: ["fout", "fouten"],
    warnings: ["waarschuwing", "waarschuwingen"],
    items: ["vraag", "vragen"],
    themes: ["thema", "thema's"],
    pages: ["pagina", "pagina's"],
    minutes: ["minuut", "minuten"],
    about: "ongeveer",
    and: "en",
  },
  en: {
    cannotRead: (path: string, code: string) => `error: cannot read ${path}: ${code}`,
    errors: ["error", "errors"],
    warnings: ["warning", "warnings"],
    items: ["item", "items"],
    themes: ["theme", "themes"],
    pages: ["page", "pages"],
    minutes: ["minute", "minutes"],
    about: "about",
    and: "and",
  },
} as const;

function read(path: string, lang: Lang): Uint8Array | null {
  try {
    return readFileSync(path);
  } catch (error) {
    process.stderr.write(words[lang].cannotRead(path, (error as NodeJS.ErrnoException).code ?? String(error)) + "\n");
    return null;
  }
}

function count(n: number, [one, many]: readonly [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summary(source: Source, out: CompileOutput, lang: Lang): string {
  const w = words[lang];
  const warnings = out.diagnostics.filter((d) => d.severity === "warning").length;
  const errors = out.diagnostics.length - warnings;
  if (!out.result) return `${source.name}: ${count(errors, w.errors)}${warnings ? `, ${count(warnings, w.warnings)}` : ""}`;
  const { model } = out.result;
  const pages = model.themes.filter((t) => t.page).length;
  return (
    `${source.name}: ok — ${model.scan}: ${count(model.items.length, w.items)}, ` +
    `${count(model.themes.filter((t) => !t.page).length, w.themes)}` +
    (pages ? ` ${w.and} ${count(pages, w.pages)}` : "") +
    `, ${w.about} ${count(model.estimatedMinutes, w.minutes)}` +
    (warnings ? ` (${count(warnings, w.warnings)})` : "")
  );
}

const langOption = new Option("--lang <lang>", "language of the messages: nl (Dutch, the default) or en").choices(["nl", "en"]).default("nl");

const program = new Command()
  .name("peilstok")
  .description("Check and compile Peilstok scan files")
  .showHelpAfterError();

program
  .command("check")
  .description("check scan files and report every problem")
  .argument("<files...>", "scan files, e.g. scans/*.scan")
  .option("-q, --quiet", "leave out warnings")
  .addOption(langOption)
  .action((files: string[], options: { quiet?: boolean; lang: Lang }) => {
    let failed = false;
    for (const path of files) {
      const bytes = read(path, options.lang);
      if (!bytes) {
        failed = true;
        continue;
      }
      const out = compileBytes(path, bytes, { lang: options.lang });
      const shown = options.quiet ? out.diagnostics.filter((d) => d.severity === "error") : out.diagnostics;
      if (shown.length) process.stderr.write(renderDiagnostics(out.source, shown, options.lang) + "\n");
      process.stdout.write(summary(out.source, out, options.lang) + "\n");
      if (!out.result) failed = true;
    }
    process.exitCode = failed ? 1 : 0;
  });

program
  .command("compile")
  .description("print the SurveyJS form and the scoring model as JSON")
  .argument("<file>", "a scan file")
  .addOption(langOption)
  .action((path: string, options: { lang: Lang }) => {
    const bytes = read(path, options.lang);
    if (!bytes) {
      process.exitCode = 1;
      return;
    }
    const out = compileBytes(path, bytes, { lang: options.lang });
    if (!out.result) {
      process.stderr.write(renderDiagnostics(out.source, out.diagnostics, options.lang) + "\n" + summary(out.source, out, options.lang) + "\n");
      process.exitCode = 1;
      return;
    }
    process.stdout.write(JSON.stringify(out.result, null, 2) + "\n");
  });

await program.parseAsync(process.argv);
