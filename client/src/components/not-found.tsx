import { AppLink } from "./button.tsx";
import { PageHeader } from "./page-header.tsx";

/** An admin address that no page answers. */
export default function NotFound() {
  return (
    <>
      <PageHeader title="Pagina niet gevonden" />
      <p>
        Deze pagina bestaat niet. <AppLink href="/admin">Naar de rondes</AppLink>
      </p>
    </>
  );
}
