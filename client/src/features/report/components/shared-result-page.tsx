// What someone sees who was sent a shared result (`/gedeeld/:token`): the answers a respondent chose
// to share, who shared them and until when the link works. Nothing else of the round or the scan.
import "../report.css";
import "../../../components/ui.css";
import { LoadFailed, Message, PageLoading } from "../../../components/message.tsx";
import { formatDate } from "../../../lib/format-date.ts";
import { ApiError } from "../../../lib/http.ts";
import { fetchShared, type SharedResult } from "../api.ts";
import { useLoad } from "./use-load.ts";

export function SharedResultPage({ params }: { params: Record<string, string> }) {
  const token = params["token"]!;
  const [load, reload] = useLoad(`shared:${token}`, () => fetchShared(token));
  if (load.state === "loading") return <PageLoading />;
  if (load.state === "failed") {
    if (load.error instanceof ApiError && load.error.status === 404) {
      return (
        <Message title="Deze link werkt niet (meer)">
          De link is verlopen of ingetrokken door wie hem deelde. Vraag hem of haar om een nieuwe link.
        </Message>
      );
    }
    return <LoadFailed retry={reload}>De gedeelde uitkomsten konden niet worden geladen.</LoadFailed>;
  }
  return <Shared result={load.value} />;
}

function Shared({ result }: { result: SharedResult }) {
  return (
    <main className="page report-page shared-result">
      <header className="report-header">
        <p className="brand">Peilstok · gedeelde uitkomsten</p>
        <h1>{result.scan.title}</h1>
        <p className="report-meta">
          {result.sharedBy ? `Gedeeld door ${result.sharedBy}` : "Gedeeld door wie de scan invulde"} op {formatDate(result.createdAt)} ·{" "}
          {result.round.title} · deze link werkt tot {formatDate(result.expiresAt)}
        </p>
      </header>
      {result.message ? (
        <section className="report-section" aria-labelledby="shared-message">
          <h2 id="shared-message">Bericht</h2>
          <p className="shared-message">{result.message}</p>
        </section>
      ) : null}
      {result.answers.map((a) => (
        <section key={a.item} className="report-section" aria-label={a.title}>
          <h2>{a.title}</h2>
          {a.ladder ? (
            <ol className="shared-ladder">
              {a.ladder.steps.map((s) => {
                const target = a.ladder!.target && s.value >= a.ladder!.target[0] && s.value <= a.ladder!.target[1];
                return (
                  <li key={s.value} className={s.value === a.ladder!.value ? "current" : undefined} aria-current={s.value === a.ladder!.value ? "step" : undefined}>
                    <span className="step-number">{s.value}</span> {s.label}
                    {s.value === a.ladder!.value ? <span className="step-tag step-here">hier sta ik</span> : null}
                    {target ? <span className="step-tag">doel</span> : null}
                  </li>
                );
              })}
            </ol>
          ) : a.answer.length > 1 ? (
            <ul>
              {a.answer.map((x, i) => (
                <li key={i}>{x}</li>
              ))}
            </ul>
          ) : (
            // Answers are shown as text, never as HTML.
            <p className="shared-answer">{a.answer[0]}</p>
          )}
        </section>
      ))}
      <footer className="report-footer">
        Dit zijn alleen de antwoorden die de invuller zelf heeft gekozen om te delen. De invuller kan de link op elk moment intrekken.
      </footer>
    </main>
  );
}
