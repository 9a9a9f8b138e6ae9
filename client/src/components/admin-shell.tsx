// The frame of every admin page: the menu (collapsing behind a button on a phone), who is logged
// in with their role, logging out, and the login form while nobody is. app/app.tsx renders it
// around every route marked `admin`, so it stays mounted while one moves between admin pages.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { logOut, loadSession, useAdminSession, type AdminRole } from "../lib/admin-session.ts";
import { roleNames } from "../lib/labels.ts";
import { adminNav } from "./admin-nav.ts";
import { AppLink, Button } from "./button.tsx";
import { LoginForm } from "./login-form.tsx";
import { Loading, Notice } from "./notice.tsx";
import { PageHeader } from "./page-header.tsx";
import "./ui.css";

export function AdminShell({
  pathname,
  roles,
  wide = false,
  children,
}: {
  pathname: string;
  /** Who may see the page; others get a short explanation instead. */
  roles?: readonly AdminRole[] | undefined;
  /** Full width (the editor) instead of a reading width. */
  wide?: boolean | undefined;
  children: ReactNode;
}) {
  const session = useAdminSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // A new page: close the menu and start reading (and tabbing) from the top of the content.
  useEffect(() => {
    setMenuOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  if (session.status === "loading") return <Loading />;
  if (session.status === "failed") {
    return (
      <main className="login" id="main">
        <Notice kind="error" title="De server is niet bereikbaar">
          <p>Probeer het zo opnieuw.</p>
          <Button onClick={() => void loadSession()}>Opnieuw proberen</Button>
        </Notice>
      </main>
    );
  }
  if (session.status === "anonymous") return <LoginForm tokenRejected={session.tokenRejected} />;

  const user = session.user;
  const items = adminNav.filter((item) => item.roles.includes(user.role));
  const allowed = !roles || roles.includes(user.role);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Naar de inhoud
      </a>
      <header className="shell-header no-print">
        <div className="shell-bar">
          <AppLink href="/admin" className="shell-brand">
            Peilstok <span>beheer</span>
          </AppLink>
          <button
            type="button"
            className="shell-menu-button"
            aria-expanded={menuOpen}
            aria-controls="shell-menu"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            Menu
          </button>
        </div>
        <div id="shell-menu" className={menuOpen ? "shell-menu shell-menu--open" : "shell-menu"}>
          <nav aria-label="Beheer">
            <ul>
              {items.map((item) => (
                <li key={item.href}>
                  <AppLink href={item.href} aria-current={item.owns(pathname) ? "page" : undefined}>
                    {item.label}
                  </AppLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="shell-user">
            <span className="shell-user-name">{user.name || user.email}</span>
            <span className="shell-user-role">
              {roleNames[user.role]}
              {user.role === "teamleader" && user.teams.length ? ` · ${user.teams.join(", ")}` : ""}
            </span>
            <Button variant="secondary" small onClick={() => void logOut()}>
              Uitloggen
            </Button>
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className={wide ? "shell-main shell-main--wide" : "shell-main"}>
        {allowed ? (
          children
        ) : (
          <>
            <PageHeader title="Geen toegang" />
            <Notice kind="warning">
              Deze pagina is alleen voor {roles.map((r) => `${roleNames[r]}s`).join(" en ")}. Je bent ingelogd als{" "}
              {roleNames[user.role]}. <AppLink href="/admin">Naar de rondes</AppLink>
            </Notice>
          </>
        )}
      </main>
    </div>
  );
}

export default AdminShell;
