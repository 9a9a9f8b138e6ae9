import { useEffect, useState } from "react";
import { formatDate } from "../../../lib/format-date.ts";
import { responseRate } from "../../../lib/format-number.ts";
import { followLink, navigate } from "../../../lib/navigate.ts";
import { createSeries, fetchRounds, fetchScans, type RoundSummary, type ScanSummary, type User } from "../api.ts";

const stateNames = { open: "loopt", closed: "gesloten", "not-yet-open": "nog niet open" } as const;

/** Rounds of the same scan and group form a series: the reports compare them over time. */
function series(rounds: RoundSummary[]): { key: string; scanId: string; group: string; rounds: RoundSummary[] }[] {
  const bySeries = new Map<string, { key: string; scanId: string; group: string; rounds: RoundSummary[] }>();
  for (const r of rounds) {
    const key = `${r.scanId}\u0000${r.group}`;
    const entry = bySeries.get(key) ?? { key, scanId: r.scanId, group: r.group, rounds: [] };
    entry.rounds.push(r);
    bySeries.set(key, entry);
  }
  return [...bySeries.values()];
}

export function Overview({ user }: { user: User }) {
  const [scans, setScans] = useState<ScanSummary[] | null>(null);
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([fetchScans(), fetchRounds()])
      .then(([s, r]) => {
        setScans(s);
        setRounds(r);
      })
      .catch(() => setError("Het overzicht kon niet worden geladen."));
  }, []);

  if (error) return <p className="admin-error" role="alert">{error}</p>;
  if (!scans || !rounds) return <p className="page-loading">Laden…</p>;

  return (
    <>
      <section aria-labelledby="rounds-title">
        <h1 id="rounds-title">Rondes</h1>
        {rounds.length === 0 ? <p>Er zijn nog geen rondes{user.role === "teamleader" ? " voor jouw teams" : ""}.</p> : null}
        {series(rounds).map((s) => (
          <div key={s.key} className="series">
            <h2>
              {s.scanId} · {s.group}
            </h2>
            <SeriesLinks rounds={s.rounds} user={user} />
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">Ronde</th>
                  <th scope="col">Versie</th>
                  <th scope="col">Periode</th>
                  <th scope="col">Status</th>
                  <th scope="col">Respons</th>
                  <th scope="col">Respondenten, rapport en export</th>
                </tr>
              </thead>
              <tbody>
                {s.rounds.map((r) => (
                  <tr key={r.id} data-round-id={r.id}>
                    <td>{r.title}</td>
                    <td>v{r.version}</td>
                    <td>
                      {formatDate(r.opensAt)} – {formatDate(r.closesAt)}
                    </td>
                    <td>
                      <span className={`state state-${r.state}`}>{stateNames[r.state]}</span>
                      {r.anonymous ? " · anoniem" : ""}
                    </td>
                    <td>{responseRate(r.counts.submitted, r.counts.respondents)}</td>
                    <td className="links">
                      <a href={`/admin/rounds/${r.id}/respondents`} onClick={followLink}>
                        Respondenten
                      </a>
                      <a href={`/admin/reports/${r.id}`} onClick={followLink}>
                        Rapport
                      </a>
                      <a href={`/admin/reports/${r.id}/series`} onClick={followLink}>
                        Verloop
                      </a>
                      <a href={`/api/admin/reports/rounds/${r.id}/export.csv`} download>
                        CSV
                      </a>
                      <a href={`/api/admin/reports/rounds/${r.id}/export.xlsx`} download>
                        Excel
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      <section aria-labelledby="scans-title">
        <h1 id="scans-title">Scans</h1>
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Scan</th>
              <th scope="col">Versies</th>
              <th scope="col">Laatste versie</th>
              {user.role === "admin" ? <th scope="col">Bewerken</th> : null}
            </tr>
          </thead>
          <tbody>
            {scans.map((s) => {
              const latest = s.versions[s.versions.length - 1];
              return (
                <tr key={s.id}>
                  <td>
                    {s.title} <code>{s.id}</code>
                  </td>
                  <td>{s.versions.length}</td>
                  <td>{latest ? `v${latest.version}, ${formatDate(latest.createdAt)}` : "—"}</td>
                  {user.role === "admin" ? (
                    <td>
                      <a href={`/admin/editor/${encodeURIComponent(s.id)}`} onClick={followLink}>
                        Openen in editor
                      </a>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** The group's series pages, or (for rounds not yet in one) starting a series from the latest round. */
function SeriesLinks({ rounds, user }: { rounds: RoundSummary[]; user: User }) {
  const [failed, setFailed] = useState(false);
  const ids = [...new Set(rounds.flatMap((r) => (r.seriesId ? [r.seriesId] : [])))];
  const latest = rounds.find((r) => !r.seriesId);
  const start = () => {
    setFailed(false);
    createSeries({ roundId: latest!.id, title: latest!.title })
      .then(({ id }) => navigate(`/admin/series/${id}`))
      .catch(() => setFailed(true));
  };
  return (
    <p className="series-links">
      {ids.map((id) => (
        <a key={id} href={`/admin/series/${id}`}>
          Reeks en volgende ronde
        </a>
      ))}
      {ids.length === 0 && latest && user.role !== "viewer" ? (
        <button type="button" className="link-button" onClick={start}>
          Herhalen als reeks (in het ritme van de scan)
        </button>
      ) : null}
      {failed ? <span role="alert"> De reeks kon niet worden gemaakt.</span> : null}
    </p>
  );
}
