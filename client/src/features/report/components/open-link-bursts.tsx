// Bursts through the round's open link (server/respond/bursts.ts): many answers submitted close
// together, as one client sending answer after answer would. Admins may leave one out of every
// result, and put it back.
import { useEffect, useState } from "react";
import { Button } from "../../../components/button.tsx";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { Notice } from "../../../components/notice.tsx";
import { adminRequest } from "../../../lib/admin-http.ts";
import { useAdminUser } from "../../../lib/admin-session.ts";
import { formatDateTime, formatTime } from "../../../lib/format-date.ts";

interface Burst {
  from: string;
  to: string;
  responses: number;
  answerSets: number;
}
interface Exclusion {
  id: string;
  from: string;
  to: string;
  responses: number;
  createdAt: string;
}
interface OpenLinkState {
  limits: { maxResponses: number; perHour: number; onePerDevice: boolean };
  usage: { admitted: number; lastHour: number };
  bursts: Burst[];
  exclusions: Exclusion[];
}

const path = (roundId: string) => `/api/admin/rounds/${roundId}/open-link`;
const period = (from: string, to: string) => `${formatDateTime(from)} – ${formatTime(to)}`;
const answers = (n: number) => (n === 1 ? "1 antwoord" : `${n} antwoorden`);

export function OpenLinkBursts({ roundId, onChanged }: { roundId: string; onChanged: () => void }) {
  const user = useAdminUser();
  const [state, setState] = useState<OpenLinkState | null>(null);
  const [confirming, setConfirming] = useState<Burst | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    adminRequest<OpenLinkState>("GET", path(roundId)).then(setState, () => setState(null));
  }, [roundId]);
  if (!state || (state.bursts.length === 0 && state.exclusions.length === 0)) return null;
  const admin = user.role === "admin";

  async function change(run: () => Promise<OpenLinkState>) {
    setBusy(true);
    setError(null);
    try {
      setState(await run());
      setConfirming(null);
      onChanged();
    } catch {
      setError("Dat is niet gelukt. Probeer het opnieuw.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="report-section open-link-bursts no-print" aria-labelledby="bursts-title">
      <h2 id="bursts-title">Pieken via de open link</h2>
      <p>
        Veel antwoorden vlak na elkaar via de open link kunnen van één persoon of programma komen. Weinig verschillende
        antwoorden in een piek maakt dat waarschijnlijker.
        {admin ? " Je kunt een piek buiten alle uitkomsten en exports laten, en later terugzetten." : ""}
      </p>
      {error && !confirming ? <Notice kind="error">{error}</Notice> : null}
      {state.bursts.length > 0 ? (
        <ul className="bursts">
          {state.bursts.map((b) => (
            <li key={b.from}>
              <span className="burst-period">{period(b.from, b.to)}</span>
              <span className="burst-counts">
                {answers(b.responses)}, {b.answerSets === 1 ? "allemaal hetzelfde" : `${b.answerSets} verschillende`}
              </span>
              {admin ? (
                <Button variant="secondary" onClick={() => setConfirming(b)}>
                  Weglaten
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {state.exclusions.length > 0 ? (
        <>
          <h3>Weggelaten</h3>
          <ul className="exclusions">
            {state.exclusions.map((x) => (
              <li key={x.id}>
                {period(x.from, x.to)}: {answers(x.responses)}{" "}
                {admin ? (
                  <Button
                    variant="link"
                    disabled={busy}
                    onClick={() => change(() => adminRequest<OpenLinkState>("DELETE", `${path(roundId)}/exclusions/${x.id}`))}
                  >
                    Terugzetten
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={`${answers(confirming.responses)} weglaten?`}
          confirmLabel="Weglaten"
          danger
          busy={busy}
          error={error}
          onConfirm={() =>
            change(() => adminRequest<OpenLinkState>("POST", `${path(roundId)}/exclusions`, { from: confirming.from, to: confirming.to }))
          }
          onClose={() => setConfirming(null)}
        >
          De antwoorden van {period(confirming.from, confirming.to)} tellen dan nergens meer mee: niet in het rapport en niet in de
          exports. Ze worden bewaard, zodat je ze kunt terugzetten.
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
