// A round's respondents: adding them (one by one or from a CSV), sending invitations and
// reminders, who is where, the response rate, and the round's mail texts and reminder schedule.
// Loaded lazily (app/routes.ts): respondents never download this code.
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../../lib/http.ts";
import { followLink } from "../../../lib/navigate.ts";
import { formatDateTime } from "../../../lib/format-date.ts";
import { fetchRecipients, fetchRound, fetchSession, type Recipients, type RoundInfo, type User } from "../api.ts";
import { AddRespondents } from "./add-respondents.tsx";
import { MailSettingsForm } from "./mail-settings-form.tsx";
import { RecipientList } from "./recipient-list.tsx";
import { ResponseRateSummary } from "./response-rate-summary.tsx";
import { SendButtons } from "./send-buttons.tsx";
import "../../../components/admin-shell.css";
import "../invitations.css";

/** Mail states change in the background (the scheduler sends, respondents open and submit). */
const refreshMs = 5000;

type Loaded = { user: User; round: RoundInfo; scanTitle: string };

export function RoundRespondentsPage({ params }: { params: Record<string, string> }) {
  const roundId = params["roundId"]!;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<"login" | "not-found" | "failed" | null>(null);
  const [recipients, setRecipients] = useState<Recipients | null>(null);

  useEffect(() => {
    Promise.all([fetchSession(), fetchRound(roundId)])
      .then(([user, found]) => (found ? setLoaded({ user, ...found }) : setProblem("not-found")))
      .catch((e: unknown) => setProblem(e instanceof ApiError && e.status === 401 ? "login" : "failed"));
  }, [roundId]);

  const reload = useCallback(() => {
    fetchRecipients(roundId).then(setRecipients, () => {});
  }, [roundId]);

  useEffect(() => {
    if (!loaded) return;
    reload();
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") reload();
    }, refreshMs);
    return () => window.clearInterval(timer);
  }, [loaded, reload]);

  if (problem) {
    return (
      <main className="admin-main">
        <p className="admin-error" role="alert">
          {problem === "login"
            ? "Je bent niet (meer) ingelogd."
            : problem === "not-found"
              ? "Deze ronde bestaat niet, of hoort niet bij jouw teams."
              : "De ronde kon niet worden geladen."}
        </p>
        <a href="/admin" onClick={followLink}>
          {problem === "login" ? "Naar inloggen" : "Naar het overzicht"}
        </a>
      </main>
    );
  }
  if (!loaded) return <p className="page-loading">Laden…</p>;

  const { user, round, scanTitle } = loaded;
  const isAdmin = user.role === "admin";
  const closed = round.state === "closed";
  return (
    <div className="admin">
      <header className="admin-header">
        <strong className="admin-brand">Peilstok beheer</strong>
        <nav aria-label="Beheer">
          <a href="/admin" onClick={followLink}>
            Overzicht
          </a>
          {isAdmin ? (
            <a href="/admin/outbox" onClick={followLink}>
              Postvak uit
            </a>
          ) : null}
          <a href={`/admin/reports/${round.id}`} onClick={followLink}>
            Rapport
          </a>
        </nav>
        <span className="admin-user">{user.email}</span>
      </header>
      <main className="admin-main invitations">
        <h1>Respondenten en uitnodigingen</h1>
        <p className="admin-hint">
          {round.title} · {round.group} · {scanTitle} · sluit {formatDateTime(round.closesAt)}
          {round.anonymous ? " · anoniem" : ""}
        </p>
        {round.anonymous ? (
          <p className="admin-notice">
            Anonieme ronde: je ziet wie heeft ingevuld, nooit wat iemand heeft geantwoord. Persoonlijke links worden
            versleuteld bewaard tot de ronde sluit, zodat herinneringen dezelfde link kunnen bevatten; daarna worden ze
            gewist.
          </p>
        ) : null}

        {recipients ? <ResponseRateSummary rate={recipients.responseRate} /> : <p className="page-loading">Laden…</p>}

        {recipients && !closed && user.role !== "viewer" ? (
          <SendButtons roundId={round.id} user={user} recipients={recipients} onSent={reload} />
        ) : null}

        {recipients ? (
          <RecipientList recipients={recipients.recipients} user={user} roundId={round.id} anonymous={round.anonymous} closed={closed} onRemoved={reload} />
        ) : null}

        {isAdmin && !closed ? <AddRespondents roundId={round.id} onAdded={reload} /> : null}

        <MailSettingsForm round={round} scanTitle={scanTitle} canEdit={isAdmin} sampleName={recipients?.recipients[0]?.name} />
      </main>
    </div>
  );
}
