// The round report an organisation looks at together: on a projector in the team meeting, or
// printed. One group at a time (the whole round, or a team that meets the minimum size).
import { useState } from "react";
import "../../../lib/charts.ts";
import "../report.css";
import { ApiError } from "../../../lib/http.ts";
import { downloadExport, fetchRoundReport, type ExportFile, type RoundReport } from "../api.ts";
import { date } from "../format.ts";
import { ActionPlanSection, FollowUpSection, targetsBelow } from "./action-plan.tsx";
import { Button } from "../../../components/button.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { ResultsView } from "../../../components/results-view.tsx";
import { RoundNav, roundCrumbs } from "../../../components/round-nav.tsx";
import { useLoad } from "./use-load.ts";
import { OpenLinkBursts } from "./open-link-bursts.tsx";

export function ReportPage({ params }: { params: Record<string, string> }) {
  const roundId = params["roundId"]!;
  const [load, reload] = useLoad(`report:${roundId}`, () => fetchRoundReport(roundId));
  if (load.state === "loading") return <Loading>Rapport laden…</Loading>;
  if (load.state === "failed") {
    return (
      <>
        <PageHeader title="Rapport" crumbs={[{ label: "Rondes", href: "/admin" }, { label: "Rapport" }]} />
        <Notice kind="error">
          {load.error instanceof ApiError && load.error.status === 404 ? "Deze ronde bestaat niet." : "Het rapport kon niet worden geladen."}
        </Notice>
        <Button className="no-print" onClick={reload}>
          Opnieuw proberen
        </Button>
      </>
    );
  }
  return <Report report={load.value} onChanged={reload} />;
}

function Report({ report, onChanged }: { report: RoundReport; onChanged: () => void }) {
  const [key, setKey] = useState("all");
  const [exportError, setExportError] = useState(false);
  const group = report.groups.find((g) => g.key === key) ?? report.groups[0]!;
  const exportAs = (file: ExportFile) => {
    setExportError(false);
    downloadExport(report.round.id, file).catch(() => setExportError(true));
  };
  return (
    <div className="report-page">
      <PageHeader
        crumbs={roundCrumbs(report.round, "report")}
        title={report.scan.title}
        meta={
          <>
            {report.round.title} · {report.round.group} · {date(report.round.opensAt)} – {date(report.round.closesAt)}
            <br />
            Scanversie {report.scan.version}
            {report.previousRound ? ` · vergeleken met “${report.previousRound.title}” (${date(report.previousRound.opensAt)})` : ""}
            {report.round.exempt ? " · teamscan: één gezamenlijk antwoord" : ` · minimale groepsgrootte ${report.round.minGroupSize}`}
          </>
        }
        actions={
          <>
            <Button variant="secondary" onClick={() => exportAs("export.xlsx")}>
              Excel (alles)
            </Button>
            <Button onClick={() => window.print()}>Afdrukken / PDF</Button>
          </>
        }
      >
        <p className="report-exports no-print">
          CSV (met ; en decimale komma, zoals Excel in het Nederlands):{" "}
          <Button variant="link" onClick={() => exportAs("export.csv")}>
            uitkomsten
          </Button>
          {" · "}
          <Button variant="link" onClick={() => exportAs("answers.csv")}>
            alle antwoorden
          </Button>
          {" · "}
          <Button variant="link" onClick={() => exportAs("codebook.csv")}>
            codeboek
          </Button>
        </p>
        {exportError ? (
          <Notice kind="error" className="no-print">
            De export is mislukt. Probeer het opnieuw.
          </Notice>
        ) : null}
      </PageHeader>
      <RoundNav roundId={report.round.id} current="report" />

      {report.model.notes.length > 0 ? (
        <Notice title="Over deze scan" className="scan-notes">
          <ul>
            {report.model.notes.map((n, i) => (
              <li key={i}>{n.nl}</li>
            ))}
          </ul>
        </Notice>
      ) : null}

      {report.comparability ? <Comparability report={report} /> : null}
      <FollowUpSection roundId={report.round.id} />
      <OpenLinkBursts roundId={report.round.id} onChanged={onChanged} />

      {report.groups.length > 1 ? (
        <div className="group-tabs no-print" role="tablist" aria-label="Groep">
          {report.groups.map((g) => (
            <button key={g.key} type="button" role="tab" aria-selected={g.key === group.key} className="tab" onClick={() => setKey(g.key)}>
              {g.label} <span className="tab-count">({g.responses})</span>
            </button>
          ))}
        </div>
      ) : null}

      <section className="group" aria-labelledby="group-title">
        <h2 id="group-title" className="group-title">
          {group.label}: {group.responses} {group.responses === 1 ? "ingevulde scan" : "ingevulde scans"}
          {group.invited ? ` van ${group.invited} uitgenodigd` : ""}
        </h2>
        {group.note ? (
          <p className="notice privacy">{group.note}</p>
        ) : (
          <>
            {group.withheld.length > 0 ? (
              <p className="notice privacy">
                {group.withheld.length} {group.withheld.length === 1 ? "vraag is" : "vragen zijn"} door te weinig antwoorden niet getoond.
              </p>
            ) : null}
            <ResultsView results={group.results ?? []} model={report.model} items={group.items} />
          </>
        )}
      </section>
      <ActionPlanSection
        roundId={report.round.id}
        model={report.model}
        targets={targetsBelow(group.results ?? report.groups.find((g) => g.results)?.results ?? null)}
      />
      <footer className="report-footer">
        Gemaakt met Peilstok op {date(new Date().toISOString())}. Uitkomsten van groepen kleiner dan de minimale groepsgrootte worden niet getoond.
      </footer>
    </div>
  );
}

/** The scan changed since the previous round: which items compare, which do not (and are left out). */
function Comparability({ report }: { report: RoundReport }) {
  const c = report.comparability!;
  const title = (id: string) => report.model.items.find((i) => i.id === id)?.title.nl ?? id;
  const not = c.items.filter((i) => !i.comparable);
  const reworded = c.items.filter((i) => i.comparable && i.change === "wording");
  return (
    <section className="report-section comparability" aria-labelledby="comparability-title">
      <h2 id="comparability-title">
        Scanversie veranderd sinds de vorige ronde (v{c.previousVersion} → v{report.scan.version})
      </h2>
      {not.length === 0 ? (
        <p>Alle vragen zijn te vergelijken met de vorige ronde.</p>
      ) : (
        <>
          <p>Niet te vergelijken met de vorige ronde (de verandering wordt voor deze vragen niet getoond):</p>
          <ul className="not-comparable">
            {not.map((i) => (
              <li key={i.item}>
                {title(i.item)}: {"reason" in i ? i.reason : ""}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="explanation">
        Wel te vergelijken: {c.items.filter((i) => i.comparable).length} van {c.items.length} vragen
        {reworded.length > 0 ? ` (anders geformuleerd: ${reworded.map((i) => title(i.item)).join(", ")})` : ""}.
      </p>
    </section>
  );
}
