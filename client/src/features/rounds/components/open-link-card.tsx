// A round's open link on its page: how much of the cap and the hourly rate is used, and, for an
// admin (PUT /api/admin/rounds/:id/open-link is admin-only), a form to change the limits that
// were set when the round was made. Others read the limits.
import { useEffect, useState, type FormEvent } from "react";
import { Button, ButtonRow } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { CheckboxField, FieldRow, TextField } from "../../../components/field.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { nl } from "../../../lib/format-number.ts";
import { ApiError } from "../../../lib/http.ts";
import { fetchOpenLink, saveOpenLinkLimits, type OpenLinkLimits, type OpenLinkState } from "../api.ts";

const limitMax = 100_000;
const whole = (n: number) => nl(n, 0);

type NumberField = "maxResponses" | "perHour";
type FieldErrors = Partial<Record<NumberField, string>>;

const fieldProblems: Record<NumberField, string> = {
  maxResponses: `Vul een heel getal in van 1 tot en met ${whole(limitMax)}.`,
  perHour: `Vul een heel getal in van 1 tot en met ${whole(limitMax)}.`,
};

/** "Open link: 37 van 1.000 antwoorden gebruikt · 12 in het afgelopen uur" */
export function usageLine({ limits, usage }: OpenLinkState): string {
  return `Open link: ${whole(usage.admitted)} van ${whole(limits.maxResponses)} antwoorden gebruikt · ${whole(usage.lastHour)} in het afgelopen uur`;
}

export function OpenLinkCard({ roundId, canChange }: { roundId: string; canChange: boolean }) {
  const [state, setState] = useState<OpenLinkState | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setState(null);
    setFailed(false);
    fetchOpenLink(roundId).then(setState, () => setFailed(true));
  }, [roundId]);

  return (
    <Card title="Open link" className="open-link-card">
      {failed ? (
        <Notice kind="error">De gegevens van de open link konden niet worden geladen. Vernieuw de pagina om het opnieuw te proberen.</Notice>
      ) : !state ? (
        <Loading />
      ) : (
        <>
          <Usage state={state} canChange={canChange} />
          {canChange ? <LimitsForm roundId={roundId} limits={state.limits} onSaved={setState} /> : <LimitsList limits={state.limits} />}
        </>
      )}
    </Card>
  );
}

function Usage({ state, canChange }: { state: OpenLinkState; canChange: boolean }) {
  const { limits, usage } = state;
  const full = usage.admitted >= limits.maxResponses;
  return (
    <>
      <p className="open-link-usage">{usageLine(state)}</p>
      <progress
        className="open-link-meter"
        max={limits.maxResponses}
        value={Math.min(usage.admitted, limits.maxResponses)}
        aria-label="Deel van het maximum dat gebruikt is"
      />
      {full ? (
        <Notice kind="warning">
          Het maximum is bereikt: via de open link kan niemand meer beginnen.{" "}
          {canChange ? "Verhoog het maximum om weer nieuwe antwoorden te ontvangen." : "Een beheerder kan het maximum verhogen."}
        </Notice>
      ) : null}
    </>
  );
}

function LimitsList({ limits }: { limits: OpenLinkLimits }) {
  return (
    <dl className="round-dates open-link-limits-list">
      <dt>Maximaal aantal antwoorden</dt>
      <dd>{whole(limits.maxResponses)}</dd>
      <dt>Nieuwe antwoorden per uur</dt>
      <dd>{whole(limits.perHour)}</dd>
      <dt>Eén antwoord per apparaat</dt>
      <dd>{limits.onePerDevice ? "aan" : "uit (bijvoorbeeld voor interviews op één tablet)"}</dd>
    </dl>
  );
}

/** The typed text as a number for the server to judge: empty and non-numbers are refused there, per field. */
const asNumber = (text: string) => (text.trim() === "" ? 0 : Number(text));

function LimitsForm({ roundId, limits, onSaved }: { roundId: string; limits: OpenLinkLimits; onSaved: (state: OpenLinkState) => void }) {
  const [maxResponses, setMaxResponses] = useState(String(limits.maxResponses));
  const [perHour, setPerHour] = useState(String(limits.perHour));
  const [onePerDevice, setOnePerDevice] = useState(limits.onePerDevice);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const edited = () => {
    setSaved(false);
    setError(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setError(null);
    setSaved(false);
    setBusy(true);
    try {
      const state = await saveOpenLinkLimits(roundId, { maxResponses: asNumber(maxResponses), perHour: asNumber(perHour), onePerDevice });
      setMaxResponses(String(state.limits.maxResponses));
      setPerHour(String(state.limits.perHour));
      setOnePerDevice(state.limits.onePerDevice);
      onSaved(state);
      setSaved(true);
    } catch (e) {
      const fields: FieldErrors = {};
      if (e instanceof ApiError && e.status === 400) {
        for (const issue of e.issues) {
          if (issue.field === "maxResponses" || issue.field === "perHour") fields[issue.field] = fieldProblems[issue.field];
        }
      }
      setErrors(fields);
      if (Object.keys(fields).length === 0) setError(problem(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    // The server checks the numbers and says per field what is wrong, in the page's own words
    // rather than the browser's.
    <form className="form open-link-form" onSubmit={save} noValidate aria-label="Grenzen van de open link">
      <FieldRow>
        <TextField
          label="Maximaal aantal antwoorden"
          hint="Elk nieuw antwoord via de open link telt mee, ook een half ingevuld."
          name="maxResponses"
          type="number"
          inputMode="numeric"
          min={1}
          max={limitMax}
          step={1}
          value={maxResponses}
          error={errors.maxResponses}
          onChange={(e) => {
            setMaxResponses(e.target.value);
            setErrors(({ maxResponses: _, ...rest }) => rest);
            edited();
          }}
        />
        <TextField
          label="Nieuwe antwoorden per uur"
          hint="Daarboven vraagt de link nieuwe invullers het later opnieuw te proberen."
          name="perHour"
          type="number"
          inputMode="numeric"
          min={1}
          max={limitMax}
          step={1}
          value={perHour}
          error={errors.perHour}
          onChange={(e) => {
            setPerHour(e.target.value);
            setErrors(({ perHour: _, ...rest }) => rest);
            edited();
          }}
        />
      </FieldRow>
      <CheckboxField
        name="onePerDevice"
        label="Eén antwoord per apparaat (uit bij interviews op één tablet)"
        checked={onePerDevice}
        onChange={(e) => {
          setOnePerDevice(e.target.checked);
          edited();
        }}
      />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {saved ? (
        <Notice kind="success" live="status">
          De grenzen van de open link zijn opgeslagen.
        </Notice>
      ) : null}
      <ButtonRow>
        <Button type="submit" busy={busy} busyLabel="Opslaan…">
          Grenzen opslaan
        </Button>
      </ButtonRow>
    </form>
  );
}

function problem(error: unknown): string {
  if (!(error instanceof ApiError)) return "Dat is niet gelukt: de server is niet bereikbaar. Probeer het opnieuw.";
  switch (error.code) {
    case "forbidden":
      return "Je rol staat dit niet toe: alleen een beheerder kan de grenzen van de open link wijzigen.";
    case "not-found":
      return "Deze ronde bestaat niet (meer).";
    case "invalid-body":
      return "Controleer de ingevulde waarden.";
    default:
      return "Dat is niet gelukt. Probeer het opnieuw.";
  }
}
