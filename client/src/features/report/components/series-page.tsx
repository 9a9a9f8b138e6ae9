// Each element's score over the rounds of a series; for current/desired scans the theme means.
import { Line } from "react-chartjs-2";
import type { ChartData, ChartOptions } from "chart.js";
import "../../../lib/charts.ts";
// The same section, chart and table styles as the round report's results.
import "../../../components/results-view.css";
import "../report.css";
import { fetchSeriesReport, type SeriesReport } from "../api.ts";
import { nl } from "../../../lib/format-number.ts";
import { date } from "../format.ts";
import { Button } from "../../../components/button.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { RoundNav, roundCrumbs } from "../../../components/round-nav.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { useLoad } from "./use-load.ts";

const palette = ["#0b5cad", "#e07000", "#2e8b57", "#a61b1b", "#6a3d9a", "#8a5a00", "#1f9ea8", "#c2185b", "#555555", "#7cb342"];

interface Line_ {
  key: string;
  label: string;
  values: (number | null)[];
}

function linesOf(series: SeriesReport): Line_[] {
  const hasPairs = series.items.some((i) => i.side !== null);
  if (!hasPairs) {
    return series.items.map((i) => ({ key: i.key, label: i.title, values: series.rounds.map((r) => r.means[i.key] ?? null) }));
  }
  // Too many statements for one chart: the mean of each theme's current side per round.
  return series.model.themes.flatMap((t) => {
    const keys = series.items.filter((i) => i.theme === t.id && i.side === "current").map((i) => i.key);
    if (keys.length === 0) return [];
    const values = series.rounds.map((r) => {
      const xs = keys.map((k) => r.means[k]).filter((x): x is number => typeof x === "number");
      return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null;
    });
    return [{ key: t.id, label: `${t.title.nl} (huidig)`, values }];
  });
}

export function SeriesPage({ params }: { params: Record<string, string> }) {
  const roundId = params["roundId"]!;
  const [load, reload] = useLoad(`series:${roundId}`, () => fetchSeriesReport(roundId));
  if (load.state === "loading") return <Loading>Verloop laden…</Loading>;
  if (load.state === "failed") {
    return (
      <>
        <PageHeader title="Verloop" crumbs={[{ label: "Rondes", href: "/admin" }, { label: "Verloop" }]} />
        <Notice kind="error">Het verloop kon niet worden geladen.</Notice>
        <Button className="no-print" onClick={reload}>
          Opnieuw proberen
        </Button>
      </>
    );
  }
  return <Series series={load.value} roundId={roundId} />;
}

function Series({ series, roundId }: { series: SeriesReport; roundId: string }) {
  const lines = linesOf(series);
  const labels = series.rounds.map((r) => `${r.round.title} (${date(r.round.opensAt)})`);
  const max = Math.max(5, ...series.model.scales.map((s) => s.max));
  const data: ChartData<"line", (number | null)[], string> = {
    labels,
    datasets: lines.map((l, i) => ({
      label: l.label,
      data: l.values,
      borderColor: palette[i % palette.length],
      backgroundColor: palette[i % palette.length],
      borderWidth: 3,
      pointRadius: 5,
      spanGaps: true,
    })),
  };
  const options: ChartOptions<"line"> = {
    maintainAspectRatio: false,
    scales: { y: { min: 0, max, ticks: { stepSize: 1 } } },
    plugins: { legend: { position: "bottom" } },
  };
  const round = series.rounds.find((r) => r.round.id === roundId)?.round;
  return (
    <div className="report-page">
      <PageHeader
        crumbs={roundCrumbs({ id: roundId, title: round?.title ?? "Ronde" }, "series")}
        title={`Verloop: ${series.scan.title}`}
        meta={`${series.rounds.length} ${series.rounds.length === 1 ? "ronde" : "rondes"}, van oud naar nieuw`}
        actions={<Button onClick={() => window.print()}>Afdrukken / PDF</Button>}
      />
      <RoundNav roundId={roundId} current="series" />
      <section className="report-section">
        <h2>Score per ronde</h2>
        <div className="chart chart-tall">
          <Line data={data} options={options} aria-label="Lijndiagram: score per ronde" role="img" />
        </div>
        <TableScroll label="Score per ronde">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{lines.length && series.items.some((i) => i.side) ? "Thema" : "Element"}</th>
              {series.rounds.map((r) => (
                <th scope="col" key={r.round.id}>
                  {r.round.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.key}>
                <th scope="row">{l.label}</th>
                {l.values.map((v, i) => {
                  const changed = i > 0 && v !== null && l.values[i - 1] !== null && v !== l.values[i - 1];
                  return (
                    <td key={i} className={changed ? "changed" : undefined}>
                      {nl(v, 2)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
        {series.rounds.some((r) => r.note) ? (
          <ul className="notes">
            {series.rounds
              .filter((r) => r.note)
              .map((r) => (
                <li key={r.round.id}>
                  {r.round.title}: {r.note}
                </li>
              ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
