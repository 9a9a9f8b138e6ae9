// A round's respondents: adding them (one by one or from a CSV), sending invitations and
// reminders, who is where, the response rate, and the round's mail texts and reminder schedule.
// Loaded lazily (app/routes.ts): respondents never download this code.
import { useCallback, useEffect, useState } from "react";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { RoundNav, roundCrumbs } from "../../../components/round-nav.tsx";
import { useAdminUser } from "../../../lib/admin-session.ts";
import { formatDateTime } from "../../../lib/format-date.ts";
import { fetchRecipients, fetchRound, type Recipients, type RoundInfo } from "../api.ts";
import { AddRespondents } from "./add-respondents.tsx";
import { MailSettingsForm } from "./mail-settings-form.tsx";
import { RecipientList } from "./recipient-list.tsx";
import { ResponseRateSummary } from "./response-rate-summary.tsx";
import { SendButtons } from "./send-buttons.tsx";
import "../invitations.css";

/** Mail states change in the background (the scheduler sends, respondents open and submit). */
const refreshMs = 5000;

type Loaded = { round: RoundInfo; scanTitle: string };

export function RoundRespondentsPage({ params }: { params: Record<string, string> }) {
  const roundId = params["roundId"]!;
  const user = useAdminUser();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<"not-found" | "failed" | null>(null);
  const [recipients, setRecipients] = useState<Recipients | null>(null);

  useEffect(() => {
    fetchRound(roundId)
      .then((found) => (found ? setLoaded(found) : setProblem("not-found")))
      .catch(() => setProblem("failed"));
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
      <>
        <PageHeader title="Respondenten" crumbs={[{ label: "Rondes", href: "/admin" }, { label: "Respondenten" }]} />
        <Notice kind="error">
          {problem === "not-found" ? "Deze ronde bestaat niet, of hoort niet bij jouw teams." : "De ronde kon niet worden geladen."}
        </Notice>
      </>
    );
  }
  if (!loaded) return <Loading />;

  const { round, scanTitle } = loaded;
  const isAdmin = user.role === "admin";
  const closed = round.state === "closed";
  return (
    <div className="invitations">
      <PageHeader
        crumbs={roundCrumbs(round, "respondents")}
        title="Respondenten en uitnodigingen"
        meta={
          <>
            {round.title} · {round.group} · {scanTitle} · {closed ? "gesloten" : "sluit"} {formatDateTime(round.closesAt)}
            {round.anonymous ? " · anoniem" : ""}
          </>
        }
      />
      <RoundNav roundId={round.id} current="respondents" />
      {round.anonymous ? (
        <Notice>
          Anonieme ronde: je ziet wie heeft ingevuld, nooit wat iemand heeft geantwoord. Persoonlijke links worden versleuteld bewaard
          tot de ronde sluit, zodat herinneringen dezelfde link kunnen bevatten; daarna worden ze gewist.
        </Notice>
      ) : null}

      {recipients ? <ResponseRateSummary rate={recipients.responseRate} /> : <Loading />}

      {recipients && !closed && user.role !== "viewer" ? (
        <SendButtons roundId={round.id} user={user} recipients={recipients} onSent={reload} />
      ) : null}

      {recipients ? (
        <RecipientList recipients={recipients.recipients} user={user} roundId={round.id} anonymous={round.anonymous} closed={closed} onRemoved={reload} />
      ) : null}

      {isAdmin && !closed ? <AddRespondents roundId={round.id} onAdded={reload} /> : null}

      <MailSettingsForm round={round} scanTitle={scanTitle} canEdit={isAdmin} sampleName={recipients?.recipients[0]?.name} />
    </div>
  );
}
