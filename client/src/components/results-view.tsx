// One group's results: a section per `score` line of the scan, each with a chart where it helps,
// the numbers in a table (readable without the chart, and for screen readers) and the
// aggregator's own explanation.
import { Bar } from "react-chartjs-2";
import type { ChartData, ChartOptions } from "chart.js";
import type { ScoringModel } from "../../../dsl/model.ts";
import type { GapResult } from "../../../dsl/aggregators/gap.ts";
import type { LadderResult } from "../../../dsl/aggregators/ladder.ts";
import type { OpenResult } from "../../../dsl/aggregators/open.ts";
import type { ResponseRateResult } from "../../../dsl/aggregators/response-rate.ts";
import type { SpreadResult } from "../../../dsl/aggregators/spread.ts";
import type { ThresholdResult } from "../../../dsl/aggregators/threshold.ts";
import type { TrendResult } from "../../../dsl/aggregators/trend.ts";
import type { ItemSummary } from "../../../dsl/aggregators/item-summary.ts";
import type { AggregatorOutcome } from "../../../server/reports/round-report.ts";
import { colours } from "../lib/charts.ts";
import { TableScroll } from "./table.tsx";
import { nl, pct } from "../lib/format-number.ts";
import "./results-view.css";

function find<T>(results: AggregatorOutcome[], name: string): T | undefined {
  const r = results.find((o) => o.name === name);
  return r && "result" in r ? (r.result as T) : undefined;
}

/**
 * `compact` leaves out the long per-statement tables (for the side-by-side own view). `items`,
 * when given, adds every question the score lines do not already show (choices, open answers …).
 */
export function ResultsView({
  results,
  model,
  compact = false,
  items = null,
}: {
  results: AggregatorOutcome[];
  model: ScoringModel;
  compact?: boolean;
  items?: ItemSummary[] | null;
}) {
  const threshold = find<ThresholdResult>(results, "threshold");
  const trend = find<TrendResult>(results, "trend");
  const gap = find<GapResult>(results, "gap");
  const ladder = find<LadderResult>(results, "ladder");
  const open = find<OpenResult>(results, "open");
  const spread = find<SpreadResult>(results, "spread");
  const rate = find<ResponseRateResult>(results, "response-rate");
  const errors = results.filter((r) => "error" in r);
  return (
    <div className="results">
      {rate ? <p className="lead">{rate.explanation}</p> : null}
      {threshold ? <ThresholdSection threshold={threshold} trend={trend} model={model} /> : null}
      {trend && !threshold ? <TrendSection trend={trend} /> : null}
      {gap ? <GapSection gap={gap} compact={compact} /> : null}
      {ladder ? <LadderSection ladder={ladder} /> : null}
      {spread ? <SpreadSection spread={spread} /> : null}
      {open ? <OpenSection open={open} /> : null}
      {items ? <QuestionsSection items={uncovered(items, model, results)} model={model} /> : null}
      {errors.map((e) => (
        <p key={e.name} className="notice">
          Uitkomst “{e.name}” kon niet worden berekend.
        </p>
      ))}
    </div>
  );
}

/** Quickscan: a bar per element, the previous round beside it, changed scores in orange. */
export function ThresholdSection({ threshold, trend, model }: { threshold: ThresholdResult; trend?: TrendResult; model: ScoringModel }) {
  const scale = model.scales.find((s) => s.id === threshold.scale);
  const prev = trend?.hasPrevious ? new Map(trend.items.map((i) => [i.item, i])) : null;
  const labels = threshold.items.map((i) => i.title);
  const data: ChartData<"bar" | "line", (number | null)[], string> = {
    labels,
    datasets: [
      ...(prev
        ? [
            {
              type: "bar" as const,
              label: "Vorige ronde",
              data: threshold.items.map((i) => prev.get(i.item)?.previous ?? null),
              backgroundColor: colours.previous,
            },
          ]
        : []),
      {
        type: "bar" as const,
        label: prev ? "Deze ronde (oranje: veranderd)" : "Deze ronde",
        data: threshold.items.map((i) => i.score),
        backgroundColor: threshold.items.map((i) => (prev?.get(i.item)?.changed ? colours.changed : colours.current)),
      },
      {
        type: "line" as const,
        label: `Minimum niveau ${threshold.atLeast}`,
        data: threshold.items.map(() => threshold.atLeast),
        borderColor: colours.target,
        borderDash: [8, 6],
        borderWidth: 3,
        pointRadius: 0,
      },
    ],
  };
  const options: ChartOptions<"bar"> = {
    maintainAspectRatio: false,
    scales: { y: { min: 0, max: scale?.max ?? 5, ticks: { stepSize: 1 } } },
    plugins: { legend: { position: "bottom" } },
  };
  return (
    <section className="report-section" aria-labelledby="threshold-title">
      <h2 id="threshold-title">Score per element</h2>
      <p className={threshold.allReached ? "verdict verdict-ok" : "verdict verdict-warn"}>
        {threshold.allReached
          ? `Alle elementen${threshold.notApplicable.length ? " die van toepassing zijn" : ""} halen niveau ${threshold.atLeast}.`
          : `${threshold.below.length} van ${threshold.items.length - threshold.notApplicable.length} elementen halen niveau ${threshold.atLeast} nog niet.`}
      </p>
      <div className="chart chart-tall">
        <Bar data={data as ChartData<"bar">} options={options} aria-label="Staafdiagram: score per element" role="img" />
      </div>
      <TableScroll label="Score per element">
<table className="data">
        <thead>
          <tr>
            <th scope="col">Element</th>
            {prev ? <th scope="col">Vorige ronde</th> : null}
            <th scope="col">Deze ronde</th>
            {prev ? <th scope="col">Verandering</th> : null}
          </tr>
        </thead>
        <tbody>
          {threshold.items.map((i) => {
            const t = prev?.get(i.item);
            return (
              <tr key={i.item} className={[i.below ? "below" : "", t?.changed ? "changed" : ""].join(" ").trim() || undefined}>
                <th scope="row">{i.title}</th>
                {prev ? <td>{nl(t?.previous)}</td> : null}
                <td>
                  {i.notApplicable ? <span className="tag">{scale?.notApplicable?.nl ?? "n.v.t."}</span> : nl(i.score)}
                  {i.reverse ? <span className="tag">omgekeerd gescoord: telt als {nl(i.scored)}</span> : null}
                  {i.below ? <span className="tag tag-warn">onder {threshold.atLeast}</span> : null}
                  {i.notApplicableCount > 0 && !i.notApplicable ? (
                    <span className="tag">{i.notApplicableCount}× {scale?.notApplicable?.nl ?? "n.v.t."}</span>
                  ) : null}
                </td>
                {prev ? <td>{t?.changed ? <span className="tag tag-changed">{t.delta! > 0 ? `+${nl(t.delta, 2)}` : nl(t.delta, 2)}</span> : "gelijk"}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
</TableScroll>
      <p className="explanation">{threshold.explanation}</p>
      {trend ? <p className="explanation">{trend.explanation}</p> : null}
    </section>
  );
}

export function TrendSection({ trend }: { trend: TrendResult }) {
  return (
    <section className="report-section" aria-labelledby="trend-title">
      <h2 id="trend-title">Verandering sinds de vorige ronde</h2>
      <p className="explanation">{trend.explanation}</p>
      {trend.hasPrevious ? (
        <TableScroll label="Verandering per thema">
<table className="data">
          <thead>
            <tr>
              <th scope="col">Thema</th>
              <th scope="col">Vorige ronde</th>
              <th scope="col">Deze ronde</th>
              <th scope="col">Verandering</th>
            </tr>
          </thead>
          <tbody>
            {trend.themes.map((t) => (
              <tr key={t.theme} className={t.changed ? "changed" : undefined}>
                <th scope="row">{t.title}</th>
                <td>{nl(t.previous, 2)}</td>
                <td>{nl(t.current, 2)}</td>
                <td>{t.delta === null ? "–" : t.delta > 0 ? `+${nl(t.delta, 2)}` : nl(t.delta, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
</TableScroll>
      ) : null}
    </section>
  );
}

/** Bachelorscan: current vs desired per theme, then the themes ranked by gap with statements. */
export function GapSection({ gap, compact = false }: { gap: GapResult; compact?: boolean }) {
  const themes = gap.themes;
  const data: ChartData<"bar", (number | null)[], string> = {
    labels: themes.map((t) => t.title),
    datasets: [
      { label: "Huidige situatie", data: themes.map((t) => t.current), backgroundColor: colours.current },
      { label: "Gewenste situatie", data: themes.map((t) => t.desired), backgroundColor: colours.desired },
    ],
  };
  const options: ChartOptions<"bar"> = {
    indexAxis: "y",
    maintainAspectRatio: false,
    scales: { x: { min: 1, max: 5, ticks: { stepSize: 1 } } },
    plugins: { legend: { position: "bottom" } },
  };
  return (
    <section className="report-section" aria-labelledby="gap-title">
      <h2 id="gap-title">Huidig en gewenst per thema</h2>
      <div className="chart" style={{ height: `${Math.max(16, themes.length * 5)}rem` }}>
        <Bar data={data} options={options} aria-label="Staafdiagram: huidige en gewenste situatie per thema" role="img" />
      </div>
      <p className="explanation">{gap.explanation}</p>
      {compact ? null : (
        <>
          <h3>Thema’s gerangschikt op kloof</h3>
          <ol className="ranked">
            {themes.map((t) => (
              <li key={t.theme}>
                <h4>
                  {t.title} <span className="gap-figure">kloof {nl(t.gap, 2)}</span>
                  {t.wantsMore ? <span className="wants-more-figure">{pct(t.wantsMore.share)} wil meer</span> : null}
                </h4>
                <StatementTable label={`Stellingen van ${t.title}`} items={t.items} />
              </li>
            ))}
          </ol>
          {gap.separate.length > 0 ? (
            <>
              <h3>Discriminerende stellingen</h3>
              <p className="explanation">
                Deze stellingen zijn bewust tegengesteld geformuleerd. Ze staan hier zoals ze beantwoord zijn en tellen niet mee in
                de kloof van hun thema.
              </p>
              <StatementTable label="Discriminerende stellingen" items={gap.separate} themes={gap.themes} />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

/** A theme's statements (or the discriminating ones) as answered, with how many want more. */
function StatementTable({ label, items, themes }: { label: string; items: GapResult["items"]; themes?: GapResult["themes"] }) {
  return (
    <TableScroll label={label}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Stelling</th>
            {themes ? <th scope="col">Thema</th> : null}
            <th scope="col">Huidig</th>
            <th scope="col">Gewenst</th>
            <th scope="col">Kloof</th>
            <th scope="col">Wil meer</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.item} className={i.discriminating ? "discriminating" : undefined}>
              <th scope="row">
                {i.title}
                {i.discriminating ? <span className="tag tag-discriminating">discriminerend</span> : null}
                {i.reverse && i.inTheme ? <span className="tag">telt omgekeerd mee in het thema</span> : null}
              </th>
              {themes ? <td>{themes.find((t) => t.theme === i.theme)?.title ?? i.theme}</td> : null}
              <td>{nl(i.current, 2)}</td>
              <td>{nl(i.desired, 2)}</td>
              <td>{nl(i.gap, 2)}</td>
              <td>{i.wantsMore ? `${pct(i.wantsMore.share)} (${i.wantsMore.more} van ${i.wantsMore.n})` : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Traptrede: the distribution over the steps and the share on the target steps. */
export function LadderSection({ ladder }: { ladder: LadderResult }) {
  const [lo, hi] = ladder.target;
  const data: ChartData<"bar", number[], string> = {
    // Long step texts would be cut off beside the bars; the table below has them in full.
    labels: ladder.steps.map((s) => `${s.value}. ${s.label.length > 28 ? `${s.label.slice(0, 27)}…` : s.label}`),
    datasets: [
      {
        label: "Aantal",
        data: ladder.steps.map((s) => s.count),
        backgroundColor: ladder.steps.map((s) => (s.atTarget ? colours.desired : colours.current)),
      },
    ],
  };
  const options: ChartOptions<"bar"> = {
    indexAxis: "y",
    maintainAspectRatio: false,
    scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    plugins: { legend: { display: false } },
  };
  return (
    <section className="report-section" aria-labelledby="ladder-title">
      <h2 id="ladder-title">Verdeling over de treden</h2>
      <p className="big-figure">
        {pct(ladder.shareAtTarget)} <span>op trede {lo === hi ? lo : `${lo}–${hi}`}</span>
      </p>
      <div className="chart">
        <Bar data={data} options={options} aria-label="Staafdiagram: aantal per trede" role="img" />
      </div>
      <TableScroll label="Aantal per trede">
<table className="data">
        <thead>
          <tr>
            <th scope="col">Trede</th>
            <th scope="col">Aantal</th>
            <th scope="col">Aandeel</th>
          </tr>
        </thead>
        <tbody>
          {ladder.steps.map((s) => (
            <tr key={s.value} className={s.atTarget ? "target" : undefined}>
              <th scope="row">
                {s.value}. {s.label}
              </th>
              <td>{s.count}</td>
              <td>{pct(s.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
</TableScroll>
      <p className="explanation">{ladder.explanation}</p>
    </section>
  );
}

export function SpreadSection({ spread }: { spread: SpreadResult }) {
  const top = spread.divided.slice(0, 10);
  return (
    <section className="report-section" aria-labelledby="spread-title">
      <h2 id="spread-title">Waar het team verschillend antwoordt</h2>
      <p className="explanation">{spread.explanation}</p>
      {top.length > 0 ? (
        <TableScroll label="Vragen met de meeste spreiding">
<table className="data">
          <thead>
            <tr>
              <th scope="col">Vraag</th>
              <th scope="col">Laagste</th>
              <th scope="col">Hoogste</th>
              <th scope="col">Spreiding (sd)</th>
            </tr>
          </thead>
          <tbody>
            {top.map((i) => (
              <tr key={`${i.item}.${i.side ?? ""}`}>
                <th scope="row">
                  {i.title}
                  {i.side ? ` (${i.side === "current" ? "huidig" : "gewenst"})` : ""}
                </th>
                <td>{i.min}</td>
                <td>{i.max}</td>
                <td>{nl(i.sd, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
</TableScroll>
      ) : null}
    </section>
  );
}

export function OpenSection({ open }: { open: OpenResult }) {
  return (
    <section className="report-section" aria-labelledby="open-title">
      <h2 id="open-title">Open antwoorden</h2>
      <p className="explanation">{open.explanation}</p>
      {open.questions.map((q) => (
        <div key={q.item} className="open-question">
          <h3>{q.title}</h3>
          {q.answers.length === 0 ? (
            <p className="muted">Geen antwoorden.</p>
          ) : (
            <ul className="open-answers">
              {q.answers.map((a, i) => (
                // Answers are shown as text, never as HTML.
                <li key={i}>{a}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}

/** The items the score lines leave out: every choice question, and whatever no section covers. */
function uncovered(items: ItemSummary[], model: ScoringModel, results: AggregatorOutcome[]): ItemSummary[] {
  const shown = (name: string) => results.filter((r) => r.name === name && "result" in r);
  const onScale = (name: string, scale: string | undefined) => shown(name).some((r) => r.params["on"] === scale);
  const openAll = shown("open").some((r) => r.params["item"] === undefined);
  const openItems = new Set(shown("open").map((r) => String(r.params["item"])));
  return items.filter((s) => {
    const item = model.items.find((i) => i.id === s.item);
    switch (s.kind) {
      case "pair":
        return shown("gap").length === 0;
      case "rate":
      case "step":
        return !onScale("threshold", item?.scale) && !onScale("ladder", item?.scale);
      case "text":
        return !openAll && !openItems.has(s.item);
      default:
        return true;
    }
  });
}

/** Every other question: distributions with counts and percentages, open answers as a list. */
export function QuestionsSection({ items, model }: { items: ItemSummary[]; model: ScoringModel }) {
  if (items.length === 0) return null;
  const themes = model.themes.filter((t) => items.some((i) => i.theme === t.id));
  return (
    <section className="report-section" aria-labelledby="questions-title">
      <h2 id="questions-title">{items.length === model.items.length ? "Alle vragen" : "Overige vragen"}</h2>
      {themes.map((t) => (
        <div key={t.id} className="question-theme">
          {themes.length > 1 ? <h3>{t.title.nl}</h3> : null}
          {items
            .filter((i) => i.theme === t.id)
            .map((i) => (
              <Question key={i.item} summary={i} />
            ))}
        </div>
      ))}
    </section>
  );
}

function Question({ summary: s }: { summary: ItemSummary }) {
  const marks = (
    <>
      {s.discriminating ? <span className="tag tag-discriminating">discriminerend</span> : null}
      {s.reverse ? <span className="tag">omgekeerd gescoord</span> : null}
    </>
  );
  const count = (n: number) => `${n} ${n === 1 ? "antwoord" : "antwoorden"}`;
  if (s.withheld) {
    return (
      <div className="question">
        <h4>
          {s.title} {marks}
        </h4>
        <p className="muted">Te weinig antwoorden om te tonen.</p>
      </div>
    );
  }
  switch (s.type) {
    case "options":
      return (
        <div className="question">
          <h4>
            {s.title} <span className="question-n">({count(s.n)}{s.kind === "multi" ? "; meer keuzes mogelijk" : ""})</span>
          </h4>
          <Distribution label={s.title} rows={s.distribution} />
        </div>
      );
    case "scale":
      return (
        <div className="question">
          <h4>
            {s.title} {marks} <span className="question-n">(gemiddeld {nl(s.answers.mean, 2)}, {count(s.answers.n)})</span>
          </h4>
          <Distribution label={s.title} rows={s.answers.distribution} />
        </div>
      );
    case "pair":
      return (
        <div className="question">
          <h4>
            {s.title} {marks}
          </h4>
          <p>
            Huidig {nl(s.current.mean, 2)}, gewenst {nl(s.desired.mean, 2)}, kloof {nl(s.gap, 2)}
            {s.wantsMore ? `; ${pct(s.wantsMore.share)} wil meer (${s.wantsMore.more} van ${s.wantsMore.n})` : ""}.
          </p>
        </div>
      );
    case "text":
      return (
        <div className="question">
          <h4>
            {s.title} <span className="question-n">({count(s.n)})</span>
          </h4>
          {s.answers.length === 0 ? (
            <p className="muted">Geen antwoorden.</p>
          ) : (
            <ul className="open-answers">
              {s.answers.map((a, i) => (
                // Answers are shown as text, never as HTML.
                <li key={i}>{a}</li>
              ))}
            </ul>
          )}
        </div>
      );
  }
}

/** Counts and percentages, with a bar drawn in CSS (its label wraps on a phone, unlike a chart's). */
function Distribution({ label, rows }: { label: string; rows: { value: string; label: string; count: number; share: number }[] }) {
  return (
    <TableScroll label={label}>
      <table className="data distribution">
        <thead>
          <tr>
            <th scope="col">Antwoord</th>
            <th scope="col">Aantal</th>
            <th scope="col">Aandeel</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.value}>
              <th scope="row">{r.label}</th>
              <td>{r.count}</td>
              <td>
                <span className="share-bar" style={{ width: `${(r.share * 6).toFixed(2)}rem` }} aria-hidden="true" />
                {pct(r.share)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
