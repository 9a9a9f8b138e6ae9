// What a respondent sees for one loaded link: the form, the queued or finished submit, the
// thank-you page and their submitted answers, depending on the round and the response.
import { useEffect, useRef, useState } from "react";
import { SurveyForm } from "../../../components/survey-form.tsx";
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
import { SaveStatus, offlineText } from "./save-status.tsx";

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
      <p className="brand">Peilstok</p>
      <h1>{round.title}</h1>
    </header>
  );

  switch (view.kind) {
    case "not-yet-open":
      return (
        <Message title="Deze scan is nog niet geopend">
          <p>
            De ronde ‘{round.title}’ is nog niet begonnen. Open deze link opnieuw zodra de ronde is geopend; je
            uitnodiging vermeldt wanneer dat is.
          </p>
        </Message>
      );

    case "sending":
      return (
        <main className="page">
          {header}
          <section className="panel" aria-labelledby="sending-title">
            <ViewHeading id="sending-title">{status.kind === "offline" ? "Nog niet verstuurd" : "Versturen…"}</ViewHeading>
            {status.kind === "offline" ? (
              <p className="notice notice--warning">
                {offlineText}. Je hoeft niets opnieuw in te vullen: laat deze pagina open, of open de link later
                opnieuw.
              </p>
            ) : (
              <p>Je antwoorden worden verstuurd.</p>
            )}
          </section>
        </main>
      );

    case "thanks":
      return (
        <main className="page">
          {header}
          <section className="panel" aria-labelledby="thanks-title">
            <ViewHeading id="thanks-title">Bedankt voor het invullen</ViewHeading>
            <p>Je antwoorden zijn verstuurd. Je kunt ze later altijd terugzien via dezelfde link.</p>
            <div className="actions">
              <button type="button" className="button" onClick={() => setView({ kind: "answers" })}>
                Bekijk je antwoorden
              </button>
              <ResultsLink token={token} responseId={responseId} />
            </div>
            {round.link === "open" && round.state === "open" ? <NextResponse token={token} /> : null}
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
            <ViewHeading id="answers-title">{submitted ? "Je antwoorden" : "Deze ronde is gesloten"}</ViewHeading>
            {rejection ? <p className="notice notice--error">{rejectionText(rejection)}</p> : null}
            {round.state === "closed" ? (
              <p className="notice">
                Deze ronde is gesloten{round.closesAt ? ` sinds ${formatDate(round.closesAt)}` : ""}.{" "}
                {hasAnswers ? "Je kunt je antwoorden nog bekijken, maar niet meer wijzigen." : "Invullen kan niet meer."}
              </p>
            ) : null}
            {submitted?.submittedAt ? <p>Verstuurd op {formatDateTime(submitted.submittedAt)}.</p> : null}
            {round.state === "open" && !round.allowEdit && submitted ? (
              <p>In deze ronde kun je je antwoorden na het versturen niet meer wijzigen.</p>
            ) : null}
            {submitted ? (
              <p>
                <ResultsLink token={token} responseId={responseId} />
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
                  Antwoorden wijzigen
                </button>
              </div>
            ) : null}
            {submitted && round.link === "open" && round.state === "open" ? <NextResponse token={token} /> : null}
          </section>
          {hasAnswers ? <SurveyForm key="answers" json={form.survey} mode="display" initialData={data} /> : null}
        </main>
      );
    }

    case "form":
      return (
        <main className="page">
          {header}
          {view.editingSubmitted ? (
            <p className="notice">
              Je wijzigt je verstuurde antwoorden. Druk aan het eind op ‘Verzenden’ om de wijzigingen te versturen.
            </p>
          ) : null}
          {rejection ? <p className="notice notice--error">{rejectionText(rejection)}</p> : null}
          <SurveyForm
            key={`form-${formKey}-${view.editingSubmitted ? "edit" : "new"}`}
            json={form.survey}
            mode="edit"
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
          <SaveStatus status={status} />
        </main>
      );
  }
}

/**
 * On an open link one device may serve several people in turn (students interviewing residents
 * after a contact): a new, empty response, so the next person never sees these answers.
 */
function NextResponse({ token }: { token: string }) {
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
        Nieuwe reactie invullen (volgende persoon)
      </button>
    </div>
  );
}

/** The own report page (loaded lazily); the response id is how an open link finds its response. */
function ResultsLink({ token, responseId }: { token: string; responseId: string }) {
  return (
    <a className="button button-secondary" href={`/r/${encodeURIComponent(token)}/report?response=${encodeURIComponent(responseId)}`} onClick={followLink}>
      Bekijk je resultaten
    </a>
  );
}

function rejectionText(error: ApiError): string {
  if (error.status === 409) {
    return "Versturen lukte niet: deze ronde is gesloten of wijzigen is niet meer toegestaan. Je antwoorden staan nog op dit apparaat.";
  }
  if (error.issues.length > 0) {
    const details = error.issues.map((issue) => `${issue.field}: ${issue.reason}`).join("; ");
    return `De server heeft je antwoorden niet geaccepteerd (${details}). Controleer ze en verstuur opnieuw.`;
  }
  return `Versturen lukte niet (${error.message}). Je antwoorden staan nog op dit apparaat; probeer het opnieuw.`;
}
