// The command line: `peilstok check <files...>` and `peilstok compile <file>`.
// The only file in dsl/ that touches the file system or the process.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { compile, renderDiagnostics, type CompileOutput } from "./index.ts";
import type { Source } from "./source.ts";

function read(path: string): Source | null {
  try {
    return { name: path, text: readFileSync(path, "utf8") };
  } catch (error) {
    process.stderr.write(`error: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return null;
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summary(source: Source, out: CompileOutput): string {
  const warnings = out.diagnostics.filter((d) => d.severity === "warning").length;
  const errors = out.diagnostics.length - warnings;
  if (!out.result) return `${source.name}: ${plural(errors, "error", "errors")}${warnings ? `, ${plural(warnings, "warning", "warnings")}` : ""}`;
  const { model } = out.result;
  return (
    `${source.name}: ok — ${model.scan}: ${plural(model.items.length, "item", "items")}, ` +
    `${plural(model.themes.length, "theme", "themes")}, about ${plural(model.estimatedMinutes, "minute", "minutes")}` +
    (warnings ? ` (${plural(warnings, "warning", "warnings")})` : "")
  );
}

const program = new Command()
  .name("peilstok")
  .description("Check and compile Peilstok scan files")
  .showHelpAfterError();

program
  .command("check")
  .description("check scan files and report every problem")
  .argument("<files...>", "scan files, e.g. scans/*.scan")
  .option("-q, --quiet", "leave out warnings")
  .action((files: string[], options: { quiet?: boolean }) => {
    let failed = false;
    for (const path of files) {
      const source = read(path);
      if (!source) {
        failed = true;
        continue;
      }
      const out = compile(source);
      const shown = options.quiet ? out.diagnostics.filter((d) => d.severity === "error") : out.diagnostics;
      if (shown.length) process.stderr.write(renderDiagnostics(source, shown) + "\n");
      process.stdout.write(summary(source, out) + "\n");
      if (!out.result) failed = true;
    }
    process.exitCode = failed ? 1 : 0;
  });

program
  .command("compile")
  .description("print the SurveyJS form and the scoring model as JSON")
  .argument("<file>", "a scan file")
  .action((path: string) => {
    const source = read(path);
    if (!source) {
      process.exitCode = 1;
      return;
    }
    const out = compile(source);
    const errors = out.diagnostics.filter((d) => d.severity === "error");
    if (errors.length || !out.result) {
      process.stderr.write(renderDiagnostics(source, out.diagnostics) + "\n" + summary(source, out) + "\n");
      process.exitCode = 1;
      return;
    }
    process.stdout.write(JSON.stringify(out.result, null, 2) + "\n");
  });

await program.parseAsync(process.argv);
