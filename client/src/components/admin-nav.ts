// The admin menu: one list for every admin page. A new admin page adds its line here (and its
// route in app/routes.ts with `admin: { ... }`).
import type { AdminRole } from "../lib/admin-session.ts";

export interface NavItem {
  href: string;
  label: string;
  roles: readonly AdminRole[];
  /** Whether the page at `pathname` belongs under this item (it is then marked current). */
  owns: (pathname: string) => boolean;
}

const everyone: readonly AdminRole[] = ["admin", "teamleader", "viewer"];
const under = (prefix: string) => (p: string) => p === prefix || p.startsWith(`${prefix}/`);

export const adminNav: readonly NavItem[] = [
  {
    href: "/admin",
    label: "Rondes",
    roles: everyone,
    owns: (p) => p === "/admin" || (/^\/admin\/(rounds|reports|series|scans)\//.test(p) && p !== "/admin/rounds/new"),
  },
  { href: "/admin/rounds/new", label: "Nieuwe ronde", roles: ["admin", "teamleader"], owns: (p) => p === "/admin/rounds/new" },
  { href: "/admin/editor", label: "Scan-editor", roles: ["admin", "teamleader"], owns: under("/admin/editor") },
  { href: "/admin/outbox", label: "Postvak uit", roles: ["admin"], owns: under("/admin/outbox") },
  { href: "/admin/accounts", label: "Accounts", roles: ["admin"], owns: under("/admin/accounts") },
  { href: "/admin/settings", label: "Instellingen", roles: ["admin"], owns: under("/admin/settings") },
  { href: "/admin/audit", label: "Logboek", roles: ["admin"], owns: under("/admin/audit") },
  { href: "/admin/avg", label: "AVG-verzoeken", roles: ["admin"], owns: under("/admin/avg") },
  { href: "/admin/security", label: "Beveiliging", roles: everyone, owns: under("/admin/security") },
];
