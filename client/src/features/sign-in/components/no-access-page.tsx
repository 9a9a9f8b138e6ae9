// /admin/geen-toegang?reden=…: where the organisation-account login (server/oidc/routes.ts) sends
// someone it does not let in, with the reason in Dutch and what to do about it.
import { useEffect } from "react";
import { ButtonLink, ButtonRow } from "../../../components/button.tsx";
import "../../../components/ui.css";

type Reason = "wacht" | "mislukt" | "gedeactiveerd" | "ingetrokken" | "geen-email" | "email-bezet";

const texts: Record<Reason, { title: string; body: string; retry: boolean }> = {
  wacht: {
    title: "Je hebt nog geen toegang",
    body:
      "Je bent ingelogd bij je organisatie, maar Peilstok kent je nog geen rol toe. Een beheerder van Peilstok ziet je " +
      "aanvraag onder Accounts en kan je lezer, teamleider of beheerder maken. Daarna kun je gewoon inloggen.",
    retry: true,
  },
  mislukt: {
    title: "Inloggen is niet gelukt",
    body:
      "Het inloggen met je organisatieaccount is afgebroken of duurde langer dan tien minuten. Probeer het opnieuw; " +
      "lukt het dan nog niet, neem dan contact op met een beheerder.",
    retry: true,
  },
  gedeactiveerd: {
    title: "Je account is gedeactiveerd",
    body: "Je account in Peilstok is gedeactiveerd. Vraag een beheerder van Peilstok om het weer te activeren.",
    retry: false,
  },
  ingetrokken: {
    title: "Je hebt geen toegang meer",
    body:
      "Je organisatie geeft je geen rol meer in Peilstok (je staat niet meer in de groep die toegang geeft). " +
      "Denk je dat dit niet klopt, vraag het dan na bij je organisatie.",
    retry: false,
  },
  "geen-email": {
    title: "Geen e-mailadres ontvangen",
    body:
      "Je organisatie gaf bij het inloggen geen e-mailadres door, en daaraan herkent Peilstok zijn gebruikers. " +
      "Vraag je beheerder om het e-mailadres mee te sturen.",
    retry: false,
  },
  "email-bezet": {
    title: "Dit e-mailadres is al in gebruik",
    body:
      "Je e-mailadres hoort al bij een ander Peilstok-account dat aan een ander organisatieaccount is gekoppeld. " +
      "Neem contact op met een beheerder van Peilstok.",
    retry: false,
  },
};

export function NoAccessPage() {
  const reason = (new URLSearchParams(window.location.search).get("reden") ?? "mislukt") as Reason;
  const text = texts[reason] ?? texts.mislukt;
  useEffect(() => {
    document.title = `${text.title} · Peilstok`;
  }, [text.title]);
  return (
    <main className="login" id="main">
      <p className="login-brand">Peilstok</p>
      <h1>{text.title}</h1>
      <p>{text.body}</p>
      <ButtonRow>
        {text.retry ? (
          <ButtonLink variant="primary" href="/api/auth/oidc/login">
            Opnieuw inloggen
          </ButtonLink>
        ) : null}
        <ButtonLink variant="secondary" href="/admin">
          Naar de inlogpagina
        </ButtonLink>
      </ButtonRow>
      <p className="login-privacy">
        <a href="/privacy?lang=nl">Privacy: wat Peilstok bewaart en hoe lang</a>
      </p>
    </main>
  );
}
