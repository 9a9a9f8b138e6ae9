// /r/:token — loads the form for a personal or open link and hands it to <ResponseFlow>.
// When the server cannot be reached, the last form seen on this device is used instead, so a
// respondent can keep answering offline.
import { useCallback, useEffect, useState } from "react";
import { LoadFailed, Message, PageLoading } from "../../../components/message.tsx";
import { ApiError, isRetryable } from "../../../lib/http.ts";
import { fetchForm, type RespondForm } from "../api.ts";
import {
  getResponseId,
  readCachedForm,
  readLocalResponse,
  setResponseId,
  writeCachedForm,
  writeLocalResponse,
} from "../local-response.ts";
import { registerOfflineShell } from "../offline.ts";
import { ResponseFlow } from "./response-flow.tsx";

type Load =
  | { kind: "loading" }
  | { kind: "unknown-link" }
  | { kind: "unreachable" }
  | { kind: "failed"; error: ApiError }
  | { kind: "ready"; form: RespondForm; responseId: string; offline: boolean };

async function load(token: string): Promise<Load> {
  let responseId = getResponseId(token);
  try {
    const form = await fetchForm(token, responseId);
    writeCachedForm(token, form);
    // The server's response id wins: the response may have been started on another device.
    // Unsent answers kept here under the old id move along with it.
    if (form.response && form.response.id !== responseId) {
      const orphan = readLocalResponse(token, responseId);
      responseId = form.response.id;
      setResponseId(token, responseId);
      if (orphan?.dirty && !readLocalResponse(token, responseId)) {
        writeLocalResponse(token, { ...orphan, responseId, submitPending: false });
      }
    }
    return { kind: "ready", form, responseId, offline: false };
  } catch (error) {
    if (isRetryable(error)) {
      const cached = readCachedForm(token);
      return cached ? { kind: "ready", form: cached, responseId, offline: true } : { kind: "unreachable" };
    }
    if (error instanceof ApiError && error.status === 404) return { kind: "unknown-link" };
    return { kind: "failed", error: error instanceof ApiError ? error : new ApiError(0, "unexpected", String(error)) };
  }
}

export function RespondentPage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? "";
  const [state, setState] = useState<Load>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(registerOfflineShell, []);

  useEffect(() => {
    let cancelled = false;
    void load(token).then((result) => {
      if (!cancelled) setState(result);
    });
    return () => {
      cancelled = true;
    };
  }, [token, attempt]);

  useEffect(() => {
    if (state.kind !== "unreachable") return;
    const timer = setTimeout(retry, 5_000);
    window.addEventListener("online", retry);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("online", retry);
    };
  }, [state, retry]);

  switch (state.kind) {
    case "loading":
      return <PageLoading>Scan laden…</PageLoading>;
    case "unknown-link":
      return (
        <Message title="Deze link werkt niet">
          <p>
            We kennen deze link niet. Controleer of je de volledige link uit je uitnodiging hebt gebruikt, of vraag
            degene die de scan heeft uitgezet om een nieuwe link.
          </p>
        </Message>
      );
    case "unreachable":
      return (
        <LoadFailed title="De server is niet bereikbaar" retry={retry}>
          <p>De scan kan nu niet worden geladen. We proberen het automatisch opnieuw; je kunt deze pagina open laten.</p>
        </LoadFailed>
      );
    case "failed":
      return (
        <LoadFailed retry={retry}>
          <p>De scan kon niet worden geladen ({state.error.message}).</p>
        </LoadFailed>
      );
    case "ready":
      return <ResponseFlow token={token} form={state.form} responseId={state.responseId} startOffline={state.offline} />;
  }
}
