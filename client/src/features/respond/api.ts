// The respondent API, exactly as ARCHITECTURE.md "Respondent API" describes it.
import { requestJson } from "../../lib/http.ts";

export type RoundState = "open" | "closed" | "not-yet-open";
export type ResponseStatus = "draft" | "submitted";
export type SurveyData = Record<string, unknown>;

export interface RespondForm {
  round: {
    id: string;
    title: string;
    closesAt: string | null;
    state: RoundState;
    allowEdit: boolean;
    link: "personal" | "open";
    /** An open link answered on one shared device (a tablet): a new response for the next person. Absent in forms cached before it existed. */
    sharedDevice?: boolean;
  };
  scanVersion: { id: number; scan: string; version: number; checksum: string };
  survey: Record<string, unknown>;
  /** The scan's languages; absent in forms cached on this device before the field existed. */
  languages?: string[];
  estimate?: { minutes: number; pageSeconds: Record<string, number> };
  /** The pages that are themes, for the progress line; absent in forms cached before it existed (every page counts). */
  themes?: string[];
  response: null | { id: string; status: ResponseStatus; data: SurveyData; submittedAt: string | null };
}

const base = (token: string) => `/api/respond/${encodeURIComponent(token)}`;

export function fetchForm(token: string, responseId: string): Promise<RespondForm> {
  return requestJson<RespondForm>("GET", `${base(token)}?response=${encodeURIComponent(responseId)}`);
}

export function saveDraft(token: string, responseId: string, data: SurveyData): Promise<{ savedAt: string }> {
  return requestJson("PUT", `${base(token)}/draft`, { responseId, data });
}

export function submitResponse(
  token: string,
  responseId: string,
  data: SurveyData,
): Promise<{ responseId: string; submittedAt: string }> {
  return requestJson("POST", `${base(token)}/submit`, { responseId, data });
}

/**
 * A draft save that outlives the page (fetch keepalive). Fire and forget: it is a best effort on
 * top of the local copy, and bodies over 64 KiB are refused by the browser.
 */
export function saveDraftOnLeave(token: string, responseId: string, data: SurveyData): void {
  try {
    void fetch(`${base(token)}/draft`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ responseId, data }),
      keepalive: true,
    }).catch(() => undefined);
  } catch {
    // Too large for keepalive: the next visit sends the draft instead.
  }
}
