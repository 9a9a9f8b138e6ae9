// A series of repeated rounds: its rounds with dates and response rates, the cadence and when the
// next round is due, and opening that round with one action (the respondents carry over, after a
// confirmation that says how many get an invitation). When the scan version changed between
// rounds, which items still compare and which do not.
import { useCallback, useEffect, useState } from "react";
import { AppLink, Button } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { DataTable } from "../../../components/table.tsx";
import { canWrite, useAdminUser, type AdminUser } from "../../../lib/admin-session.ts";
import { formatDate } from "../../../lib/format-date.ts";
import { responseRate } from "../../../lib/format-number.ts";
import { ApiError } from "../../../lib/http.ts";
import { count, roundStateNames } from "../../../lib/labels.ts";
import { fetchSeries, openNextRound, type SeriesDetail } from "../api.ts";
import "../series.css";

type Load = { state: "loading" } | { state: "failed"; notFound: boolean } | { state: "done"; detail: SeriesDetail };

export function SeriesPage({ params }: { params: Record<string, string> }) {
  const id = params["seriesId"]!;
  const user = useAdminUser();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const reload = useCallback(async () => {
    try {
      setLoad({ state: "done", detail: await fetchSeries(id) });
    } catch (error) {
      setLoad({ state: "failed", notFound: error instanceof ApiError && error.status === 404 });
    }
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (load.state === "loading") return <Loading>Reeks laden…</Loading>;
  if (load.state === "failed") {
    return (
      <>
        <PageHeader title="Reeks" crumbs={[{ label: "Rondes", href: "/admin" }, { label: "Reeks" }]} />
        <Notice kind="error">{load.notFound ? "Deze reeks bestaat niet." : "De reeks kon niet worden geladen."}</Notice>
      </>
    );
  }
  return <Series detail={load.detail} user={user} onChange={reload} />;
}

function Series({ detail, user, onChange }: { detail: SeriesDetail; user: AdminUser; onChange: () => Promise<void> }) {
  const { series, rounds } = detail;
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [opened, setOpened] = useState<{ roundId: string; respondents: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const openNext = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await openNextRound(series.id);
      setOpened(result);
      await onChange();
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === "next-round-exists"
          ? "De volgende ronde is al gepland."
          : "De volgende ronde kon niet worden geopend. Probeer het opnieuw.",
      );
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const last = rounds[rounds.length - 1];
  // Early is allowed, but not while the last round still runs and is not due: one click would
  // otherwise open a second round right after the first.
  const offerNext = canWrite(user) && series.canOpenNext && (series.due || last?.state === "closed");
  const invitations = last?.respondents ?? 0;
  return (
    <div className="series-page">
      <PageHeader
        crumbs={[{ label: "Rondes", href: "/admin" }, { label: `Reeks ${series.title}` }]}
        title={series.title}
        meta={
          <>
            {series.scanTitle} · groep {series.group} · elke {series.cadenceMinDays}–{series.cadenceMaxDays} dagen een ronde, die{" "}
            {series.roundDays} dagen open staat{series.autoOpen ? " · opent vanzelf" : ""}
          </>
        }
      />

      <Card title="Volgende ronde" className="series-next">
        {series.nextDueAt ? (
          <p className={series.due ? "series-due" : undefined}>
            {series.due ? `Nu aan de beurt (sinds ${formatDate(series.nextDueAt)})` : `Aan de beurt vanaf ${formatDate(series.nextDueAt)}`}, uiterlijk{" "}
            {formatDate(series.latestDueAt!)}.
          </p>
        ) : null}
        {!series.canOpenNext ? <p>De laatste ronde is gepland maar nog niet geopend.</p> : null}
        {offerNext && last ? (
          <>
            <p className="muted">
              Opent nu een nieuwe ronde met de laatste scanversie; de respondenten van “{last.title}” krijgen een nieuwe uitnodiging.
            </p>
            <Button onClick={() => setConfirming(true)} busy={busy} busyLabel="Bezig…" className="no-print">
              Volgende ronde openen
            </Button>
          </>
        ) : null}
        {opened ? (
          <Notice kind="success">
            Nieuwe ronde geopend: {opened.respondents} {opened.respondents === 1 ? "respondent" : "respondenten"} uitgenodigd.{" "}
            <AppLink href={`/admin/rounds/${opened.roundId}/respondents`}>Naar de ronde</AppLink>
          </Notice>
        ) : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
      </Card>
      {confirming && last ? (
        <ConfirmDialog
          title={
            invitations > 0
              ? `Volgende ronde openen en ${count(invitations, "uitnodiging", "uitnodigingen")} versturen?`
              : "Volgende ronde openen?"
          }
          confirmLabel={invitations > 0 ? `Openen en ${count(invitations, "uitnodiging", "uitnodigingen")} versturen` : "Openen"}
          busy={busy}
          onConfirm={() => void openNext()}
          onClose={() => setConfirming(false)}
        >
          <p>
            De nieuwe ronde staat {series.roundDays} dagen open.{" "}
            {invitations > 0
              ? `${invitations === 1 ? "De respondent" : `Alle ${invitations} respondenten`} van “${last.title}” ${invitations === 1 ? "krijgt" : "krijgen"} een mail met een nieuwe persoonlijke link. Een verstuurde mail kan niet worden teruggehaald.`
              : ""}
          </p>
        </ConfirmDialog>
      ) : null}

      <Card title="Rondes">
        <DataTable label="Rondes van deze reeks">
          <thead>
            <tr>
              <th scope="col">Ronde</th>
              <th scope="col">Versie</th>
              <th scope="col">Periode</th>
              <th scope="col">Status</th>
              <th scope="col">Respons</th>
              <th scope="col">Rapport</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.id} data-round-id={r.id}>
                <th scope="row">{r.title}</th>
                <td>v{r.version}</td>
                <td>
                  <span className="nowrap">{formatDate(r.opensAt)} –</span> <span className="nowrap">{formatDate(r.closesAt)}</span>
                </td>
                <td>{roundStateNames[r.state]}</td>
                <td className="nowrap">{responseRate(r.submitted, r.respondents)}</td>
                <td>
                  <AppLink href={`/admin/reports/${r.id}`}>Rapport</AppLink>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </Card>

      {rounds.some((r) => r.sincePrevious) ? (
        <Card title="Veranderde scanversies">
          {rounds
            .filter((r) => r.sincePrevious)
            .map((r) => (
              <Comparability key={r.id} title={r.title} change={r.sincePrevious!} />
            ))}
        </Card>
      ) : null}
    </div>
  );
}

function Comparability({ title, change }: { title: string; change: NonNullable<SeriesDetail["rounds"][number]["sincePrevious"]> }) {
  const comparable = change.items.filter((i) => i.comparable);
  const not = change.items.filter((i) => !i.comparable);
  return (
    <div className="comparability">
      <h3>
        {title}: scanversie v{change.fromVersion} → v{change.toVersion}
      </h3>
      {not.length === 0 ? (
        <p>Alle vragen zijn te vergelijken met de vorige ronde.</p>
      ) : (
        <>
          <p>Niet te vergelijken met de vorige ronde:</p>
          <ul className="not-comparable">
            {not.map((i) => (
              <li key={i.item}>
                {i.title} — {"reason" in i ? i.reason : ""}
              </li>
            ))}
          </ul>
        </>
      )}
      {comparable.length > 0 ? (
        <p className="comparable">
          Wel te vergelijken: {comparable.map((i) => (i.change === "wording" ? `${i.title} (andere formulering)` : i.title)).join(", ")}.
        </p>
      ) : null}
    </div>
  );
}
