// Passwords are hashed with argon2id (OWASP's first choice), through @node-rs/argon2's defaults:
// m=19 MiB, t=2, p=1 — the OWASP minimum, fast enough for a 2-core server.
// https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

export const minPasswordLength = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified when the e-mail is unknown, so a login takes as long whether the account exists or not.
const dummyHash = hash(randomBytes(16).toString("base64url"));

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await dummyHash), password);
  } catch {
    return false;
  }
}

/** A generated password for a new account: 18 random bytes, 24 base64url characters. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
