// After submitting: the respondent's own answers and profile, beside the group's once enough
// others have answered. Loaded lazily, so the respondent form itself never loads chart code.
import "../../../lib/charts.ts";
import "../report.css";
import type { GapResult } from "../../../../../dsl/aggregators/gap.ts";
import type { AggregatorOutcome } from "../../../../../server/reports/round-report.ts";
import { LoadFailed, Message, PageLoading } from "../../../components/message.tsx";
import { ApiError } from "../../../lib/http.ts";
import { fetchOwnReport, type OwnReport } from "../api.ts";
import { nl } from "../../../lib/format-number.ts";
import { useLoad } from "./use-load.ts";
import { ResultsView } from "../../../components/results-view.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { ShareOwnResult } from "./share-own-result.tsx";
import type { ItemModel, ScoringModel } from "../../../../../dsl/model.ts";
import "../../../components/ui.css";

function gapOf(results: AggregatorOutcome[] | null): GapResult | undefined {
  const r = results?.find((o) => o.name === "gap");
  return r && "result" in r ? (r.result as GapResult) : undefined;
}

export function OwnReportPage({ params }: { params: Record<string, string> }) {
  const token = params["token"]!;
  const responseId = new URLSearchParams(window.location.search).get("response");
  const [load, reload] = useLoad(`own:${token}`, () => fetchOwnReport(token, responseId));
  if (load.state === "loading") return <PageLoading />;
  if (load.state === "failed") {
    const e = load.error;
    if (e instanceof ApiError && e.code === "not-submitted") {
      return <Message title="Nog niet verstuurd">Je ziet je eigen uitkomsten zodra je de scan hebt verstuurd.</Message>;
    }
    if (e instanceof ApiError && e.status === 404) {
      return <Message title="Niet gevonden">Deze link hoort niet bij een ingevulde scan.</Message>;
    }
    return <LoadFailed retry={reload}>Je uitkomsten konden niet worden geladen.</LoadFailed>;
  }
  return <OwnReportView report={load.value} token={token} responseId={responseId} />;
}

/** An answer in the words the respondent read: a scale word, an option's text, their own text. */
function inWords(model: ScoringModel, item: ItemModel, value: number | string): string {
  if (typeof value === "number") {
    const label = model.scales.find((s) => s.id === item.scale)?.labels.find((l) => l.value === value)?.text.nl;
    return label ? `${value} (${label})` : String(value);
  }
  return item.options?.find((o) => o.value === value)?.text.nl ?? ({ ja: "Ja", nee: "Nee", deels: "Deels" } as Record<string, string>)[value] ?? value;
}

function OwnReportView({ report, token, responseId }: { report: OwnReport; token: string; responseId: string | null }) {
  const ownGap = gapOf(report.own.results);
  const groupGap = gapOf(report.group.results);
  const titles = new Map(report.model.items.map((i) => [i.id, i.title.nl]));
  const byItem = new Map<string, { current?: string; desired?: string; value?: string }>();
  for (const a of report.own.answers) {
    const row = byItem.get(a.item) ?? {};
    const text = String(a.value);
    if (a.side === "current") row.current = text;
    else if (a.side === "desired") row.desired = text;
    else row.value = row.value ? `${row.value}, ${text}` : text;
    byItem.set(a.item, row);
  }
  const hasPairs = report.model.items.some((i) => i.kind === "pair");
  const answered = report.model.items.flatMap((item) => {
    const own = report.own.answers.filter((a) => a.item === item.id);
    if (own.length === 0) return [];
    const words = own.map((a) => (a.side === "current" ? "nu " : a.side === "desired" ? "gewenst " : "") + inWords(report.model, item, a.value));
    return [{ item: item.id, title: item.title.nl, answer: words.join(", ") }];
  });
  return (
    <main className="page report-page">
      <header className="report-header">
        <p className="brand">Peilstok · jouw uitkomsten</p>
        <h1>{report.scan.title}</h1>
        <p className="report-meta">
          {report.round.title} · {report.round.group}
        </p>
      </header>

      {ownGap && groupGap ? (
        <section className="report-section" aria-labelledby="compare-title">
          <h2 id="compare-title">Jouw kloof naast die van de groep</h2>
          <TableScroll label="Jouw kloof naast die van de groep">
<table className="data">
            <thead>
              <tr>
                <th scope="col">Thema</th>
                <th scope="col">Jouw kloof</th>
                <th scope="col">Kloof van de groep</th>
              </tr>
            </thead>
            <tbody>
              {ownGap.themes.map((t) => (
                <tr key={t.theme}>
                  <th scope="row">{t.title}</th>
                  <td>{nl(t.gap, 2)}</td>
                  <td>{nl(groupGap.themes.find((g) => g.theme === t.theme)?.gap, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
</TableScroll>
        </section>
      ) : null}

      <div className="side-by-side">
        <section aria-labelledby="own-title">
          <h2 id="own-title">Jouw profiel</h2>
          {report.own.results.length > 0 ? <ResultsView results={report.own.results} model={report.model} compact /> : null}
        </section>
        <section aria-labelledby="group-title">
          <h2 id="group-title">De groep ({report.group.responses} ingevuld)</h2>
          {report.group.note ? <p className="notice privacy">{report.group.note}</p> : <ResultsView results={report.group.results ?? []} model={report.model} compact />}
        </section>
      </div>

      <section className="report-section" aria-labelledby="answers-title">
        <h2 id="answers-title">Jouw antwoorden</h2>
        <TableScroll label="Jouw antwoorden">
<table className="data">
          <thead>
            <tr>
              <th scope="col">Vraag</th>
              {hasPairs ? (
                <>
                  <th scope="col">Huidig</th>
                  <th scope="col">Gewenst</th>
                </>
              ) : (
                <th scope="col">Antwoord</th>
              )}
            </tr>
          </thead>
          <tbody>
            {report.model.items
              .filter((i) => byItem.has(i.id))
              .map((i) => {
                const row = byItem.get(i.id)!;
                return (
                  <tr key={i.id}>
                    <th scope="row">{titles.get(i.id)}</th>
                    {hasPairs ? (
                      i.kind === "pair" ? (
                        <>
                          <td>{row.current ?? "–"}</td>
                          <td>{row.desired ?? "–"}</td>
                        </>
                      ) : (
                        <td colSpan={2}>{row.value}</td>
                      )
                    ) : (
                      <td>{row.value}</td>
                    )}
                  </tr>
                );
              })}
          </tbody>
        </table>
</TableScroll>
      </section>

      {answered.length > 0 ? <ShareOwnResult token={token} responseId={responseId} model={report.model} answered={answered} /> : null}
    </main>
  );
}
