// Keeps the server's copy of a response in step with this device's copy: every change is
// written to localStorage at once, drafts go to the server debounced, and a submit is queued
// until the server acknowledges it. Unreachable servers are retried with backoff.
import { ApiError, isRetryable, type ApiIssue } from "../../lib/http.ts";
import { saveDraft, saveDraftOnLeave, submitResponse, type SurveyData } from "./api.ts";
import { writeLocalResponse, type LocalResponse } from "./local-response.ts";

export type SyncStatus =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "local-only" }
  | { kind: "offline" }
  | { kind: "submitting" }
  | { kind: "failed"; error: ApiError };

export interface SyncEvents {
  status(status: SyncStatus): void;
  submitted(result: { submittedAt: string }): void;
  submitRejected(error: ApiError, issues: ApiIssue[]): void;
}

export interface SyncOptions {
  draftDelayMs?: number;
  /** Send drafts to the server; off while editing an already submitted response. */
  serverDrafts?: boolean;
}

const retryDelaysMs = [1_000, 2_000, 4_000, 8_000, 10_000];

export class ResponseSync {
  private local: LocalResponse;
  private revision = 0;
  private draftTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private inFlight = false;
  private runAgain = false;
  private disposed = false;
  private readonly draftDelayMs: number;
  private serverDrafts: boolean;

  constructor(
    private readonly token: string,
    local: LocalResponse,
    private readonly events: SyncEvents,
    options: SyncOptions = {},
  ) {
    this.local = { ...local };
    this.draftDelayMs = options.draftDelayMs ?? 800;
    this.serverDrafts = options.serverDrafts ?? true;
    window.addEventListener("online", this.retryNow);
    window.addEventListener("pagehide", this.sendOnLeave);
    document.addEventListener("visibilitychange", this.onVisibilityChange);
  }

  /** Resume work left from an earlier visit: unsent drafts and queued submits. */
  start(): void {
    if (this.local.submitPending) void this.run();
    else if (this.local.dirty && this.serverDrafts) this.scheduleDraft();
  }

  /** Off while changing already submitted answers: the server keeps the submitted version. */
  setServerDrafts(on: boolean): void {
    this.serverDrafts = on;
  }

  change(data: SurveyData, pageNo: number): void {
    this.revision++;
    this.local = { ...this.local, data, pageNo, updatedAt: Date.now(), dirty: true };
    this.persist();
    if (this.serverDrafts) this.scheduleDraft();
    else this.events.status({ kind: "local-only" });
  }

  page(pageNo: number): void {
    this.local = { ...this.local, pageNo };
    this.persist();
  }

  submit(data: SurveyData): void {
    this.revision++;
    this.local = { ...this.local, data, updatedAt: Date.now(), dirty: true, submitPending: true };
    this.persist();
    this.clearTimers();
    this.failures = 0;
    void this.run();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimers();
    window.removeEventListener("online", this.retryNow);
    window.removeEventListener("pagehide", this.sendOnLeave);
    document.removeEventListener("visibilitychange", this.onVisibilityChange);
  }

  private persist(): void {
    writeLocalResponse(this.token, this.local);
  }

  private scheduleDraft(): void {
    if (this.retryTimer) return; // a retry is already due and will carry the latest data
    if (this.draftTimer) clearTimeout(this.draftTimer);
    this.events.status({ kind: "saving" });
    this.draftTimer = setTimeout(() => {
      this.draftTimer = null;
      void this.run();
    }, this.draftDelayMs);
  }

  private readonly retryNow = (): void => {
    if (this.disposed || this.inFlight) return;
    if (!this.local.submitPending && !(this.local.dirty && this.serverDrafts)) return;
    this.clearTimers();
    void this.run();
  };

  // Mobile browsers often never fire pagehide: switching apps only hides the page.
  private readonly onVisibilityChange = (): void => {
    if (document.visibilityState === "hidden") this.sendOnLeave();
  };

  // Browsers may drop an in-progress save when the page closes; keepalive lets it finish.
  // localStorage already holds the answers, so this is a best effort.
  private readonly sendOnLeave = (): void => {
    if (!this.serverDrafts || !this.local.dirty || this.local.submitPending || this.inFlight) return;
    saveDraftOnLeave(this.token, this.local.responseId, this.local.data);
  };

  private clearTimers(): void {
    if (this.draftTimer) clearTimeout(this.draftTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.draftTimer = null;
    this.retryTimer = null;
  }

  private finishRun(): void {
    this.inFlight = false;
    const again = this.runAgain || this.local.submitPending;
    this.runAgain = false;
    if (again && !this.draftTimer && !this.retryTimer) void this.run();
  }

  private async run(): Promise<void> {
    if (this.disposed) return;
    if (this.inFlight) {
      this.runAgain = true;
      return;
    }
    const submitting = this.local.submitPending;
    if (!submitting && !(this.local.dirty && this.serverDrafts)) return;
    this.inFlight = true;
    const revision = this.revision;
    const { responseId, data } = this.local;
    this.events.status({ kind: submitting ? "submitting" : "saving" });
    try {
      if (submitting) {
        const result = await submitResponse(this.token, responseId, data);
        this.local = { ...this.local, submitPending: false, dirty: this.revision !== revision };
        this.persist();
        this.failures = 0;
        this.inFlight = false;
        this.runAgain = false;
        if (!this.disposed) this.events.submitted({ submittedAt: result.submittedAt });
        return;
      }
      await saveDraft(this.token, responseId, data);
      this.failures = 0;
      if (this.revision === revision) {
        this.local = { ...this.local, dirty: false };
        this.persist();
        this.events.status({ kind: "saved" });
      }
      this.finishRun();
    } catch (error) {
      this.inFlight = false;
      this.runAgain = false;
      if (this.disposed) return;
      if (isRetryable(error)) {
        this.events.status({ kind: "offline" });
        const delay = retryDelaysMs[Math.min(this.failures, retryDelaysMs.length - 1)] ?? 10_000;
        this.failures++;
        this.clearTimers();
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          void this.run();
        }, delay);
        return;
      }
      const apiError = error instanceof ApiError ? error : new ApiError(0, "unexpected", String(error));
      if (submitting) {
        this.local = { ...this.local, submitPending: false };
        this.persist();
        this.events.submitRejected(apiError, apiError.issues);
      } else {
        this.events.status({ kind: "failed", error: apiError });
      }
    }
  }
}
