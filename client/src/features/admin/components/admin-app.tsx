// The admin pages: login, then an overview of scans and rounds, creating a round, the outbox and
// accounts. Loaded lazily (app/routes.ts): respondents never download this code.
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../../lib/http.ts";
import { followLink } from "../../../lib/navigate.ts";
import { fetchSession, logout, type User } from "../api.ts";
import { AccountsPage } from "./accounts-page.tsx";
import { LoginForm } from "./login-form.tsx";
import { OutboxPage } from "./outbox-page.tsx";
import { Overview } from "./overview.tsx";
import { RoundForm } from "./round-form.tsx";
import { SettingsPage } from "./settings-page.tsx";
import "../../../components/admin-shell.css";
import "../admin.css";

const roleNames = { admin: "beheerder", teamleader: "teamleider", viewer: "lezer" } as const;

export function AdminApp({ params }: { params: Record<string, string> }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const page = params.page ?? "";

  useEffect(() => {
    fetchSession()
      .then(setUser)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setUser(null);
        else setFailure("De server is niet bereikbaar. Probeer het later opnieuw.");
      });
  }, []);

  const signOut = useCallback(async () => {
    await logout().catch(() => {});
    setUser(null);
  }, []);

  if (failure) return <p className="admin-error" role="alert">{failure}</p>;
  if (user === undefined) return <p className="page-loading">Laden…</p>;
  if (user === null) return <LoginForm onLogin={setUser} />;

  const nav = [
    { href: "/admin", label: "Overzicht", show: true },
    { href: "/admin/rounds/new", label: "Nieuwe ronde", show: user.role !== "viewer" },
    { href: "/admin/editor", label: "Scan-editor", show: user.role === "admin" },
    { href: "/admin/outbox", label: "Postvak uit", show: user.role === "admin" },
    { href: "/admin/accounts", label: "Accounts", show: user.role === "admin" },
    { href: "/admin/settings", label: "Instellingen", show: user.role === "admin" },
  ];
  return (
    <div className="admin">
      <header className="admin-header">
        <strong className="admin-brand">Peilstok beheer</strong>
        <nav aria-label="Beheer">
          {nav
            .filter((n) => n.show)
            .map((n) => (
              <a key={n.href} href={n.href} onClick={followLink} aria-current={isCurrent(n.href, page) ? "page" : undefined}>
                {n.label}
              </a>
            ))}
        </nav>
        <span className="admin-user">
          {user.email} ({roleNames[user.role]}
          {user.teams.length ? `: ${user.teams.join(", ")}` : ""})
          <button type="button" className="link-button" onClick={signOut}>
            Uitloggen
          </button>
        </span>
      </header>
      <main className="admin-main">{pageFor(page, params.sub, user)}</main>
    </div>
  );
}

function isCurrent(href: string, page: string): boolean {
  return href === "/admin" ? page === "" : href.startsWith(`/admin/${page}`);
}

function pageFor(page: string, sub: string | undefined, user: User) {
  if (page === "" ) return <Overview user={user} />;
  if (page === "rounds" && sub === "new") return <RoundForm user={user} />;
  if (page === "outbox") return <OutboxPage />;
  if (page === "accounts") return <AccountsPage user={user} />;
  if (page === "settings") return <SettingsPage />;
  return <p>Deze pagina bestaat niet.</p>;
}
