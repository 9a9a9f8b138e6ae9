import { Card } from "../../../components/card.tsx";
import { DataTable } from "../../../components/table.tsx";
import type { Rate, ResponseRate } from "../api.ts";

const count = (r: Rate) => `${r.submitted} van ${r.respondents}`;
const percent = (r: Rate) => (r.rate === null ? "" : ` (${Math.round(r.rate)}%)`);

/** "3 van 30" for the round and for each team, with how many opened and started. */
export function ResponseRateSummary({ rate }: { rate: ResponseRate }) {
  const total = rate.total;
  const teams = rate.teams.filter((t) => t.team !== null || rate.teams.length > 1);
  return (
    <Card title="Respons" className="rate-summary">
      {total ? (
        <p className="rate-total" data-testid="response-rate">
          <strong>{count(total)}</strong> ingevuld{percent(total)} · {total.opened} geopend · {total.started} begonnen
        </p>
      ) : (
        <p data-testid="response-rate">Nog geen respondenten.</p>
      )}
      {teams.length ? (
        <DataTable label="Respons per team" className="rate-teams">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Ingevuld</th>
              <th scope="col">Geopend</th>
              <th scope="col">Begonnen</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.team ?? ""}>
                <th scope="row">{t.team ?? "(geen team)"}</th>
                <td className="nowrap">
                  {count(t)}
                  {percent(t)}
                  <meter min={0} max={Math.max(1, t.respondents)} value={t.submitted} aria-hidden="true" />
                </td>
                <td>{t.opened}</td>
                <td>{t.started}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </Card>
  );
}
