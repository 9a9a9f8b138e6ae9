// Checks the scan on every change with the same compiler the CLI and the server use, and
// underlines what it finds. Each check is recorded as a `scan-check` performance measure
// (User Timing), which the editor's keystroke test reads.
import { setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { ViewPlugin, type EditorView, type ViewUpdate } from "@codemirror/view";
import { compile, type CompileOutput, type Lang } from "../../../../dsl/index.ts";

export interface CheckResult extends CompileOutput {
  text: string;
}

export function toCmDiagnostics(output: CompileOutput, length: number): CmDiagnostic[] {
  return output.diagnostics.map((d) => {
    const from = Math.min(d.span.start, length);
    // An empty span (a missing token at the end of a line) still gets a visible mark.
    const to = Math.min(Math.max(d.span.end, from + 1), length);
    return {
      from,
      to: Math.max(from, to),
      severity: d.severity,
      source: d.id,
      message: d.help ? `${d.message}\n${d.help}` : d.message,
    };
  });
}

function check(view: EditorView, onResult: (result: CheckResult) => void, lang: Lang): void {
  const start = performance.now();
  const doc = view.state.doc;
  const text = doc.toString();
  const output = compile({ name: "editor.scan", text }, { lang });
  const diagnostics = toCmDiagnostics(output, text.length);
  // A view may not be updated while it is updating: hand the marks over right after.
  queueMicrotask(() => {
    // A newer check is on its way.
    if (view.state.doc !== doc) return;
    view.dispatch(setDiagnostics(view.state, diagnostics));
    performance.measure("scan-check", { start, end: performance.now() });
    onResult({ ...output, text });
  });
}

export function liveCheck(onResult: (result: CheckResult) => void, lang: Lang = "nl") {
  return ViewPlugin.define((view) => {
    check(view, onResult, lang);
    return {
      update(update: ViewUpdate) {
        if (update.docChanged) check(update.view, onResult, lang);
      },
    };
  });
}
