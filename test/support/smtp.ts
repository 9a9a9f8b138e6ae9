// A real SMTP server (the smtp-server package) on a free loopback port that keeps what it
// accepts, with just enough MIME decoding to read a mail's subject, text and link.
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { budget } from "./timing.ts";

export interface ReceivedMail {
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Resolves when at least `n` mails have been accepted. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Answer 550 to these recipients (a hard bounce at RCPT). */
  reject?: (address: string) => boolean;
  /** Runs before a message is accepted (250); throw to refuse it, or never resolve to hang. */
  beforeAccept?: (mail: ReceivedMail) => Promise<void> | void;
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

function headers(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) map.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
  }
  return map;
}

function decodePart(part: string, type: string): string | null {
  const split = part.search(/\r?\n\r?\n/);
  const head = headers(part.slice(0, split));
  if (!(head.get("content-type") ?? "").toLowerCase().startsWith(type)) return null;
  const body = part.slice(split).replace(/^\r?\n\r?\n/, "");
  switch ((head.get("content-transfer-encoding") ?? "7bit").toLowerCase()) {
    case "quoted-printable":
      return decodeQuotedPrintable(body);
    case "base64":
      return Buffer.from(body, "base64").toString("utf8");
    default:
      return body;
  }
}

export function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = headers(raw.slice(0, split));
  const boundary = /boundary="?([^";]+)"?/i.exec(head.get("content-type") ?? "")?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  const find = (type: string) => parts.map((p) => decodePart(p.replace(/^\r?\n/, ""), type)).find((x) => x !== null) ?? "";
  return {
    to,
    messageId: head.get("message-id") ?? "",
    subject: decodeWords(head.get("subject") ?? ""),
    text: find("text/plain"),
    html: find("text/html"),
    raw,
  };
}

export async function startSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address)) {
        const err = new Error("mailbox unavailable") as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail = parseMail(Buffer.concat(chunks).toString("utf8"), session.envelope.rcptTo.map((r) => r.address));
        Promise.resolve()
          .then(() => options.beforeAccept?.(mail))
          .then(
          () => {
            mails.push(mail);
            waiters.splice(0).forEach((w) => w());
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    async waitFor(n, timeoutMs = budget(60_000)) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} mails, got ${mails.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The personal link in a mail's plain text. */
export function linkIn(mail: ReceivedMail): string {
  const match = /https?:\/\/\S+\/r\/[A-Za-z0-9_-]{43}/.exec(mail.text);
  if (!match) throw new Error(`no link in mail:\n${mail.text}`);
  return match[0];
}
