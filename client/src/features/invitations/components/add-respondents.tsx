import { useState, type ChangeEvent, type FormEvent } from "react";
import { Button, ButtonRow } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { FileField, TextAreaField, TextField } from "../../../components/field.tsx";
import { Notice } from "../../../components/notice.tsx";
import { ApiError } from "../../../lib/http.ts";
import { addRespondents, importCsv, type CsvRowError } from "../api.ts";

interface ImportResult {
  added: number;
  errors: (CsvRowError & { text: string })[];
}

/** One by one, or a pasted or uploaded CSV of name, e-mail, team (admin). */
export function AddRespondents({ roundId, onAdded }: { roundId: string; onAdded: () => void }) {
  return (
    <Card title="Respondenten toevoegen" className="add-respondents">
      <div className="add-columns">
        <AddOne roundId={roundId} onAdded={onAdded} />
        <AddCsv roundId={roundId} onAdded={onAdded} />
      </div>
    </Card>
  );
}

function AddOne({ roundId, onAdded }: { roundId: string; onAdded: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get("name") ?? "").trim();
    const email = String(form.get("email") ?? "").trim();
    const team = String(form.get("team") ?? "").trim();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await addRespondents(roundId, [team ? { name, email, team } : { name, email }]);
      setNotice(`${name} is toegevoegd.`);
      formElement.reset();
      onAdded();
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === "respondent-exists"
          ? `${email} staat al in deze ronde.`
          : e instanceof ApiError && e.code === "team-has-link"
            ? `Team ${team || "(de groep van de ronde)"} heeft al een link: deze scan vult een team samen in, met één link per team.`
          : e instanceof ApiError && e.status === 400
            ? "Controleer de naam en het e-mailadres."
            : e instanceof ApiError && e.code === "round-closed"
              ? "Deze ronde is gesloten."
              : "Toevoegen is mislukt.",
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby="add-one-title">
      <h3 id="add-one-title">Eén respondent</h3>
      <TextField label="Naam" name="name" required maxLength={200} autoComplete="off" />
      <TextField label="E-mailadres" name="email" type="email" required maxLength={320} autoComplete="off" />
      <TextField label="Team (mag leeg)" name="team" maxLength={200} autoComplete="off" />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ButtonRow>
        <Button type="submit" variant="secondary" busy={busy}>
          Toevoegen
        </Button>
      </ButtonRow>
    </form>
  );
}

function AddCsv({ roundId, onAdded }: { roundId: string; onAdded: () => void }) {
  const [csv, setCsv] = useState("");
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > 5_000_000) {
      setError("Het bestand is groter dan 5 MB.");
      return;
    }
    setCsv(await file.text());
    setResult(null);
    setError(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const lines = csv.split(/\r?\n/);
      const imported = await importCsv(roundId, csv);
      const errors = imported.errors.map((e) => ({ ...e, text: lines[e.line - 1] ?? "" }));
      setResult({ added: imported.added, errors });
      // The good rows are in; what is left to fix are the bad ones.
      setCsv(errors.map((e) => e.text).join("\n"));
      if (imported.added > 0) onAdded();
    } catch (e) {
      setError(e instanceof ApiError && e.code === "round-closed" ? "Deze ronde is gesloten." : "Importeren is mislukt.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby="add-csv-title">
      <h3 id="add-csv-title">Lijst (CSV)</h3>
      <TextAreaField
        label="Plak regels: naam, e-mail, team"
        name="csv"
        rows={8}
        value={csv}
        onChange={(e) => setCsv(e.target.value)}
        placeholder={"naam;e-mail;team\nAnna de Vries;anna@example.org;Noord"}
        hint="Komma, puntkomma (Excel) of tab; een kopregel mag. Goede regels worden toegevoegd, foute regels blijven hier staan."
        required
      />
      <FileField label="Of kies een bestand" accept=".csv,.txt,text/csv,text/plain" onChange={readFile} />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {result ? (
        <div role="status" className="import-result">
          <p className={result.added ? "notice notice--success" : undefined}>
            {result.added === 1 ? "1 respondent toegevoegd." : `${result.added} respondenten toegevoegd.`}
            {result.errors.length ? ` ${result.errors.length === 1 ? "1 regel" : `${result.errors.length} regels`} niet:` : ""}
          </p>
          {result.errors.length ? (
            <ul className="csv-errors">
              {result.errors.map((e) => (
                <li key={e.line} data-line={e.line}>
                  <strong>Regel {e.line}:</strong> {e.message}
                  {e.text ? <code>{e.text}</code> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <ButtonRow>
        <Button type="submit" variant="secondary" busy={busy} disabled={!csv.trim()}>
          Importeren
        </Button>
      </ButtonRow>
    </form>
  );
}
