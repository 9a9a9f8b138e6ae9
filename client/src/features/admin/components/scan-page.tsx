// One scan: what it is, who answers it, its notes (the honesty marks: what is reconstructed, what
// the book does not give), its themes and questions, and its versions.
import { useEffect, useState } from "react";
import type { ScoringModel } from "../../../../../dsl/model.ts";
import { ButtonLink } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { useAdminUser } from "../../../lib/admin-session.ts";
import { formatDate } from "../../../lib/format-date.ts";
import { ApiError } from "../../../lib/http.ts";
import { fetchScanVersion, fetchScanVersions } from "../api.ts";

const kindNames = { rate: "score", pair: "huidig en gewenst", step: "trede", choice: "keuze", multi: "meerkeuze", yesno: "ja/nee", text: "open vraag" } as const;

type Load =
  | { state: "loading" }
  | { state: "failed"; notFound: boolean }
  | { state: "done"; versions: { version: number; createdAt: string }[]; model: ScoringModel; version: number };

export function ScanPage({ params }: { params: Record<string, string> }) {
  const scanId = params["scanId"]!;
  const user = useAdminUser();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  useEffect(() => {
    (async () => {
      const versions = await fetchScanVersions(scanId);
      const latest = versions[versions.length - 1]!;
      const version = await fetchScanVersion(scanId, latest.version);
      setLoad({ state: "done", versions, model: version.compiled.model, version: latest.version });
    })().catch((e: unknown) => setLoad({ state: "failed", notFound: e instanceof ApiError && e.status === 404 }));
  }, [scanId]);

  const crumbs = [{ label: "Rondes", href: "/admin" }, { label: "Scan" }];
  if (load.state === "loading") return <Loading />;
  if (load.state === "failed") {
    return (
      <>
        <PageHeader title="Scan" crumbs={crumbs} />
        <Notice kind="error">{load.notFound ? "Deze scan bestaat niet." : "De scan kon niet worden geladen."}</Notice>
      </>
    );
  }
  const { model, versions } = load;
  return (
    <div className="scan-page">
      <PageHeader
        crumbs={[{ label: "Rondes", href: "/admin" }, { label: model.title.nl }]}
        title={model.title.nl}
        meta={
          <>
            {model.scan} · versie {load.version} · ingevuld door {model.answeredBy === "team" ? "een team samen" : `ieder apart (${model.respondent})`}
            {model.anonymous ? " · anoniem" : ""} · ongeveer {model.estimatedMinutes} minuten
          </>
        }
        actions={
          user.role === "admin" ? (
            <ButtonLink href={`/admin/editor/${encodeURIComponent(model.scan)}`}>Openen in de scan-editor</ButtonLink>
          ) : undefined
        }
      />
      {model.notes.length > 0 ? (
        <Notice kind="warning" title="Let op">
          <ul>
            {model.notes.map((n, i) => (
              <li key={i}>{n.nl}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {model.intro ? (
        <Card title="Wat respondenten eerst lezen">
          <p>{model.intro.nl}</p>
        </Card>
      ) : null}
      <Card title="Thema’s en vragen">
        {model.themes.map((t) => (
          <section key={t.id} className="scan-theme" aria-label={t.title.nl}>
            <h3>
              {t.title.nl}
              {t.page ? <span className="muted"> · pagina, geen thema</span> : null}
            </h3>
            <ol>
              {model.items
                .filter((i) => i.theme === t.id)
                .map((i) => (
                  <li key={i.id}>
                    {i.title.nl}{" "}
                    <span className="muted">
                      ({kindNames[i.kind]}
                      {i.discriminating ? ", discriminerend" : ""}
                      {i.reverse ? ", omgekeerd gescoord" : ""})
                    </span>
                  </li>
                ))}
            </ol>
          </section>
        ))}
      </Card>
      <Card title="Versies">
        <ul>
          {versions.map((v) => (
            <li key={v.version}>
              Versie {v.version}, {formatDate(v.createdAt)}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
