import { Suspense } from "react";
import { Message } from "../components/message.tsx";
import { findRoute, usePathname } from "./router.tsx";
import { routes } from "./routes.ts";

export function App() {
  const pathname = usePathname();
  const match = findRoute(routes, pathname);
  if (!match) {
    return (
      <Message title="Pagina niet gevonden">
        Controleer het adres. Heb je een link gekregen om een scan in te vullen? Gebruik dan de volledige link uit
        je uitnodiging.
      </Message>
    );
  }
  const Page = match.route.component;
  return (
    <Suspense fallback={<p className="page-loading">Laden…</p>}>
      <Page params={match.params} />
    </Suspense>
  );
}
