// The admin start page: the rounds, grouped per scan and group (a series when repeated), and the
// scans with their versions.
import { useEffect, useState } from "react";
import { AppLink, Button, ButtonLink } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { DataTable } from "../../../components/table.tsx";
import { canWrite, useAdminUser, type AdminUser } from "../../../lib/admin-session.ts";
import { formatDate } from "../../../lib/format-date.ts";
import { responseRate } from "../../../lib/format-number.ts";
import { roundStateNames } from "../../../lib/labels.ts";
import { navigate } from "../../../lib/navigate.ts";
import { createSeries, fetchRounds, fetchScans, type RoundSummary, type ScanSummary } from "../api.ts";

interface Group {
  key: string;
  scanId: string;
  group: string;
  rounds: RoundSummary[];
}

/** Rounds of the same scan and group form a series: the reports compare them over time. */
function groups(rounds: RoundSummary[]): Group[] {
  const byGroup = new Map<string, Group>();
  for (const r of rounds) {
    const key = `${r.scanId}\u0000${r.group}`;
    const entry = byGroup.get(key) ?? { key, scanId: r.scanId, group: r.group, rounds: [] };
    entry.rounds.push(r);
    byGroup.set(key, entry);
  }
  return [...byGroup.values()];
}

const stateBadge: Record<RoundSummary["state"], string> = { open: "badge badge--ok", closed: "badge", "not-yet-open": "badge badge--warning" };

export function OverviewPage() {
  const user = useAdminUser();
  const [scans, setScans] = useState<ScanSummary[] | null>(null);
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [archived, setArchived] = useState(false);

  useEffect(() => {
    setRounds(null);
    Promise.all([fetchScans(), fetchRounds(archived ? "yes" : "no")])
      .then(([s, r]) => {
        setScans(s);
        setRounds(r);
      })
      .catch(() => setError("Het overzicht kon niet worden geladen."));
  }, [archived]);

  // "Nieuwe ronde" is in the menu.
  const header = (
    <PageHeader
      title={archived ? "Gearchiveerde rondes" : "Rondes"}
      actions={
        <Button variant="link" onClick={() => setArchived(!archived)}>
          {archived ? "Terug naar de rondes in gebruik" : "Gearchiveerde rondes tonen"}
        </Button>
      }
    />
  );
  if (error) {
    return (
      <>
        {header}
        <Notice kind="error">{error}</Notice>
      </>
    );
  }
  if (!scans || !rounds) {
    return (
      <>
        {header}
        <Loading />
      </>
    );
  }
  const scanTitle = (id: string) => scans.find((s) => s.id === id)?.title ?? id;

  return (
    <>
      {header}
      {rounds.length === 0 ? (
        <p>
          {archived ? "Er zijn geen gearchiveerde rondes" : "Er zijn nog geen rondes"}
          {user.role === "teamleader" ? " voor jouw teams" : ""}.
        </p>
      ) : null}
      {groups(rounds).map((g) => (
        <Card
          key={g.key}
          title={`${scanTitle(g.scanId)} · ${g.group}`}
          actions={<SeriesLinks rounds={g.rounds} user={user} />}
          className="round-group"
        >
          <DataTable label={`Rondes van ${scanTitle(g.scanId)}, ${g.group}`}>
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
              {g.rounds.map((r) => (
                <tr key={r.id} data-round-id={r.id}>
                  <th scope="row">
                    <AppLink href={`/admin/rounds/${r.id}/manage`}>{r.title}</AppLink>
                  </th>
                  <td>v{r.version}</td>
                  <td>
                    <span className="nowrap">{formatDate(r.opensAt)} –</span> <span className="nowrap">{formatDate(r.closesAt)}</span>
                  </td>
                  <td>
                    <span className={stateBadge[r.state]}>{roundStateNames[r.state]}</span>
                    {r.anonymous ? <span className="muted"> · anoniem</span> : null}
                  </td>
                  <td className="nowrap">{responseRate(r.counts.submitted, r.counts.respondents)}</td>
                  <td className="actions-cell">
                    <AppLink href={`/admin/rounds/${r.id}/respondents`}>Respondenten</AppLink>
                    <AppLink href={`/admin/reports/${r.id}`}>Rapport</AppLink>
                    <AppLink href={`/admin/reports/${r.id}/series`}>Verloop</AppLink>
                    <a href={`/api/admin/reports/rounds/${r.id}/export.xlsx`} download>
                      Excel
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </Card>
      ))}

      <Card title="Scans">
        <DataTable label="Scans">
          <thead>
            <tr>
              <th scope="col">Scan</th>
              <th scope="col">Versies</th>
              <th scope="col">Laatste versie</th>
              {user.role !== "viewer" ? <th scope="col">Bewerken</th> : null}
            </tr>
          </thead>
          <tbody>
            {scans.map((s) => {
              const latest = s.versions[s.versions.length - 1];
              return (
                <tr key={s.id}>
                  <th scope="row">
                    <AppLink href={`/admin/scans/${encodeURIComponent(s.id)}`}>{s.title}</AppLink> <span className="muted">({s.id})</span>
                  </th>
                  <td>{s.versions.length}</td>
                  <td className="nowrap">{latest ? `v${latest.version}, ${formatDate(latest.createdAt)}` : "—"}</td>
                  {user.role !== "viewer" ? (
                    <td>
                      <AppLink href={`/admin/editor/${encodeURIComponent(s.id)}`}>Openen in editor</AppLink>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      </Card>
    </>
  );
}

/** The group's series pages, or (for rounds not yet in one) starting a series from the latest round. */
function SeriesLinks({ rounds, user }: { rounds: RoundSummary[]; user: AdminUser }) {
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = [...new Set(rounds.flatMap((r) => (r.seriesId ? [r.seriesId] : [])))];
  const latest = rounds.find((r) => !r.seriesId);
  const start = () => {
    setFailed(false);
    setBusy(true);
    createSeries({ roundId: latest!.id, title: latest!.title })
      .then(({ id }) => navigate(`/admin/series/${id}`))
      .catch(() => {
        setFailed(true);
        setBusy(false);
      });
  };
  return (
    <>
      {ids.map((id) => (
        <ButtonLink key={id} href={`/admin/series/${id}`} small>
          Reeks en volgende ronde
        </ButtonLink>
      ))}
      {ids.length === 0 && latest && canWrite(user) ? (
        <Button variant="secondary" small busy={busy} onClick={start}>
          Herhalen als reeks
        </Button>
      ) : null}
      {failed ? <Notice kind="error">De reeks kon niet worden gemaakt.</Notice> : null}
    </>
  );
}
