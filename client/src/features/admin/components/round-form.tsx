import { useEffect, useState, type FormEvent } from "react";
import { ApiError } from "../../../lib/http.ts";
import { createRound, fetchScans, type CreatedRound, type RoundInput, type ScanSummary, type User } from "../api.ts";

/** "Naam, e-mail, team" per line; the team is optional. */
export function parseRespondents(text: string): { respondents: RoundInput["respondents"]; bad: number[] } {
  const respondents: RoundInput["respondents"] = [];
  const bad: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const [name, email, team] = line.split(/[;,\t]/).map((p) => p.trim());
    if (!name || !email || !email.includes("@")) bad.push(i + 1);
    else respondents.push(team ? { name, email, team } : { name, email });
  });
  return { respondents, bad };
}

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export function RoundForm({ user }: { user: User }) {
  const [scans, setScans] = useState<ScanSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedRound | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetchScans().then(setScans, () => setError("De scans konden niet worden geladen."));
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const { respondents, bad } = parseRespondents(String(form.get("respondents") ?? ""));
    if (bad.length) {
      setError(`Regel ${bad.join(", ")} van de respondenten mist een naam of een geldig e-mailadres.`);
      return;
    }
    const anonymous = String(form.get("anonymous"));
    setBusy(true);
    setError(null);
    try {
      setCreated(
        await createRound({
          scanId: String(form.get("scanId")),
          title: String(form.get("title")),
          group: String(form.get("group")),
          opensAt: new Date(String(form.get("opensAt"))).toISOString(),
          closesAt: new Date(String(form.get("closesAt"))).toISOString(),
          ...(anonymous === "scan" ? {} : { anonymous: anonymous === "yes" }),
          allowEdit: form.get("allowEdit") === "on",
          openLink: form.get("openLink") === "on",
          respondents,
        }),
      );
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 403
          ? "Je mag alleen rondes openen voor je eigen teams."
          : e instanceof ApiError && e.issues.length
            ? `Controleer: ${e.issues.map((i) => i.field).join(", ")}.`
            : "De ronde kon niet worden aangemaakt.",
      );
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <section aria-labelledby="created-title">
        <h1 id="created-title">Ronde “{created.round.title}” staat klaar</h1>
        <p>Bewaar de links nu: Peilstok slaat alleen een vingerafdruk ervan op en kan ze niet opnieuw tonen.</p>
        {created.openLink ? (
          <p>
            Open link: <a href={created.openLink} className="round-link">{created.openLink}</a>
          </p>
        ) : null}
        {created.links.length ? (
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Naam</th>
                <th scope="col">E-mail</th>
                <th scope="col">Persoonlijke link</th>
              </tr>
            </thead>
            <tbody>
              {created.links.map((l) => (
                <tr key={l.url}>
                  <td>{l.name}</td>
                  <td>{l.email}</td>
                  <td>
                    <a href={l.url} className="round-link">{l.url}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <button type="button" onClick={() => setCreated(null)}>
          Nog een ronde maken
        </button>
      </section>
    );
  }

  const now = new Date();
  return (
    <section aria-labelledby="round-title">
      <h1 id="round-title">Nieuwe ronde</h1>
      <form className="admin-form" onSubmit={submit}>
        <label>
          Scan
          <select name="scanId" required>
            {scans.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} (v{s.versions[s.versions.length - 1]?.version ?? "?"})
              </option>
            ))}
          </select>
        </label>
        <label>
          Titel
          <input name="title" required maxLength={200} placeholder="Voorjaar 2026" />
        </label>
        <label>
          Groep of team
          {user.role === "teamleader" ? (
            <select name="group" required>
              {user.teams.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          ) : (
            <input name="group" required maxLength={200} placeholder="Wijkteam Noord" />
          )}
        </label>
        <div className="admin-row">
          <label>
            Opent
            <input name="opensAt" type="datetime-local" required defaultValue={localInput(now)} />
          </label>
          <label>
            Sluit
            <input name="closesAt" type="datetime-local" required defaultValue={localInput(new Date(now.getTime() + 14 * 86_400_000))} />
          </label>
        </div>
        <label>
          Anonimiteit
          <select name="anonymous" defaultValue="scan">
            <option value="scan">Zoals de scan aangeeft</option>
            <option value="yes">Anoniem</option>
            <option value="no">Niet anoniem</option>
          </select>
        </label>
        <label className="check">
          <input name="allowEdit" type="checkbox" defaultChecked /> Respondenten mogen hun antwoorden aanpassen tot de ronde sluit
        </label>
        <label className="check">
          <input name="openLink" type="checkbox" /> Ook een open link maken (voor iedereen met de link)
        </label>
        <label>
          Respondenten (één per regel: naam, e-mail, team)
          <textarea name="respondents" rows={6} placeholder={"Anna de Vries, anna@example.org, Noord"} />
        </label>
        <p className="admin-hint">Uitnodigingen, mailtekst en herinneringen stel je daarna in bij de ronde.</p>
        {error ? <p className="admin-error" role="alert">{error}</p> : null}
        <button type="submit" disabled={busy || scans.length === 0}>
          Ronde aanmaken
        </button>
      </form>
    </section>
  );
}
