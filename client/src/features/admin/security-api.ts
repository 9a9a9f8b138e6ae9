import type { Enrolment, TwoFactorStatus } from "../../../../server/accounts/two-factor.ts";
import { adminRequest, setCsrfToken } from "../../lib/admin-http.ts";

export type { Enrolment, TwoFactorStatus };

export const fetchTwoFactor = () => adminRequest<TwoFactorStatus>("GET", "/api/auth/two-factor");
export const startTwoFactor = () => adminRequest<Enrolment>("POST", "/api/auth/two-factor/setup");
export const enableTwoFactor = (code: string) =>
  adminRequest<{ recoveryCodes: string[] }>("POST", "/api/auth/two-factor/enable", { code }).then((r) => r.recoveryCodes);
export const renewRecoveryCodes = (code: string) =>
  adminRequest<{ recoveryCodes: string[] }>("POST", "/api/auth/two-factor/recovery-codes", { code }).then((r) => r.recoveryCodes);
export const disableTwoFactor = (password: string, code: string) =>
  adminRequest<TwoFactorStatus>("POST", "/api/auth/two-factor/disable", { password, code });

/** Changing the password ends every session; the answer carries the new session's CSRF token. */
export async function changePassword(current: string, next: string): Promise<void> {
  const { csrfToken } = await adminRequest<{ csrfToken: string }>("POST", "/api/auth/password", { current, next });
  setCsrfToken(csrfToken);
}
