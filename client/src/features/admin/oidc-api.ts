// People waiting for a role after logging in with their organisation account (server/oidc/routes.ts).
import type { OidcRequestView } from "../../../../server/oidc/routes.ts";
import { adminRequest } from "../../lib/admin-http.ts";
import type { Role } from "./api.ts";

export type OidcRequest = OidcRequestView;

export const fetchOidcRequests = () => adminRequest<{ requests: OidcRequest[] }>("GET", "/api/admin/oidc/requests").then((r) => r.requests);

export const approveOidcRequest = (id: string, role: Role, teams: string[]) =>
  adminRequest<{ accountId: string; email: string; linked: boolean }>("POST", `/api/admin/oidc/requests/${encodeURIComponent(id)}/approve`, { role, teams });

export const rejectOidcRequest = (id: string) => adminRequest<{ removed: true }>("DELETE", `/api/admin/oidc/requests/${encodeURIComponent(id)}`);
