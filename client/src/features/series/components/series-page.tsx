// A series of repeated rounds: its rounds with dates and response rates, the cadence and when the
// next round is due, and opening that round with one action (the respondents carry over). When
// the scan version changed between rounds, which items still compare and which do not.
import { useCallback, useEffect, useState } from "react";
import { canWrite, fetchAdminUser, type AdminUser } from "../../../lib/admin-session.ts";
import { formatDate } from "../../../lib/format-date.ts";
import { responseRate } from "../../../lib/format-number.ts";
import { ApiError } from "../../../lib/http.ts";
import { fetchSeries, openNextRound, type SeriesDetail } from "../api.ts";
import "../series.css";

const stateNames = { open: "loopt", closed: "gesloten", "not-yet-open": "nog niet open" } as const;

type Load = { state: "loading" } | { state: "login" } | { state: "failed"; notFound: boolean } | { state: "done"; user: AdminUser; detail: SeriesDetail };

export function SeriesPage({ params }: { params: Record<string, string> }) {
  const id = params["seriesId"]!;
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const reload = useCallback(async () => {
    try {
      const user = await fetchAdminUser();
      if (!user) return setLoad({ state: "login" });
      setLoad({ state: "done", user, detail: await fetchSeries(id) });
    } catch (error) {
      setLoad({ state: "failed", notFound: error instanceof ApiError && error.status === 404 });
    }
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (load.state === "loading") {
    return (
      <p className="page-loading" role="status">
        Reeks laden…
      </p>
    );
  }
  if (load.state === "login") {
    return (
      <main className="page series-page">
        <p className="notice">Je moet ingelogd zijn om deze reeks te zien.</p>
        <a className="button" href="/admin">
          Naar inloggen
        </a>
      </main>
    );
  }
  if (load.state === "failed") {
    return (
      <main className="page series-page">
        <p className="notice" role="alert">
          {load.notFound ? "Deze reeks bestaat niet." : "De reeks kon niet worden geladen."}
        </p>
      </main>
    );
  }
  return <Series detail={load.detail} user={load.user} onChange={reload} />;
}

function Series({ detail, user, onChange }: { detail: SeriesDetail; user: AdminUser; onChange: () => Promise<void> }) {
  const { series, rounds } = detail;
  const [busy, setBusy] = useState(false);
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
    }
  };

  const last = rounds[rounds.length - 1];
  // Early is allowed, but not while the last round still runs and is not due: one click would
  // otherwise open a second round right after the first.
  const offerNext = canWrite(user) && series.canOpenNext && (series.due || last?.state === "closed");
  return (
    <main className="page series-page">
      <header className="series-header">
        <p className="brand">
          <a href="/admin">Peilstok beheer</a> · reeks
        </p>
        <h1>{series.title}</h1>
        <p className="series-meta">
          Scan <code>{series.scanId}</code> · groep {series.group} · elke {series.cadenceMinDays}–{series.cadenceMaxDays} dagen een
          ronde, die {series.roundDays} dagen open staat{series.autoOpen ? " · opent vanzelf" : ""}
        </p>
      </header>

      <section className="series-next" aria-labelledby="next-title">
        <h2 id="next-title">Volgende ronde</h2>
        {series.nextDueAt ? (
          <p className={series.due ? "series-due" : undefined}>
            {series.due ? "Nu aan de beurt" : "Aan de beurt vanaf"} {series.due ? "(sinds " : ""}
            {formatDate(series.nextDueAt)}
            {series.due ? ")" : ""}, uiterlijk {formatDate(series.latestDueAt!)}.
          </p>
        ) : null}
        {!series.canOpenNext ? <p>De laatste ronde is gepland maar nog niet geopend.</p> : null}
        {offerNext ? (
          <button type="button" className="button" onClick={openNext} disabled={busy}>
            {busy ? "Bezig…" : "Volgende ronde openen"}
          </button>
        ) : null}
        {offerNext && last ? (
          <p className="series-hint">
            Opent nu een nieuwe ronde met de laatste scanversie; de respondenten van “{last.title}” krijgen een nieuwe uitnodiging.
          </p>
        ) : null}
        {opened ? (
          <p className="notice" role="status">
            Nieuwe ronde geopend: {opened.respondents} {opened.respondents === 1 ? "respondent" : "respondenten"} uitgenodigd.{" "}
            <a href={`/admin/reports/${opened.roundId}`}>Naar het rapport</a>
          </p>
        ) : null}
        {error ? (
          <p className="notice" role="alert">
            {error}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="rounds-title">
        <h2 id="rounds-title">Rondes</h2>
        <table className="series-table">
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
                  {formatDate(r.opensAt)} – {formatDate(r.closesAt)}
                </td>
                <td>{stateNames[r.state]}</td>
                <td>{responseRate(r.submitted, r.respondents)}</td>
                <td>
                  <a href={`/admin/reports/${r.id}`}>Rapport</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {rounds.some((r) => r.sincePrevious) ? (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">Veranderde scanversies</h2>
          {rounds
            .filter((r) => r.sincePrevious)
            .map((r) => (
              <Comparability key={r.id} title={r.title} change={r.sincePrevious!} />
            ))}
        </section>
      ) : null}
    </main>
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
