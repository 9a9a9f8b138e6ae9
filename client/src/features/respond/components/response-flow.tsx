// What a respondent sees for one loaded link: the form, the queued or finished submit, the
// thank-you page and their submitted answers, depending on the round and the response.
import { useEffect, useRef, useState } from "react";
import { SurveyForm, type FormLocale } from "../../../components/survey-form.tsx";
import { Message } from "../../../components/message.tsx";
import { ViewHeading } from "../../../components/view-heading.tsx";
import type { ApiError } from "../../../lib/http.ts";
import { formatDate, formatDateTime } from "../../../lib/format-date.ts";
import { followLink } from "../../../lib/navigate.ts";
import type { RespondForm, SurveyData } from "../api.ts";
import {
  emptyLocalResponse,
  mergeResumeData,
  readLocalResponse,
  startNewResponse,
  writeLocalResponse,
  type LocalResponse,
} from "../local-response.ts";
import { ResponseSync, type SyncStatus } from "../response-sync.ts";
import { formLocales, initialLocale, rememberLocale } from "../language.ts";
import { texts, type Texts } from "../texts.ts";
import { LanguageSwitch } from "./language-switch.tsx";
import { PageFooter } from "./page-footer.tsx";
import { SaveStatus } from "./save-status.tsx";

type View =
  | { kind: "form"; editingSubmitted: boolean; data: SurveyData; pageNo: number | null }
  | { kind: "sending" }
  | { kind: "thanks" }
  | { kind: "answers" }
  | { kind: "not-yet-open" };

interface Submitted {
  data: SurveyData;
  submittedAt: string | null;
}

interface Props {
  token: string;
  form: RespondForm;
  responseId: string;
  startOffline: boolean;
}

function initialLocal(token: string, form: RespondForm, responseId: string): LocalResponse {
  const stored = readLocalResponse(token, responseId);
  const server = form.response?.id === responseId ? form.response : null;
  const local: LocalResponse = {
    ...(stored ?? emptyLocalResponse(responseId)),
    data: mergeResumeData(server?.data, stored),
  };
  writeLocalResponse(token, local);
  return local;
}

function initialView(form: RespondForm, local: LocalResponse): View {
  if (local.submitPending && form.round.state === "open") return { kind: "sending" };
  if (form.response?.status === "submitted") return { kind: "answers" };
  if (form.round.state === "not-yet-open") return { kind: "not-yet-open" };
  if (form.round.state === "closed") return { kind: "answers" };
  return { kind: "form", editingSubmitted: false, data: local.data, pageNo: local.pageNo };
}

export function ResponseFlow({ token, form, responseId, startOffline }: Props) {
  const { round } = form;
  const [local] = useState(() => initialLocal(token, form, responseId));
  const [view, setView] = useState<View>(() => initialView(form, local));
  const [submitted, setSubmitted] = useState<Submitted | null>(() =>
    form.response?.status === "submitted" ? { data: form.response.data, submittedAt: form.response.submittedAt } : null,
  );
  const [status, setStatus] = useState<SyncStatus>(startOffline ? { kind: "offline" } : { kind: "idle" });
  const [rejection, setRejection] = useState<ApiError | null>(null);
  // Bumped to rebuild the form (a fresh SurveyJS model) after the server rejected a submit.
  const [formKey, setFormKey] = useState(0);
  const lastData = useRef<SurveyData>(local.data);
  const locales = formLocales(form.languages);
  const [locale, setLocale] = useState<FormLocale>(() => initialLocale(token, locales));
  const t = texts[locale];
  const chooseLocale = (next: FormLocale) => {
    rememberLocale(token, next);
    setLocale(next);
  };

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const sync = useRef<ResponseSync | null>(null);

  const submittedRef = useRef(submitted);
  useEffect(() => {
    submittedRef.current = submitted;
  }, [submitted]);

  // Opens the form on this device's latest copy (or the submitted answers when changing them).
  const openForm = (editingSubmitted: boolean) => {
    const stored = readLocalResponse(token, responseId) ?? local;
    const base = submittedRef.current;
    const data = editingSubmitted && base && !stored.dirty ? base.data : stored.data;
    setView({ kind: "form", editingSubmitted, data, pageNo: editingSubmitted ? 0 : stored.pageNo });
  };

  useEffect(() => {
    const instance = new ResponseSync(token, readLocalResponse(token, responseId) ?? local, {
      status: setStatus,
      submitted: ({ submittedAt }) => {
        setSubmitted({ data: lastData.current, submittedAt });
        setStatus({ kind: "idle" });
        setView({ kind: "thanks" });
      },
      submitRejected: (error) => {
        setRejection(error);
        setStatus({ kind: "idle" });
        if (error.status === 409) {
          setView({ kind: "answers" });
        } else {
          setFormKey((n) => n + 1);
          openForm(submittedRef.current !== null);
        }
      },
    });
    sync.current = instance;
    instance.start();
    return () => instance.dispose();
    // One sync per response; openForm only reads refs and storage.
  }, [token, responseId]);

  useEffect(() => {
    document.title = `${round.title} — Peilstok`;
  }, [round.title]);

  const editingSubmitted = view.kind === "form" && view.editingSubmitted;
  useEffect(() => {
    sync.current?.setServerDrafts(!editingSubmitted);
  }, [editingSubmitted]);

  const header = (
    <header className="page-header">
      <div className="page-header__top">
        <p className="brand">Peilstok</p>
        {locales.length > 1 ? <LanguageSwitch locales={locales} value={locale} onChange={chooseLocale} t={t} /> : null}
      </div>
      <h1>{round.title}</h1>
    </header>
  );
  return (
    <>
      {renderView()}
      <PageFooter t={t} locale={locale} />
    </>
  );

  function renderView() {
    switch (view.kind) {
      case "not-yet-open":
        return (
          <Message title={t.notYetOpenTitle}>
            <p>{t.notYetOpenBody(round.title)}</p>
          </Message>
        );

      case "sending":
        return (
          <main className="page">
            {header}
            <section className="panel" aria-labelledby="sending-title">
              <ViewHeading id="sending-title">{status.kind === "offline" ? t.notSentYet : t.sending}</ViewHeading>
              {status.kind === "offline" ? (
                <p className="notice notice--warning">
                  {t.status.offline}. {t.offlineKeepOpen}
                </p>
              ) : (
                <p>{t.beingSent}</p>
              )}
            </section>
          </main>
        );

      case "thanks":
        return (
          <main className="page">
            {header}
            <section className="panel" aria-labelledby="thanks-title">
              <ViewHeading id="thanks-title">{t.thanksTitle}</ViewHeading>
              <p>{t.thanksBody}</p>
              <div className="actions">
                <button type="button" className="button" onClick={() => setView({ kind: "answers" })}>
                  {t.viewAnswers}
                </button>
                <ResultsLink token={token} responseId={responseId} t={t} />
              </div>
              {round.sharedDevice && round.state === "open" ? <NextResponse token={token} t={t} /> : null}
            </section>
          </main>
        );

      case "answers": {
        const data = submitted?.data ?? local.data;
        const canEdit = round.state === "open" && round.allowEdit && submitted !== null;
        const hasAnswers = Object.keys(data).length > 0;
        return (
          <main className="page">
            {header}
            <section className="panel" aria-labelledby="answers-title">
              <ViewHeading id="answers-title">{submitted ? t.yourAnswers : t.roundClosedTitle}</ViewHeading>
              {rejection ? <p className="notice notice--error">{rejectionText(rejection, t)}</p> : null}
              {round.state === "closed" ? (
                <p className="notice">
                  {t.closedSince(round.closesAt ? formatDate(round.closesAt) : null)}{" "}
                  {hasAnswers ? t.closedWithAnswers : t.closedNoAnswers}
                </p>
              ) : null}
              {submitted?.submittedAt ? <p>{t.sentOn(formatDateTime(submitted.submittedAt))}</p> : null}
              {round.state === "open" && !round.allowEdit && submitted ? <p>{t.noEditing}</p> : null}
              {submitted ? (
                <p>
                  <ResultsLink token={token} responseId={responseId} t={t} />
                </p>
              ) : null}
              {canEdit ? (
                <div className="actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setRejection(null);
                      openForm(true);
                    }}
                  >
                    {t.changeAnswers}
                  </button>
                </div>
              ) : null}
              {submitted && round.sharedDevice && round.state === "open" ? <NextResponse token={token} t={t} /> : null}
            </section>
            {hasAnswers ? (
              <SurveyForm key="answers" json={form.survey} mode="display" locale={locale} initialData={data} />
            ) : null}
          </main>
        );
      }

      case "form":
        return (
          <main className="page">
            {header}
            {view.editingSubmitted ? (
              <p className="notice">{t.editingSubmitted}</p>
            ) : null}
            {rejection ? <p className="notice notice--error">{rejectionText(rejection, t)}</p> : null}
            <SurveyForm
              key={`form-${formKey}-${view.editingSubmitted ? "edit" : "new"}`}
              json={form.survey}
              mode="edit"
              locale={locale}
              estimate={form.estimate}
              themes={form.themes}
              initialData={view.data}
              initialPageNo={view.pageNo}
              onValueChanged={(next, pageNo) => {
                lastData.current = next;
                sync.current?.change(next, pageNo);
              }}
              onPageChanged={(pageNo) => sync.current?.page(pageNo)}
              onComplete={(final) => {
                lastData.current = final;
                setRejection(null);
                setView({ kind: "sending" });
                sync.current?.submit(final);
              }}
            />
            <SaveStatus status={status} t={t} />
          </main>
        );
    }
    }
}

/**
 * On an open link of a round answered on one shared device, it serves several people in turn
 * (students interviewing residents after a contact): a new, empty response, so the next person
 * never sees these answers. Otherwise one browser is one respondent (server/respond/open-link.ts).
 */
function NextResponse({ token, t }: { token: string; t: Texts }) {
  return (
    <div className="actions">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => {
          startNewResponse(token);
          window.location.reload();
        }}
      >
        {t.nextPerson}
      </button>
    </div>
  );
}

/** The own report page (loaded lazily); the response id is how an open link finds its response. */
function ResultsLink({ token, responseId, t }: { token: string; responseId: string; t: Texts }) {
  return (
    <a className="button button-secondary" href={`/r/${encodeURIComponent(token)}/report?response=${encodeURIComponent(responseId)}`} onClick={followLink}>
      {t.viewResults}
    </a>
  );
}

function rejectionText(error: ApiError, t: Texts): string {
  if (error.status === 409) return t.rejectedClosed;
  if (error.issues.length > 0) {
    return t.rejectedIssues(error.issues.map((issue) => `${issue.field}: ${issue.reason}`).join("; "));
  }
  return t.rejectedOther(error.message);
}
