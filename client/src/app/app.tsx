import { lazy, Suspense } from "react";
import { Message } from "../components/message.tsx";
import { findRoute, usePathname } from "./router.tsx";
import { routes } from "./routes.ts";

// Admin code (and its CSS) loads only for admin pages; the shell stays mounted while one moves
// between them, so the menu does not flash.
const AdminShell = lazy(() => import("../components/admin-shell.tsx"));
const NotFound = lazy(() => import("../components/not-found.tsx"));

const loading = <p className="page-loading">Laden…</p>;

export function App() {
  const pathname = usePathname();
  const match = findRoute(routes, pathname);
  const adminPath = pathname === "/admin" || pathname.startsWith("/admin/");
  if (!match && !adminPath) {
    return (
      <Message title="Pagina niet gevonden">
        Controleer het adres. Heb je een link gekregen om een scan in te vullen? Gebruik dan de volledige link uit
        je uitnodiging.
      </Message>
    );
  }
  if (!match || match.route.admin) {
    const Page = match?.route.component ?? NotFound;
    return (
      <Suspense fallback={loading}>
        <AdminShell pathname={pathname} roles={match?.route.admin?.roles} wide={match?.route.admin?.wide}>
          <Suspense fallback={loading}>
            <Page params={match?.params ?? {}} />
          </Suspense>
        </AdminShell>
      </Suspense>
    );
  }
  const Page = match.route.component;
  return (
    <Suspense fallback={loading}>
      <Page params={match.params} />
    </Suspense>
  );
}
