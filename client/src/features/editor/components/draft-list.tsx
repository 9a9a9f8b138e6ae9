import { AppLink } from "../../../components/button.tsx";
import { DataTable } from "../../../components/table.tsx";
import { formatDateTime } from "../../../lib/format-date.ts";
import type { DraftSummary } from "../api.ts";

/** The saved drafts: teamleaders see their own, admins all of them (and publish them). */
export function DraftList({ drafts, current }: { drafts: DraftSummary[]; current: string | null }) {
  return (
    <section className="drafts" aria-labelledby="drafts-title">
      <h2 id="drafts-title">Concepten</h2>
      {drafts.length === 0 ? (
        <p>Er zijn geen opgeslagen concepten.</p>
      ) : (
        <DataTable label="Concepten">
          <thead>
            <tr>
              <th scope="col">Concept</th>
              <th scope="col">Bijgewerkt</th>
              <th scope="col">Door</th>
              <th scope="col">Controle</th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((d) => (
              <tr key={d.id} aria-current={d.id === current ? "true" : undefined}>
                <td>
                  <AppLink href={`/admin/editor/concept/${d.id}`}>{d.title || "Zonder titel"}</AppLink> {d.scan ? <code>{d.scan}</code> : null}
                </td>
                <td>{formatDateTime(d.updatedAt)}</td>
                <td>{d.updatedBy ?? "—"}</td>
                <td>{d.errors ? `${d.errors} ${d.errors === 1 ? "fout" : "fouten"}` : "geen fouten"}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
