// What an identity provider's claims say about someone in Peilstok: their role and teams, when
// OIDC_ROLE_CLAIM is configured. Pure, so the mapping is tested without a provider.
import type { Role } from "../accounts/queries.ts";
import type { OidcEnv } from "../lib/env.ts";

export type Claims = Record<string, unknown>;

/** A claim by name, or by a dotted path into nested claims (`realm_access.roles`). */
export function claimValues(claims: Claims, name: string | undefined): string[] {
  if (!name) return [];
  let value: unknown = name in claims ? claims[name] : claims;
  if (!(name in claims)) {
    for (const part of name.split(".")) {
      value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
    }
  }
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

const rank: Role[] = ["admin", "teamleader", "viewer"];

export type ClaimedRole =
  | { kind: "role"; role: Role; teams: string[] }
  /** No role claim configured: roles are given by an admin. */
  | { kind: "not-configured" }
  /** Configured, but the claims give no role (or a teamleader without teams). */
  | { kind: "none"; reason: "no-role" | "no-teams" };

export function roleFromClaims(claims: Claims, config: Pick<OidcEnv, "roleClaim" | "roleMap" | "teamsClaim" | "teamPrefix">): ClaimedRole {
  if (!config.roleClaim) return { kind: "not-configured" };
  const values = new Set(claimValues(claims, config.roleClaim));
  const mapped = Object.keys(config.roleMap).length > 0;
  const role = rank.find((r) => (mapped ? (config.roleMap[r] ?? []).some((v) => values.has(v)) : values.has(r)));
  if (!role) return { kind: "none", reason: "no-role" };
  if (role !== "teamleader") return { kind: "role", role, teams: [] };
  const prefix = config.teamPrefix ?? "";
  const teams = [
    ...new Set(
      claimValues(claims, config.teamsClaim)
        .filter((t) => t.startsWith(prefix))
        .map((t) => t.slice(prefix.length).trim())
        .filter((t) => t.length > 0 && t.length <= 200),
    ),
  ].sort();
  return teams.length > 0 ? { kind: "role", role, teams } : { kind: "none", reason: "no-teams" };
}
