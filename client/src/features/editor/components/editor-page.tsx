// The scan editor: the scan text on the left, checked on every keystroke by the same compiler as
// the CLI and the server; the live SurveyJS preview on the right; "Simulate" shows what a report
// would look like; "Publish" stores a new immutable version when there are no errors.
import { lintGutter } from "@codemirror/lint";
import { EditorView, basicSetup } from "codemirror";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { SurveyForm } from "../../../components/survey-form.tsx";
import { ApiError } from "../../../lib/http.ts";
import { followLink, navigate } from "../../../lib/navigate.ts";
import { ensureSession, fetchSource, fetchVersions, publish, type VersionEntry } from "../api.ts";
import type { Lang } from "../../../../../dsl/index.ts";
import { liveCheck, type CheckResult } from "../live-check.ts";
import { scanHighlighting, scanLanguage } from "../scan-language.ts";
import { VersionList } from "./version-list.tsx";
import "../editor.css";

// Charts load only when someone simulates.
const SimulationView = lazy(() => import("./simulation-view.tsx").then((m) => ({ default: m.SimulationView })));

export const newScanTemplate = `# Nieuwe scan. Zeg hier wat het instrument is en waar het vandaan komt.
scan nieuwe-scan
  title "Nieuwe scan"
  # Iedereen vult voor zichzelf in. Vult een team samen één formulier in, in een overleg?
  # Schrijf dan: answered-by team-together
  answered-by each-person
  anonymous yes

scale mate 1..5
  1 "helemaal niet"
  5 "in hoge mate"

theme eerste "Eerste thema"
  rate vraag-1 "Eerste stelling" on mate

score spread
`;

type Side = "preview" | "simulate";

/** The editor speaks the page's language (the admin pages are Dutch; `<html lang>` says which). */
const lang: Lang = document.documentElement.lang.startsWith("en") ? "en" : "nl";

const labels = {
  nl: { error: "fout", warning: "waarschuwing", line: "regel", help: "tip", note: "let op" },
  en: { error: "error", warning: "warning", line: "line", help: "help", note: "note" },
} as const;

export function EditorPage({ params }: { params: Record<string, string> }) {
  const scanId = params.scanId;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [ready, setReady] = useState<"loading" | "ready" | "denied">("loading");
  const [initial, setInitial] = useState<string | null>(null);
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [preview, setPreview] = useState<Record<string, unknown> | null>(null);
  const [side, setSide] = useState<Side>("preview");
  const [versions, setVersions] = useState<VersionEntry[]>([]);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void (async () => {
      const user = await ensureSession();
      if (!user || user.role !== "admin") return setReady("denied");
      if (!scanId) {
        setInitial(newScanTemplate);
        return setReady("ready");
      }
      try {
        const list = await fetchVersions(scanId);
        setVersions(list);
        const latest = list[list.length - 1];
        setInitial(latest ? await fetchSource(scanId, latest.version) : newScanTemplate);
      } catch {
        setInitial(newScanTemplate);
        setStatus({ kind: "error", text: `Scan ${scanId} kon niet worden geladen; je begint met een lege scan.` });
      }
      setReady("ready");
    })();
  }, [scanId]);

  useEffect(() => {
    if (initial === null || !host.current) return;
    const editor = new EditorView({
      doc: initial,
      parent: host.current,
      extensions: [
        basicSetup,
        scanLanguage,
        scanHighlighting,
        lintGutter(),
        liveCheck(setCheck, lang),
        EditorView.contentAttributes.of({ "aria-label": "Scantekst", spellcheck: "false" }),
      ],
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, [initial]);

  // Rebuilding the SurveyJS form is the slow part: only once typing pauses, and only from a scan
  // without errors (the last good one stays on screen otherwise).
  useEffect(() => {
    if (!check?.result) return;
    const survey = check.result.survey;
    const timer = setTimeout(() => setPreview(survey), 250);
    return () => clearTimeout(timer);
  }, [check]);

  const jumpTo = useCallback((offset: number) => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch({ selection: { anchor: Math.min(offset, editor.state.doc.length) }, scrollIntoView: true });
    editor.focus();
  }, []);

  async function onPublish() {
    if (!check || check.result === null) return;
    setBusy(true);
    setStatus(null);
    try {
      const published = await publish(check.text);
      setStatus({
        kind: "ok",
        text:
          published.status === "published"
            ? `Gepubliceerd als versie ${published.version} van ${published.scan}.`
            : `Ongewijzigd: dit is al versie ${published.version} van ${published.scan}.`,
      });
      setVersions(await fetchVersions(published.scan));
      if (published.scan !== scanId) window.history.replaceState(null, "", `/admin/editor/${encodeURIComponent(published.scan)}`);
    } catch (e) {
      setStatus({
        kind: "error",
        text: e instanceof ApiError && e.status === 422 ? "De scan bevat fouten en is niet gepubliceerd." : "Publiceren is niet gelukt.",
      });
    } finally {
      setBusy(false);
    }
  }

  if (ready === "denied") {
    return (
      <main className="editor-denied">
        <h1>Scan-editor</h1>
        <p>
          Alleen beheerders kunnen scans schrijven. <a href="/admin" onClick={followLink}>Naar het overzicht</a>
        </p>
      </main>
    );
  }

  const diagnostics = check?.diagnostics ?? [];
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const lines = check ? lineStarts(check.text) : [0];

  return (
    <div className="editor-page">
      <header className="editor-header">
        <a href="/admin" onClick={followLink}>
          ← Overzicht
        </a>
        <h1>{check?.result ? check.result.model.title.nl : (scanId ?? "Nieuwe scan")}</h1>
        <span className="editor-summary" aria-live="polite" data-testid="check-summary">
          {check === null
            ? "Controleren…"
            : errors > 0
              ? `${errors} ${errors === 1 ? "fout" : "fouten"}${warnings ? `, ${warnings} ${warnings === 1 ? "waarschuwing" : "waarschuwingen"}` : ""}`
              : `Geen fouten${warnings ? `, ${warnings} ${warnings === 1 ? "waarschuwing" : "waarschuwingen"}` : ""} · ${check.result?.model.items.length ?? 0} vragen, ongeveer ${check.result?.model.estimatedMinutes ?? 0} minuten`}
        </span>
        <button type="button" onClick={() => setSide(side === "simulate" ? "preview" : "simulate")} disabled={!check?.result}>
          {side === "simulate" ? "Voorbeeld" : "Simuleren"}
        </button>
        <button type="button" className="primary" onClick={onPublish} disabled={busy || !check || check.result === null}>
          Publiceren
        </button>
        <button type="button" onClick={() => navigate("/admin/editor")} className="link-button">
          Nieuwe scan
        </button>
      </header>
      {status ? (
        <p className={status.kind === "ok" ? "admin-notice" : "admin-error"} role={status.kind === "ok" ? "status" : "alert"}>
          {status.text}
        </p>
      ) : null}
      <div className="editor-columns">
        <section className="editor-code" aria-label="Scantekst">
          {ready === "loading" ? <p className="page-loading">Laden…</p> : null}
          <div ref={host} className="editor-host" />
          <ol className="diagnostics" aria-label="Meldingen">
            {diagnostics.map((d, i) => {
              const line = lineOf(lines, d.span.start);
              const words = labels[lang];
              return (
                <li key={i} className={`diagnostic diagnostic-${d.severity}`}>
                  <span className="diagnostic-severity">{words[d.severity]}</span>{" "}
                  <button type="button" className="link-button" onClick={() => jumpTo(d.span.start)}>
                    {words.line} {line}
                  </button>{" "}
                  <code>{d.id}</code> {d.message}
                  {d.notes?.map((note, j) => (
                    <span key={j} className="diagnostic-help">
                      {" "}
                      — {words.note}: {note}
                    </span>
                  ))}
                  {d.help ? (
                    <span className="diagnostic-help">
                      {" "}
                      — {words.help}: {d.help}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
        <section className="editor-side" aria-label={side === "preview" ? "Voorbeeld" : "Simulatie"}>
          {side === "preview" ? (
            <>
              {check && !check.result && preview ? (
                <p className="admin-hint">Het voorbeeld toont de laatste versie zonder fouten.</p>
              ) : null}
              <div className="editor-preview" data-testid="preview">
                {preview ? <SurveyForm json={preview} mode="display" /> : null}
              </div>
            </>
          ) : check?.result ? (
            <Suspense fallback={<p className="page-loading">Laden…</p>}>
              <SimulationView model={check.result.model} />
            </Suspense>
          ) : null}
        </section>
      </div>
      {versions.length ? <VersionList versions={versions} /> : null}
    </div>
  );
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
