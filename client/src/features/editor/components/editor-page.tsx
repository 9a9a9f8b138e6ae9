// The scan editor: the scan text on the left, checked on every keystroke by the same compiler as
// the CLI and the server; on the right the form as respondents get it, to try out, or "Simulate",
// what a report would look like. Teamleaders and admins save drafts; an admin publishes, which
// stores a new immutable version when there are no errors.
import { lintGutter } from "@codemirror/lint";
import { EditorView, basicSetup } from "codemirror";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { CompiledScan, Lang } from "../../../../../dsl/index.ts";
import { Button } from "../../../components/button.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { useAdminUser } from "../../../lib/admin-session.ts";
import { ApiError } from "../../../lib/http.ts";
import { navigate } from "../../../lib/navigate.ts";
import {
  createDraft,
  deleteDraft,
  fetchDraft,
  fetchDrafts,
  fetchSource,
  fetchVersions,
  publish,
  publishDraft,
  saveDraft,
  type DraftSummary,
  type Published,
  type VersionEntry,
} from "../api.ts";
import { liveCheck, type CheckResult } from "../live-check.ts";
import { scanHighlighting, scanLanguage } from "../scan-language.ts";
import { DraftList } from "./draft-list.tsx";
import { PreviewPane } from "./preview-pane.tsx";
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

type Status = { kind: "ok" | "error"; text: string } | null;

export function EditorPage({ params }: { params: Record<string, string> }) {
  const scanId = params.scanId;
  const draftParam = params.draftId ?? null;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [ready, setReady] = useState<"loading" | "ready">("loading");
  const { role } = useAdminUser();
  const [initial, setInitial] = useState<string | null>(null);
  const [draftId, setDraftId] = useState<string | null>(draftParam);
  /** The text as loaded, or as last saved or published: to know whether there are unsaved changes. */
  const [savedText, setSavedText] = useState<string | null>(null);
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [preview, setPreview] = useState<CompiledScan | null>(null);
  const [side, setSide] = useState<Side>("preview");
  const [versions, setVersions] = useState<VersionEntry[]>([]);
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const isAdmin = role === "admin";

  useEffect(() => {
    void (async () => {
      setReady("loading");
      setStatus(null);
      void fetchDrafts().then(setDrafts, () => setDrafts([]));
      setDraftId(draftParam);
      if (draftParam) {
        try {
          const draft = await fetchDraft(draftParam);
          setInitial(draft.source);
          setSavedText(draft.source);
          if (draft.scan) void fetchVersions(draft.scan).then(setVersions, () => setVersions([]));
        } catch {
          setInitial(newScanTemplate);
          setSavedText(newScanTemplate);
          setDraftId(null);
          setStatus({ kind: "error", text: "Dit concept bestaat niet (meer); je begint met een nieuwe scan." });
        }
        return setReady("ready");
      }
      if (!scanId) {
        setInitial(newScanTemplate);
        setSavedText(newScanTemplate);
        return setReady("ready");
      }
      try {
        const list = await fetchVersions(scanId);
        setVersions(list);
        const latest = list[list.length - 1];
        const text = latest ? await fetchSource(scanId, latest.version) : newScanTemplate;
        setInitial(text);
        setSavedText(text);
      } catch {
        setInitial(newScanTemplate);
        setSavedText(newScanTemplate);
        setStatus({ kind: "error", text: `Scan ${scanId} kon niet worden geladen; je begint met een nieuwe scan.` });
      }
      setReady("ready");
    })();
  }, [scanId, draftParam]);

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
        // tabindex: axe counts a contenteditable as focusable only with it (scrollable-region-focusable).
        EditorView.contentAttributes.of({ "aria-label": "Scantekst", spellcheck: "false", tabindex: "0" }),
      ],
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, [initial]);

  // Rebuilding the SurveyJS form is the slow part: only once typing pauses, only from a scan
  // without errors (the last good one stays on screen otherwise), and only when the form itself
  // changed (not for a comment or a score line). On a busy machine a keystroke can take longer
  // than the pause, so rebuilding on every check would make each keystroke slower still.
  const previewJson = useRef("");
  useEffect(() => {
    if (!check?.result) return;
    const compiled = check.result;
    const json = JSON.stringify(compiled.survey);
    if (json === previewJson.current) return;
    const timer = setTimeout(() => {
      previewJson.current = json;
      setPreview(compiled);
    }, 250);
    return () => clearTimeout(timer);
  }, [check]);

  const dirty = check !== null && check.text !== savedText;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const jumpTo = useCallback((offset: number) => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch({ selection: { anchor: Math.min(offset, editor.state.doc.length) }, scrollIntoView: true });
    editor.focus();
  }, []);

  async function run(action: () => Promise<Status>) {
    setBusy(true);
    setStatus(null);
    try {
      setStatus(await action());
    } catch (e) {
      setStatus({
        kind: "error",
        text:
          e instanceof ApiError && e.status === 422
            ? "De scan bevat fouten en is niet gepubliceerd."
            : e instanceof ApiError && e.status === 403
              ? "Dat mag je rol niet."
              : "Dat is niet gelukt. Probeer het opnieuw.",
      });
    } finally {
      setBusy(false);
    }
  }

  async function save(text: string): Promise<string> {
    const draft = draftId ? await saveDraft(draftId, text) : await createDraft(text);
    setDraftId(draft.id);
    setSavedText(text);
    if (!draftId) window.history.replaceState(null, "", `/admin/editor/concept/${draft.id}`);
    setDrafts(await fetchDrafts());
    return draft.id;
  }

  const onSave = () =>
    run(async () => {
      if (!check) return null;
      await save(check.text);
      return { kind: "ok", text: isAdmin ? "Concept opgeslagen." : "Concept opgeslagen. Een beheerder kan het publiceren." };
    });

  const onPublish = () =>
    run(async () => {
      if (!check?.result) return null;
      let published: Published;
      if (draftId) {
        if (dirty) await save(check.text);
        published = await publishDraft(draftId);
        setDraftId(null);
        setSavedText(check.text);
        window.history.replaceState(null, "", `/admin/editor/${encodeURIComponent(published.scan)}`);
        setDrafts(await fetchDrafts());
      } else {
        published = await publish(check.text);
        setSavedText(check.text);
        if (published.scan !== scanId) window.history.replaceState(null, "", `/admin/editor/${encodeURIComponent(published.scan)}`);
      }
      setVersions(await fetchVersions(published.scan));
      return {
        kind: "ok",
        text:
          published.status === "published"
            ? `Gepubliceerd als versie ${published.version} van ${published.scan}.`
            : `Ongewijzigd: dit is al versie ${published.version} van ${published.scan}.`,
      };
    });

  const onDelete = () =>
    run(async () => {
      if (!draftId || !window.confirm("Dit concept verwijderen? Dat kan niet ongedaan worden gemaakt.")) return null;
      await deleteDraft(draftId);
      setDraftId(null);
      setDrafts(await fetchDrafts());
      navigate("/admin/editor");
      return { kind: "ok", text: "Concept verwijderd." };
    });

  const diagnostics = check?.diagnostics ?? [];
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const lines = check ? lineStarts(check.text) : [0];
  const words = labels[lang];

  return (
    <div className="editor-page">
      <PageHeader
        documentTitle="Scan-editor"
        title={
          <>
            {check?.result ? check.result.model.title.nl : (scanId ?? "Nieuwe scan")}
            {draftId ? <span className="editor-draft-tag">concept</span> : null}
          </>
        }
        meta={
          <span className="editor-summary" aria-live="polite" data-testid="check-summary">
            {check === null
              ? "Controleren…"
              : errors > 0
                ? `${errors} ${errors === 1 ? "fout" : "fouten"}${warnings ? `, ${warnings} ${warnings === 1 ? "waarschuwing" : "waarschuwingen"}` : ""}`
                : `Geen fouten${warnings ? `, ${warnings} ${warnings === 1 ? "waarschuwing" : "waarschuwingen"}` : ""} · ${check.result?.model.items.length ?? 0} vragen, ongeveer ${check.result?.model.estimatedMinutes ?? 0} minuten`}
          </span>
        }
        actions={
          <>
            {isAdmin ? (
              <Button onClick={onPublish} busy={busy} disabled={!check || check.result === null}>
                Publiceren
              </Button>
            ) : null}
            <Button variant={isAdmin ? "secondary" : "primary"} onClick={onSave} busy={busy} disabled={!check || (!dirty && draftId !== null)}>
              {dirty || !draftId ? "Concept opslaan" : "Concept opgeslagen"}
            </Button>
            <Button variant="secondary" onClick={() => setSide(side === "simulate" ? "preview" : "simulate")} disabled={!check?.result}>
              {side === "simulate" ? "Voorbeeld" : "Simuleren"}
            </Button>
            {draftId ? (
              <Button variant="danger" onClick={onDelete} disabled={busy}>
                Concept verwijderen
              </Button>
            ) : null}
            <Button variant="link" onClick={() => navigate("/admin/editor")}>
              Nieuwe scan
            </Button>
          </>
        }
      />
      {!isAdmin ? <Notice>Je kunt scans schrijven en als concept opslaan; een beheerder publiceert ze.</Notice> : null}
      {status ? <Notice kind={status.kind === "ok" ? "success" : "error"}>{status.text}</Notice> : null}
      <div className="editor-columns">
        <section className="editor-code" aria-label="Scantekst">
          {ready === "loading" ? <Loading /> : null}
          <div ref={host} className="editor-host" />
          <ol className="diagnostics" aria-label="Meldingen">
            {diagnostics.map((d, i) => {
              const line = lineOf(lines, d.span.start);
              return (
                <li key={i} className={`diagnostic diagnostic-${d.severity}`}>
                  <span className="diagnostic-severity">{words[d.severity]}</span>{" "}
                  <Button variant="link" onClick={() => jumpTo(d.span.start)}>
                    {words.line} {line}
                  </Button>{" "}
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
                <p className="muted">Het voorbeeld toont de laatste versie zonder fouten.</p>
              ) : null}
              {preview ? <PreviewPane compiled={preview} /> : <div className="editor-preview" data-testid="preview" />}
            </>
          ) : check?.result ? (
            <Suspense fallback={<Loading />}>
              <SimulationView model={check.result.model} />
            </Suspense>
          ) : null}
        </section>
      </div>
      <DraftList drafts={drafts} current={draftId} />
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
