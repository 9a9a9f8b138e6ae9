import { formatDateTime } from "../../../lib/format-date.ts";
import type { VersionEntry } from "../api.ts";

const comparabilityText = {
  comparable: "Rondes blijven vergelijkbaar",
  "partly-comparable": "Rondes deels vergelijkbaar",
  "not-comparable": "Rondes niet vergelijkbaar",
} as const;

const changeText = {
  added: "nieuw",
  removed: "verwijderd",
  reworded: "andere tekst",
  redefined: "andere antwoorden",
} as const;

export function VersionList({ versions }: { versions: VersionEntry[] }) {
  return (
    <section className="versions" aria-labelledby="versions-title">
      <h2 id="versions-title">Versies</h2>
      <ol reversed>
        {[...versions].reverse().map((v) => (
          <li key={v.id} data-version={v.version}>
            <strong>Versie {v.version}</strong> · {formatDateTime(v.createdAt)} · {v.items} vragen ·{" "}
            {v.rounds === 1 ? "1 ronde" : `${v.rounds} rondes`}
            {v.sincePrevious ? (
              <>
                {" "}
                · <span className={`comparability comparability-${v.sincePrevious.comparability}`}>{comparabilityText[v.sincePrevious.comparability]}</span>
                {v.sincePrevious.changes.length || v.sincePrevious.scanChanges.length ? (
                  <ul>
                    {v.sincePrevious.scanChanges.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                    {v.sincePrevious.changes.map((c) => (
                      <li key={`${c.item}-${c.change}`}>
                        <code>{c.item}</code>: {changeText[c.change]}
                        {c.change === "reworded" ? ` (“${c.from}” → “${c.to}”)` : ""}
                        {c.change === "redefined" ? ` (${c.reason})` : ""}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span> · geen inhoudelijke wijzigingen</span>
                )}
              </>
            ) : (
              <span> · eerste versie</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
