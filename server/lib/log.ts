/** Where the server writes what an operator needs to see. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

// A log is read by more people than the data it describes: it never holds link tokens, session
// ids, CSRF tokens, passwords or answers. Messages are written without them (a request is logged
// by method, path and request id, never its body), and two nets catch what slips through:
// anything shaped like one of our secrets is masked, and an error is logged by what it is (its
// name, code, message with quoted values masked, and stack), never by the values it carries
// (a database error's detail, context, query parameters).

/** Our tokens are 32 random bytes in base64url (43 characters); CSRF tokens and hashes are 64 hex digits. */
const secretShaped = /(?<![A-Za-z0-9_-])(?:[A-Za-z0-9_-]{32,}|[0-9a-f]{64})(?![A-Za-z0-9_-])/g;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Masks token-shaped strings; uuids (round, response and request ids) stay, they name things without opening them. */
export function redact(text: string): string {
  return text.replace(secretShaped, (match) => (uuid.test(match) ? match : "[redacted]"));
}

/** Quoted values in error messages ('invalid input syntax for type integer: "…"') may be someone's answer. */
const quoted = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()]*)\)=\((?:[^()]*)\)/g;

/** An error as the log shows it: what went wrong and where in our code, without the data involved. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return `non-error thrown (${typeof err})`;
  const e = err as Error & { code?: unknown; constraint_name?: unknown; table_name?: unknown; routine?: unknown };
  const facts = [
    typeof e.code === "string" ? `code ${e.code}` : null,
    typeof e.table_name === "string" ? `table ${e.table_name}` : null,
    typeof e.constraint_name === "string" ? `constraint ${e.constraint_name}` : null,
  ].filter(Boolean);
  const message = redact(e.message.replace(quoted, "\"…\""));
  // The stack's first line repeats the message; the frames are our code.
  const frames = (e.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)).join("\n");
  const cause = e.cause === undefined ? "" : `\ncaused by: ${describeError(e.cause)}`;
  return `${e.name}: ${message}${facts.length ? ` (${facts.join(", ")})` : ""}${frames ? `\n${redact(frames)}` : ""}${cause}`;
}

/** A log that writes through `write` with every message redacted and errors described safely. */
export function safeLog(write: { info(line: string): void; warn(line: string): void; error(line: string): void }): Log {
  return {
    info: (message) => write.info(redact(message)),
    warn: (message) => write.warn(redact(message)),
    error: (message, err) => write.error(err === undefined ? redact(message) : `${redact(message)}\n${describeError(err)}`),
  };
}

export const consoleLog: Log = safeLog({
  info: (line) => console.log(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
});

export const silentLog: Log = { info() {}, warn() {}, error() {} };
