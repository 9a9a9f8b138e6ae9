// Who someone who logged in at the identity provider is in Peilstok. The rules, in order:
// 1. An account linked to their issuer and subject is theirs.
// 2. Otherwise an account with their e-mail address is linked to them, but only when the
//    provider vouches for the address (`email_verified: true`); else an admin decides (rule 5).
// 3. When OIDC_ROLE_CLAIM is configured and the claims give a role, that role (and the teams
//    from OIDC_TEAMS_CLAIM) is the account's, renewed at every login; a role that came from the
//    claims ends when the claims drop it. A role an admin gave stays unless the claims give one.
// 4. A new person whose claims give a role gets an account with it.
// 5. Anyone else waits, without access, until an admin gives them a role (oidc_requests).
import { randomUUID } from "node:crypto";
import { countActiveAdmins, setRole, type Role } from "../accounts/queries.ts";
import { recordAudit } from "../audit/record.ts";
import type { Sql } from "../db/connect.ts";
import type { OidcEnv } from "../lib/env.ts";
import { AppError, notFound } from "../lib/errors.ts";
import { roleFromClaims } from "./claims.ts";
import type { Identity } from "./client.ts";
import {
  findByEmail,
  findByIdentity,
  insertOidcAccount,
  linkIdentity,
  setRoleSource,
  takeRequest,
  upsertRequest,
  type LinkedAccount,
} from "./queries.ts";

export type RefusalReason = "deactivated" | "role-withdrawn" | "no-email" | "email-in-use";

export type LoginOutcome =
  | { kind: "login"; accountId: string; email: string }
  | { kind: "pending"; email: string }
  | { kind: "refused"; reason: RefusalReason; email: string | null };

const sameTeams = (a: string[], b: string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

export async function resolveLogin(sql: Sql, identity: Identity, env: OidcEnv): Promise<LoginOutcome> {
  const claimed = roleFromClaims(identity.claims, env);
  return sql.begin(async (tx) => {
    // The same lock as account changes: the last active admin is never lost to a login either.
    await tx`select pg_advisory_xact_lock(hashtext('peilstok:accounts'))`;
    let account: LinkedAccount | undefined = await findByIdentity(tx, identity.issuer, identity.subject);
    if (!account && identity.email && identity.emailVerified) {
      const byEmail = await findByEmail(tx, identity.email);
      if (byEmail && byEmail.oidc_subject === null) {
        await linkIdentity(tx, byEmail.id, identity.issuer, identity.subject);
        account = byEmail;
      }
    }

    if (account) {
      if (account.deactivated_at !== null) return { kind: "refused", reason: "deactivated", email: account.email };
      if (claimed.kind === "role") {
        const changed = claimed.role !== account.role || !sameTeams(claimed.teams, account.teams);
        const lastAdmin =
          account.role === "admin" && claimed.role !== "admin" && (await countActiveAdmins(tx)) <= 1;
        if (changed && !lastAdmin) {
          await setRole(tx, account.id, claimed.role, claimed.teams);
          await recordAudit(tx, {
            action: "account.update",
            actor: { kind: "system" },
            target: { kind: "account", id: account.id, label: account.email },
            details: {
              source: "oidc-claims",
              before: { role: account.role, teams: account.teams },
              after: { role: claimed.role, teams: claimed.teams },
            },
          });
        }
        if (account.role_source !== "oidc" && !lastAdmin) await setRoleSource(tx, account.id, "oidc");
      } else if (claimed.kind === "none" && account.role_source === "oidc") {
        return { kind: "refused", reason: "role-withdrawn", email: account.email };
      }
      return { kind: "login", accountId: account.id, email: account.email };
    }

    if (!identity.email) return { kind: "refused", reason: "no-email", email: null };
    const holder = await findByEmail(tx, identity.email);
    if (claimed.kind === "role" && !holder) {
      const id = randomUUID();
      await insertOidcAccount(tx, {
        id,
        email: identity.email,
        name: identity.name,
        role: claimed.role,
        teams: claimed.teams,
        roleSource: "oidc",
        issuer: identity.issuer,
        subject: identity.subject,
      });
      await recordAudit(tx, {
        action: "account.create",
        actor: { kind: "system" },
        target: { kind: "account", id, label: identity.email },
        details: { source: "oidc-claims", role: claimed.role, teams: claimed.teams },
      });
      return { kind: "login", accountId: id, email: identity.email };
    }
    if (holder?.oidc_subject) return { kind: "refused", reason: "email-in-use", email: identity.email };
    // An unverified address that matches an account, or no role from the claims: an admin decides.
    await upsertRequest(tx, { id: randomUUID(), ...identity, email: identity.email });
    return { kind: "pending", email: identity.email };
  });
}

export interface Approval {
  role: Role;
  teams: string[];
}

/**
 * An admin gives someone who is waiting a role: their account is created (without a password),
 * or, when an account with their e-mail address exists and is not linked yet, linked to them.
 */
export async function approveRequest(
  sql: Sql,
  requestId: string,
  approval: Approval,
): Promise<{ accountId: string; email: string; linked: boolean }> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('peilstok:accounts'))`;
    const request = await takeRequest(tx, requestId);
    if (!request) throw notFound("sign-in request");
    const teams = approval.role === "teamleader" ? [...new Set(approval.teams)].sort() : [];
    const existing = await findByEmail(tx, request.email);
    if (existing) {
      if (existing.oidc_subject !== null) {
        throw new AppError(409, "email-in-use", `${request.email} belongs to an account linked to another organisation account`);
      }
      if (existing.role === "admin" && approval.role !== "admin" && existing.deactivated_at === null && (await countActiveAdmins(tx)) <= 1) {
        throw new AppError(409, "last-admin", "this would leave no active admin");
      }
      await linkIdentity(tx, existing.id, request.issuer, request.subject);
      await setRole(tx, existing.id, approval.role, teams);
      await setRoleSource(tx, existing.id, "admin");
      return { accountId: existing.id, email: request.email, linked: true };
    }
    const id = randomUUID();
    await insertOidcAccount(tx, {
      id,
      email: request.email,
      name: request.name,
      role: approval.role,
      teams,
      roleSource: "admin",
      issuer: request.issuer,
      subject: request.subject,
    });
    return { accountId: id, email: request.email, linked: false };
  });
}
