// Strict input on every API route, before any route sees the request:
// - a body is at most the configured size (BODY_LIMIT_BYTES), or 413, before it is all read;
// - a body is JSON, sent as such (`Content-Type: application/json`, UTF-8), or 415. Hono's json
//   validator reads a body of another type as `{}`, so a form-encoded PUT reset every setting to
//   its default and a text/plain POST naming one respondent invited all of them. A request
//   without a body stays a request without a body. Routes that take another type say so
//   (`raw`), as the CSV import does.
// - strings are text: invalid UTF-8, a NUL character or an unpaired surrogate (which PostgreSQL
//   cannot store, and which gave a 500) is a 400 naming the field, in the body and in the query.
import { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "./errors.ts";

export interface RawBodyRoute {
  method: string;
  path: RegExp;
  /** Media types (without parameters) the route takes besides JSON. */
  types: string[];
}

type Issue = { field: string; reason: "invalid"; message: string };

const bodyMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const jsonType = /^application\/(?:[a-z0-9.+-]+\+)?json$/;

function mediaType(header: string | undefined): { type: string; charset: string | null } | null {
  if (!header) return null;
  const [type, ...params] = header.split(";").map((p) => p.trim());
  const charset = params.find((p) => /^charset=/i.test(p))?.slice("charset=".length).replace(/"/g, "").toLowerCase() ?? null;
  return { type: type!.toLowerCase(), charset };
}

const tooLarge = (maxBytes: number) => new AppError(413, "body-too-large", `the body is larger than ${maxBytes} bytes`);

/** Node's request stream, all of it, refused as soon as it passes `maxBytes`. */
function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (settle: () => void) => {
      incoming.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      settle();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) done(() => reject(tooLarge(maxBytes)));
      else chunks.push(chunk);
    };
    const onEnd = () => done(() => resolve(Buffer.concat(chunks, size)));
    const onError = (err: Error) => done(() => reject(err));
    const onClose = () => done(() => reject(new AppError(400, "body-incomplete", "the request body was cut off")));
    incoming.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/** A web stream (the Request of app.request in tests), all of it, refused as soon as it passes `maxBytes`. */
async function readStream(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
}

/**
 * The body's bytes, or null for a request without one (no body, or an empty one); 413 past
 * `maxBytes`, by its Content-Length before reading or while it streams in. Under
 * @hono/node-server it is read from Node's own request stream, and handed back to that server
 * (`rawBody`) for anything that reads the Request later: the web Request and streams it makes
 * otherwise, only to read the body once, cost more than the rest of a submit's request handling.
 */
async function bodyBytes(c: Context, maxBytes: number): Promise<Buffer | null> {
  const length = c.req.header("content-length");
  if (length !== undefined) {
    if (Number(length) > maxBytes) throw tooLarge(maxBytes);
    if (Number(length) === 0) return null;
  }
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  let bytes: Buffer;
  if (incoming instanceof IncomingMessage && !incoming.readableDidRead) {
    bytes = await readIncoming(incoming, maxBytes);
    (incoming as IncomingMessage & { rawBody?: Buffer }).rawBody = bytes;
  } else {
    const body = c.req.raw.body;
    if (body === null) return null;
    bytes = await readStream(body, maxBytes);
  }
  return bytes.byteLength > 0 ? bytes : null;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a string as text, or null. */
function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "contains a NUL character (U+0000), which cannot be stored";
  if (loneSurrogate.test(s)) return "contains an unpaired surrogate (half of a UTF-16 pair), which is not text";
  return null;
}

/**
 * A JSON escape that may stand for a NUL or half of a surrogate pair (`\u0000`, `\uD800`–`\uDFFF`).
 * Also matches an escaped backslash before such letters, and a proper pair: then the value is
 * walked, which finds nothing.
 */
const suspectEscape = /\\u(?:0000|[dD][89abcdefABCDEF])/;

/** Every string (and key) in a parsed JSON value that is not proper text, by its path. */
function textIssues(value: unknown, path: string[] = [], out: Issue[] = []): Issue[] {
  const field = (p: string[]) => p.join(".") || "body";
  if (typeof value === "string") {
    const problem = textProblem(value);
    if (problem) out.push({ field: field(path), reason: "invalid", message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => textIssues(v, [...path, String(i)], out));
  } else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) out.push({ field: field([...path, key.replace(/[\u0000\uD800-\uDFFF]/g, "\uFFFD")]), reason: "invalid", message: `its name ${problem}` });
      textIssues(v, [...path, key], out);
    }
  }
  return out;
}

/** Fields whose strings hold the replacement character after a lossy decode: where the bad bytes were. */
function replacedFields(value: unknown, path: string[] = [], out: string[] = []): string[] {
  if (typeof value === "string") {
    if (value.includes("\uFFFD")) out.push(path.join(".") || "body");
  } else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) replacedFields(v, [...path, key], out);
  }
  return out;
}

const invalidText = (issues: Issue[]) =>
  new AppError(400, "invalid-text", `${issues.map((i) => i.field).join(", ")}: not valid text`, issues);

const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const lossy = new TextDecoder("utf-8");

function invalidUtf8(bytes: Uint8Array, json: boolean): AppError {
  let fields = ["body"];
  if (json) {
    try {
      const found = replacedFields(JSON.parse(lossy.decode(bytes)));
      if (found.length > 0) fields = found;
    } catch {
      // Not JSON either: the body as a whole.
    }
  }
  return invalidText(fields.map((field) => ({ field, reason: "invalid", message: "is not valid UTF-8" })));
}

/** What the routes read (`c.req.json()`, `c.req.text()`): the text checked here. Hono keeps promises in its body cache. */
function cacheText(c: Context, text: string): void {
  (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
}

export function strictInput({ raw = [], maxBytes }: { raw?: RawBodyRoute[]; maxBytes: number }): MiddlewareHandler {
  return async (c, next) => {
    const queryIssues: Issue[] = [];
    for (const [name, values] of Object.entries(c.req.url.includes("?") ? c.req.queries() : {})) {
      for (const value of values) {
        const problem = textProblem(value) ?? textProblem(name);
        if (problem) queryIssues.push({ field: `query.${name}`, reason: "invalid", message: problem });
      }
    }
    if (queryIssues.length > 0) throw invalidText(queryIssues);
    if (!bodyMethods.has(c.req.method)) return next();
    const bytes = await bodyBytes(c, maxBytes);
    if (bytes === null) return next();

    const media = mediaType(c.req.header("content-type"));
    const rawRoute = raw.find((r) => r.method === c.req.method && r.path.test(c.req.path));
    const isJson = media !== null && jsonType.test(media.type);
    if (!isJson && !(rawRoute && media && rawRoute.types.includes(media.type))) {
      const accepted = ["application/json", ...(rawRoute?.types ?? [])].join(" or ");
      throw new AppError(
        415,
        "unsupported-media-type",
        `send the body as ${accepted} (with that Content-Type header); ${media ? `${media.type} is` : "a body without a Content-Type is"} not read`,
      );
    }
    if (media!.charset !== null && media!.charset !== "utf-8" && media!.charset !== "utf8") {
      throw new AppError(415, "unsupported-media-type", `send the body in UTF-8; charset ${media!.charset} is not read`);
    }

    let text: string;
    try {
      text = fatal.decode(bytes);
    } catch {
      throw invalidUtf8(bytes, isJson);
    }
    if (!isJson) {
      const problem = textProblem(text);
      if (problem) {
        const at = text.search(new RegExp(`\\u0000|${loneSurrogate.source}`));
        const line = text.slice(0, at).split("\n").length;
        throw invalidText([{ field: "body", reason: "invalid", message: `line ${line} ${problem}` }]);
      }
      cacheText(c, text);
      return next();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AppError(400, "malformed-json", "the request body is not valid JSON");
    }
    // The text decoded strictly, so a NUL or a lone surrogate in the parsed value can only come
    // from a `\u` escape: without one (almost every body) there is nothing to walk.
    if (suspectEscape.test(text)) {
      const issues = textIssues(parsed);
      if (issues.length > 0) throw invalidText(issues);
    }
    cacheText(c, text);
    // The routes' validators read the body with c.req.json(): the value parsed here, not a
    // second parse of the same text.
    c.req.json = <T>() => Promise.resolve(parsed as T);
    return next();
  };
}
