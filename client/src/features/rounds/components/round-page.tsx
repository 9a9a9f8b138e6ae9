// One round and what can happen to it: close it now, extend or move its dates, reopen it, archive
// or delete it. Every step that cannot be undone asks first and says what it does. Loaded lazily
// (app/routes.ts): respondents never download this code.
import { useEffect, useState, type FormEvent } from "react";
import { AppLink, Button, ButtonRow } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { CheckboxField, DateTimeField, TextField } from "../../../components/field.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { RoundNav, roundCrumbs } from "../../../components/round-nav.tsx";
import { canWrite, useAdminUser } from "../../../lib/admin-session.ts";
import { formatDateTime, fromZonedInput, toZonedInput } from "../../../lib/format-date.ts";
import { ApiError } from "../../../lib/http.ts";
import { count, roundStateNames } from "../../../lib/labels.ts";
import { navigate } from "../../../lib/navigate.ts";
import { archiveRound, changeRound, closeRound, deleteRound, fetchRoundDetail, reopenRound, type RoundDetail } from "../api.ts";
import { OpenLinkCard } from "./open-link-card.tsx";
import "../rounds.css";

const dayMs = 86_400_000;
const stateBadge: Record<RoundDetail["state"], string> = { open: "badge badge--ok", closed: "badge", "not-yet-open": "badge badge--warning" };

/** A Dutch sentence for what the server refused. */
function problem(error: unknown): string {
  if (!(error instanceof ApiError)) return "Dat is niet gelukt: de server is niet bereikbaar. Probeer het opnieuw.";
  const field = error.issues[0]?.field;
  switch (error.code) {
    case "round-closed":
      return "De ronde is al gesloten. Heropen hem om weer antwoorden te ontvangen.";
    case "round-not-open":
      return "De ronde is nog niet open: wijzig de data of verwijder de ronde.";
    case "round-not-closed":
      return "Dat kan alleen bij een gesloten ronde.";
    case "round-archived":
      return "De ronde is gearchiveerd: haal hem eerst uit het archief.";
    case "reopened-before":
      return "Een ronde kan één keer heropend worden, en deze is al eens heropend.";
    case "reopen-too-late":
      return "Deze ronde is te lang geleden gesloten om te heropenen.";
    case "next-round-exists":
      return "De volgende ronde van de reeks is al geopend.";
    case "invalid-body":
      return field === "closesAt"
        ? "Deze sluitdatum kan niet: hij moet na de opening en in de toekomst liggen (bij heropenen: hooguit 14 dagen vooruit)."
        : field === "opensAt"
          ? "De opening kan niet later: er zijn al antwoorden binnen."
          : "Controleer de ingevulde gegevens.";
    case "forbidden":
      return "Je rol staat dit niet toe.";
    case "not-found":
      return "Deze ronde bestaat niet (meer).";
    default:
      return "Dat is niet gelukt. Probeer het opnieuw.";
  }
}

export function RoundPage({ params }: { params: Record<string, string> }) {
  const id = params["roundId"]!;
  const [round, setRound] = useState<RoundDetail | null>(null);
  const [failure, setFailure] = useState<"not-found" | "failed" | null>(null);
  useEffect(() => {
    setRound(null);
    fetchRoundDetail(id)
      .then(setRound)
      .catch((e: unknown) => setFailure(e instanceof ApiError && e.status === 404 ? "not-found" : "failed"));
  }, [id]);

  if (failure) {
    return (
      <>
        <PageHeader title="Ronde" crumbs={[{ label: "Rondes", href: "/admin" }, { label: "Ronde" }]} />
        <Notice kind="error">
          {failure === "not-found" ? "Deze ronde bestaat niet (meer), of hoort niet bij jouw teams." : "De ronde kon niet worden geladen."}
        </Notice>
      </>
    );
  }
  if (!round) return <Loading />;
  return <Round round={round} onChange={setRound} />;
}

function Round({ round, onChange }: { round: RoundDetail; onChange: (round: RoundDetail) => void }) {
  const user = useAdminUser();
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"close" | "delete" | null>(null);
  const writable = canWrite(user);
  const done = (message: string) => (next: RoundDetail) => {
    onChange(next);
    setNotice(message);
  };
  const c = round.counts;

  return (
    <div className="round-page">
      <PageHeader
        crumbs={roundCrumbs(round, "manage")}
        title={round.title}
        meta={
          <>
            <span className={stateBadge[round.state]}>{roundStateNames[round.state]}</span>
            {round.archivedAt ? <span className="badge">gearchiveerd</span> : null}
            {round.anonymous ? <span className="muted"> · anoniem</span> : null}
            {" · "}
            {round.group} · <AppLink href={`/admin/scans/${encodeURIComponent(round.scanId)}`}>{round.scanTitle}</AppLink> (versie{" "}
            {round.version})
          </>
        }
      />
      <RoundNav roundId={round.id} current="manage" />
      {notice ? (
        <Notice kind="success" live="status">
          {notice}
        </Notice>
      ) : null}

      <Card title="Planning">
        <dl className="round-dates">
          <dt>Opent</dt>
          <dd>{formatDateTime(round.opensAt)}</dd>
          <dt>{round.state === "closed" ? "Gesloten" : "Sluit"}</dt>
          <dd>
            {formatDateTime(round.closesAt)}
            {round.closedEarlyAt ? " (vervroegd gesloten)" : ""}
          </dd>
          {round.reopenedAt ? (
            <>
              <dt>Heropend</dt>
              <dd>{formatDateTime(round.reopenedAt)}</dd>
            </>
          ) : null}
          <dt>Respons</dt>
          <dd>
            {c.submitted} ingevuld{c.respondents ? ` van ${c.respondents} uitgenodigd` : ""}
            {c.drafts ? `, ${c.drafts} half ingevuld` : ""}
          </dd>
        </dl>
      </Card>

      {round.hasOpenLink ? <OpenLinkCard roundId={round.id} canChange={user.role === "admin"} /> : null}

      {!writable ? (
        <Notice>Je kunt deze ronde bekijken, maar niet wijzigen.</Notice>
      ) : (
        <>
          {round.state === "open" ? (
            <Card title="Nu sluiten">
              <p>Heeft iedereen ingevuld, of is het genoeg geweest? Sluit de ronde nu; de uitkomsten verschijnen meteen.</p>
              <Button onClick={() => setDialog("close")}>Ronde nu sluiten…</Button>
            </Card>
          ) : null}

          {round.state !== "closed" ? <DatesForm round={round} onSaved={done("De wijziging is opgeslagen.")} /> : null}

          {round.state === "closed" ? <ReopenForm round={round} onReopened={done("De ronde is heropend.")} /> : null}

          {round.state === "closed" ? (
            <Card title={round.archivedAt ? "Uit het archief halen" : "Archiveren"}>
              <p>
                {round.archivedAt
                  ? "De ronde staat in het archief: niet in het overzicht, maar het rapport en de export blijven beschikbaar."
                  : "Een gearchiveerde ronde staat niet meer in het overzicht. Het rapport, de export en de reeks blijven beschikbaar."}
              </p>
              <ActionButton
                label={round.archivedAt ? "Uit het archief halen" : "Archiveren"}
                run={() => archiveRound(round.id, !round.archivedAt)}
                onDone={done(round.archivedAt ? "De ronde staat weer in het overzicht." : "De ronde is gearchiveerd.")}
              />
            </Card>
          ) : null}

          <Card title="Verwijderen">
            <p>Verwijdert de ronde met alles wat erbij hoort. Dit kan niet ongedaan worden gemaakt.</p>
            <Button variant="danger" onClick={() => setDialog("delete")}>
              Ronde verwijderen…
            </Button>
          </Card>
        </>
      )}

      {dialog === "close" ? (
        <CloseDialog round={round} onClose={() => setDialog(null)} onClosed={done("De ronde is gesloten. De uitkomsten staan in het rapport.")} />
      ) : null}
      {dialog === "delete" ? <DeleteDialog round={round} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

function ActionButton({ label, run, onDone }: { label: string; run: () => Promise<RoundDetail>; onDone: (round: RoundDetail) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        variant="secondary"
        busy={busy}
        busyLabel="Bezig…"
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            onDone(await run());
          } catch (e) {
            setError(problem(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {label}
      </Button>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </>
  );
}

/** Title and dates: extend or shorten an open round, move a planned one. */
function DatesForm({ round, onSaved }: { round: RoundDetail; onSaved: (round: RoundDetail) => void }) {
  const [title, setTitle] = useState(round.title);
  const [opensAt, setOpensAt] = useState(toZonedInput(new Date(round.opensAt)));
  const [closesAt, setClosesAt] = useState(toZonedInput(new Date(round.closesAt)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const planned = round.state === "not-yet-open";

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const change: { title?: string; opensAt?: string; closesAt?: string } = {};
    if (title.trim() !== round.title) change.title = title.trim();
    const opens = fromZonedInput(opensAt);
    const closes = fromZonedInput(closesAt);
    if (!opens || !closes) return setError("Vul een geldige datum en tijd in.");
    if (planned && opens !== round.opensAt) change.opensAt = opens;
    if (closes !== round.closesAt) change.closesAt = closes;
    if (Object.keys(change).length === 0) return setError("Er is niets veranderd.");
    setBusy(true);
    try {
      onSaved(await changeRound(round.id, change));
    } catch (e) {
      setError(problem(e));
    } finally {
      setBusy(false);
    }
  }

  const extend = (days: number) =>
    setClosesAt(toZonedInput(new Date(Math.max(Date.parse(fromZonedInput(closesAt) ?? round.closesAt), Date.now()) + days * dayMs)));

  return (
    <Card title={planned ? "Naam en data" : "Verlengen of de sluitdatum verzetten"}>
      <form className="form round-form" onSubmit={save}>
        <TextField label="Naam van de ronde" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        {planned ? <DateTimeField label="Opent op" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} required /> : null}
        <DateTimeField label="Sluit op" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} required />
        {!planned ? (
          <p className="quick-extend">
            Snel verlengen:{" "}
            <Button variant="link" onClick={() => extend(7)}>
              1 week later
            </Button>{" "}
            <Button variant="link" onClick={() => extend(14)}>
              2 weken later
            </Button>
          </p>
        ) : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
        <ButtonRow>
          <Button type="submit" busy={busy} busyLabel="Opslaan…">
            Opslaan
          </Button>
        </ButtonRow>
      </form>
    </Card>
  );
}

function ReopenForm({ round, onReopened }: { round: RoundDetail; onReopened: (round: RoundDetail) => void }) {
  const [closesAt, setClosesAt] = useState(toZonedInput(new Date(Date.now() + 7 * dayMs)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!round.reopenableUntil) {
    return (
      <Card title="Heropenen">
        <p>{round.reopenBlocked ?? "Deze ronde kan niet meer heropend worden."}</p>
      </Card>
    );
  }
  async function reopen(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const closes = fromZonedInput(closesAt);
    if (!closes) return setError("Vul een geldige datum en tijd in.");
    setBusy(true);
    try {
      onReopened(await reopenRound(round.id, closes));
    } catch (e) {
      setError(problem(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="Heropenen">
      <p>
        Kan één keer, tot {formatDateTime(round.reopenableUntil)}, voor hooguit 14 dagen. Wat dat betekent:
      </p>
      <ul>
        <li>De uitkomsten verdwijnen uit het rapport tot de ronde weer sluit.</li>
        <li>
          Komen er daarna maar een paar antwoorden bij of veranderen er maar een paar (minder dan de minimale groepsgrootte), dan blijven
          de uitkomsten verborgen: naast het eerdere rapport zouden die antwoorden te herleiden zijn.
        </li>
        <li>De persoonlijke links zijn bij het sluiten gewist: wie zijn link nog heeft, kan hem gebruiken, maar herinneringen kunnen hem niet meer bevatten.</li>
      </ul>
      <form className="form round-form" onSubmit={reopen}>
        <DateTimeField label="Sluit weer op" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} required />
        {error ? <Notice kind="error">{error}</Notice> : null}
        <ButtonRow>
          <Button type="submit" busy={busy} busyLabel="Bezig…">
            Heropenen
          </Button>
        </ButtonRow>
      </form>
    </Card>
  );
}

function CloseDialog({ round, onClose, onClosed }: { round: RoundDetail; onClose: () => void; onClosed: (round: RoundDetail) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      title="Ronde nu sluiten?"
      confirmLabel="Nu sluiten"
      busy={busy}
      error={error}
      onClose={onClose}
      onConfirm={async () => {
        setBusy(true);
        setError(null);
        try {
          onClosed((await closeRound(round.id)).round);
          onClose();
        } catch (e) {
          setError(problem(e));
          setBusy(false);
        }
      }}
    >
      <p>Als je de ronde nu sluit:</p>
      <ul>
        <li>kan niemand meer antwoorden insturen of wijzigen;</li>
        <li>openen de links nog wel, maar alleen om de eigen antwoorden te lezen;</li>
        <li>verschijnen de uitkomsten meteen in het rapport (voor groepen die groot genoeg zijn);</li>
        <li>
          worden de bewaarde persoonlijke links gewist{round.counts.keptLinks ? ` (${round.counts.keptLinks})` : ""}: er gaan geen
          herinneringen meer uit.
        </li>
      </ul>
      <p>Heropenen kan daarna één keer, binnen 14 dagen.</p>
    </ConfirmDialog>
  );
}

function DeleteDialog({ round, onClose }: { round: RoundDetail; onClose: () => void }) {
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const c = round.counts;
  return (
    <ConfirmDialog
      title={`“${round.title}” verwijderen?`}
      confirmLabel="Definitief verwijderen"
      danger
      busy={busy}
      error={error}
      onClose={onClose}
      onConfirm={async () => {
        if (!sure) return setError("Vink eerst aan dat je de ronde met alles erin wilt verwijderen.");
        setBusy(true);
        setError(null);
        try {
          await deleteRound(round.id);
          navigate("/admin");
        } catch (e) {
          setError(problem(e));
          setBusy(false);
        }
      }}
    >
      <p>Dit wordt in één keer verwijderd:</p>
      <ul>
        <li>de ronde zelf, met de naam, de data en de mailteksten;</li>
        <li>
          {count(c.submitted, "ingevulde scan", "ingevulde scans")} met alle antwoorden
          {c.drafts ? `, en ${count(c.drafts, "half ingevulde", "half ingevulde")}` : ""};
        </li>
        <li>{count(c.respondents, "respondent", "respondenten")} met namen, e-mailadressen en links (die werken daarna niet meer);</li>
        <li>{count(c.mails, "mail", "mails")}: uitnodigingen en herinneringen, ook die nog klaarstaan;</li>
        <li>{count(c.actions, "actie", "acties")} uit het actieplan;</li>
        <li>het rapport en de export van deze ronde{round.seriesId ? "; is dit de enige ronde van de reeks, dan ook de reeks" : ""}.</li>
      </ul>
      <p>Dit kan niet ongedaan worden gemaakt. Wil je de uitkomsten bewaren, archiveer de ronde dan.</p>
      <CheckboxField label="Ja, verwijder deze ronde met alles erin" checked={sure} onChange={(e) => setSure(e.target.checked)} />
    </ConfirmDialog>
  );
}
