import { useMemo } from "react";
import type { ScoringModel } from "../../../../../dsl/model.ts";
import type { AggregatorOutcome } from "../../../../../server/reports/round-report.ts";
// The report's own rendering, so the simulation looks exactly like a real report.
import { ResultsView } from "../../../components/results-view.tsx";
import { simulateReport } from "../simulate.ts";

const respondents = 24;

export function SimulationView({ model }: { model: ScoringModel }) {
  const results = useMemo(() => simulateReport(model, respondents) as AggregatorOutcome[], [model]);
  return (
    <div className="simulation" data-testid="simulation">
      <h2>Zo zou het rapport eruitzien</h2>
      <p className="muted">
        Met {respondents} verzonnen antwoorden (en een verzonnen vorige ronde voor de trend). Geen echte gegevens.
      </p>
      {results.length === 0 ? <p>Deze scan heeft geen <code>score</code>-regels: er is niets te rapporteren.</p> : null}
      <ResultsView results={results} model={model} />
    </div>
  );
}
