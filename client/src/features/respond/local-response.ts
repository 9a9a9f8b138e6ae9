// This device's copy of a response, kept in localStorage so that no answer is lost when the
// browser closes or the server is unreachable. Keyed per link token and response id.
import { readJson, writeJson } from "../../lib/local-storage.ts";
import type { RespondForm, SurveyData } from "./api.ts";

export interface LocalResponse {
  responseId: string;
  data: SurveyData;
  /** The page the respondent was on, to resume there. */
  pageNo: number | null;
  /** Epoch ms of the last change on this device. */
  updatedAt: number;
  /** Changed on this device since the server last acknowledged a draft or submit. */
  dirty: boolean;
  /** The respondent pressed "Verzenden" and the server has not acknowledged it yet. */
  submitPending: boolean;
}

const responseIdKey = (token: string) => `peilstok:response-id:${token}`;
const responseKey = (token: string, responseId: string) => `peilstok:response:${token}:${responseId}`;
const formKey = (token: string) => `peilstok:form:${token}`;

export function getResponseId(token: string): string {
  const stored = readJson<string>(responseIdKey(token));
  if (stored) return stored;
  const id = crypto.randomUUID();
  writeJson(responseIdKey(token), id);
  return id;
}

/**
 * Starts a fresh response on this device for an open link that is shared, e.g. one tablet used
 * to interview several residents: the next person must never see the previous one's answers.
 */
export function startNewResponse(token: string): string {
  const id = crypto.randomUUID();
  writeJson(responseIdKey(token), id);
  return id;
}

export function setResponseId(token: string, responseId: string): void {
  writeJson(responseIdKey(token), responseId);
}

export function readLocalResponse(token: string, responseId: string): LocalResponse | null {
  return readJson<LocalResponse>(responseKey(token, responseId));
}

export function writeLocalResponse(token: string, local: LocalResponse): boolean {
  return writeJson(responseKey(token, local.responseId), local);
}

export function emptyLocalResponse(responseId: string): LocalResponse {
  return { responseId, data: {}, pageNo: null, updatedAt: 0, dirty: false, submitPending: false };
}

/** The last form the server sent for this link, so the page can open while the server is down. */
export function readCachedForm(token: string): RespondForm | null {
  return readJson<RespondForm>(formKey(token));
}

export function writeCachedForm(token: string, form: RespondForm): void {
  writeJson(formKey(token), form);
}

/**
 * What to show when resuming: the server's copy, overlaid with answers changed on this device
 * that the server has not acknowledged yet.
 */
export function mergeResumeData(server: SurveyData | undefined, local: LocalResponse | null): SurveyData {
  if (!local?.dirty) return { ...(server ?? local?.data ?? {}) };
  return { ...(server ?? {}), ...local.data };
}
