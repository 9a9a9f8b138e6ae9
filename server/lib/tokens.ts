import { createHash, randomBytes } from "node:crypto";

/** A link token: 32 random bytes (256 bits), base64url. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function tokenHash(token: string): string {
  return sha256(token);
}

/** Finds an anonymous response without linking it to a respondent (see ARCHITECTURE.md). */
export function ownerHash(token: string): string {
  return sha256(`response:${token}`);
}
