// Optional two-factor login: a time-based code (TOTP, RFC 6238, via otplib) from an authenticator
// app, or one of ten one-time recovery codes for a lost phone. The secret is sealed with the link
// key (server/invitations/link-seal.ts) and shown once, as a QR code and as text, while setting up;
// it is switched on only after a code from it has been checked. A code is accepted once
// (`totp_last_step`), 30 seconds either side of now for clocks that drift.
import { randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { Queryable, Sql } from "../db/connect.ts";
import type { LinkSealer } from "../invitations/link-seal.ts";
import { AppError } from "../lib/errors.ts";
import { sha256 } from "../lib/tokens.ts";

export const recoveryCodeCount = 10;
const issuer = "Peilstok";

export interface Enrolment {
  secret: string;
  uri: string;
  /** The URI as a QR code (SVG), for the authenticator app to scan. */
  qrSvg: string;
}

const normalise = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");

/** Ten codes like `k7m2p-9xq4t`: 50 bits each, from an alphabet without look-alikes. */
function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: recoveryCodeCount }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

async function storeRecoveryCodes(sql: Queryable, accountId: string, codes: string[]): Promise<void> {
  await sql`delete from account_recovery_codes where account_id = ${accountId}`;
  await sql`
    insert into account_recovery_codes ${sql(codes.map((c) => ({ account_id: accountId, code_hash: sha256(normalise(c)) })), "account_id", "code_hash")}
  `;
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

export async function twoFactorStatus(sql: Queryable, accountId: string): Promise<TwoFactorStatus> {
  const [row] = await sql<{ enabled_at: Date | null; left: number }[]>`
    select a.totp_enabled_at as enabled_at,
           (select count(*)::int from account_recovery_codes r where r.account_id = a.id and r.used_at is null) as left
    from accounts a where a.id = ${accountId}
  `;
  return { enabled: row?.enabled_at != null, enabledAt: row?.enabled_at?.toISOString() ?? null, recoveryCodesLeft: row?.left ?? 0 };
}

/** A new secret for the account to confirm; the one in use (if any) stays until then. */
export async function startEnrolment(sql: Queryable, sealer: LinkSealer, account: { id: string; email: string }): Promise<Enrolment> {
  const secret = generateSecret();
  await sql`update accounts set totp_pending = ${sealer.seal(secret)} where id = ${account.id}`;
  const uri = generateURI({ issuer, label: account.email, secret });
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrSvg };
}

const codeWrong = () => new AppError(400, "code-wrong", "the code is not right (or was used already); use the code your app shows now", [{ field: "code", reason: "invalid" }]);

async function totpStep(secret: string, code: string, after: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code.trim())) return null;
  const result = await verify({ secret, token: code.trim(), epochTolerance: 30, ...(after !== null ? { afterTimeStep: after } : {}) });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Confirms the pending secret with a code from it: two-factor is on; returns the recovery codes, shown once. */
export async function confirmEnrolment(sql: Sql, sealer: LinkSealer, accountId: string, code: string): Promise<string[]> {
  return sql.begin(async (tx) => {
    const [row] = await tx<{ pending: string | null }[]>`select totp_pending as pending from accounts where id = ${accountId} for update`;
    if (!row?.pending) throw new AppError(409, "no-setup", "start setting up two-factor login first");
    const secret = sealer.open(row.pending);
    const step = await totpStep(secret, code, null);
    if (step === null) throw codeWrong();
    await tx`
      update accounts
      set totp_secret = totp_pending, totp_pending = null, totp_enabled_at = now(), totp_last_step = ${step}
      where id = ${accountId}
    `;
    const codes = newRecoveryCodes();
    await storeRecoveryCodes(tx, accountId, codes);
    return codes;
  });
}

/**
 * Checks a second factor: a code from the app (each accepted once) or an unused recovery code
 * (then used up). The row is locked, so two logins cannot both use one code.
 */
export async function checkSecondFactor(sql: Sql, sealer: LinkSealer, accountId: string, code: string): Promise<"totp" | "recovery" | null> {
  return sql.begin(async (tx) => {
    const [row] = await tx<{ secret: string | null; last: string | null }[]>`
      select totp_secret as secret, totp_last_step::text as last from accounts where id = ${accountId} for update
    `;
    if (!row?.secret) return null;
    const step = await totpStep(sealer.open(row.secret), code, row.last === null ? null : Number(row.last));
    if (step !== null) {
      await tx`update accounts set totp_last_step = ${step} where id = ${accountId}`;
      return "totp";
    }
    const used = await tx`
      update account_recovery_codes set used_at = now()
      where account_id = ${accountId} and code_hash = ${sha256(normalise(code))} and used_at is null
      returning code_hash
    `;
    return used.length > 0 ? "recovery" : null;
  });
}

/** New recovery codes (the old ones stop working); shown once. */
export async function renewRecoveryCodes(sql: Sql, accountId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await sql.begin((tx) => storeRecoveryCodes(tx, accountId, codes));
  return codes;
}

/** Switches two-factor login off (the account holder, or an admin's `npm run account -- reset-two-factor`). */
export async function disableTwoFactor(sql: Queryable, accountId: string): Promise<void> {
  await sql`
    update accounts set totp_secret = null, totp_pending = null, totp_enabled_at = null, totp_last_step = null
    where id = ${accountId}
  `;
  await sql`delete from account_recovery_codes where account_id = ${accountId}`;
}
