// JSON over fetch with the app's one error shape: { error: { code, message, issues? } }.

export interface ApiIssue {
  field: string;
  reason: string;
}

/** The server answered, but not with 2xx. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The server could not be reached (offline, DNS, connection refused, aborted). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("network unavailable", { cause });
    this.name = "NetworkError";
  }
}

/**
 * Whether trying the same request again later may succeed: no connection, or the server (or its
 * database) is temporarily unavailable or rate-limiting us.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof ApiError) return error.status >= 500 || error.status === 429 || error.status === 408;
  return false;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  /** Sent besides accept and content-type (the admin pages' CSRF token). */
  headers?: Record<string, string>;
  /** Whether a 2xx without a JSON body is an answer (null) rather than an error. */
  allowEmpty?: boolean;
}

export async function requestJson<T>(method: Method, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; issues?: ApiIssue[] } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? `http-${response.status}`, error?.message ?? response.statusText, error?.issues ?? []);
  }
  if (payload === null && !options.allowEmpty) {
    throw new ApiError(response.status, "invalid-json", "The server answered without JSON");
  }
  return payload as T;
}
