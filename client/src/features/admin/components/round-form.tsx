import { useEffect, useState, type FormEvent } from "react";
import { MailPreview } from "../../../components/mail-preview.tsx";
import { defaultSchedule, ReminderScheduleFields, type ReminderSchedule } from "../../../components/reminder-schedule-fields.tsx";
import { ApiError } from "../../../lib/http.ts";
import { mailCloseDate } from "../../../lib/mail-placeholders.ts";
import { followLink } from "../../../lib/navigate.ts";
import { createRound, fetchScans, type CreatedRound, type RoundInput, type ScanSummary, type User } from "../api.ts";
import { saveMailSettings, sendInvitations } from "../mail-api.ts";

/**
 * "Naam, e-mail, team" per line; the team is optional. For a scan a team answers together, each
 * line is a team: "team, e-mail, contactpersoon", the contact's name being optional.
 */
export function parseRespondents(text: string, teams = false): { respondents: RoundInput["respondents"]; bad: number[] } {
  const respondents: RoundInput["respondents"] = [];
  const bad: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const [first, email, third] = line.split(/[;,\t]/).map((p) => p.trim());
    if (!first || !email || !email.includes("@")) bad.push(i + 1);
    else if (teams) respondents.push({ name: third || `Team ${first}`, email, team: first });
    else respondents.push(third ? { name: first, email, team: third } : { name: first, email });
  });
  return { respondents, bad };
}

/** Why the server refused the round, in Dutch. */
function refusal(e: unknown): string {
  if (!(e instanceof ApiError)) return "De ronde kon niet worden aangemaakt.";
  if (e.status === 403) return "Je mag alleen rondes openen voor je eigen teams.";
  if (e.code === "below-privacy-floor") {
    const floor = /at least (\d+)/.exec(e.message)?.[1];
    return `De minimale groepsgrootte moet minstens ${floor ?? "de privacygrens"} zijn: de privacygrens van de organisatie.`;
  }
  if (e.code === "team-scan-open-link") return "Een teamscan heeft geen open link: elk team krijgt een eigen link.";
  if (e.code === "team-has-link") {
    const lines = e.issues.map((i) => Number(/^respondents\.(\d+)/.exec(i.field)?.[1]) + 1).filter((n) => n > 0);
    return `Elk team krijgt één link. Dit team staat er al eerder in: regel ${lines.join(", ")}.`;
  }
  if (e.issues.length) return `Controleer: ${e.issues.map((i) => i.field).join(", ")}.`;
  return "De ronde kon niet worden aangemaakt.";
}

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export function RoundForm({ user }: { user: User }) {
  const [scans, setScans] = useState<ScanSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedRound | null>(null);
  const [busy, setBusy] = useState(false);
  // Mail settings are the admin's (PUT mail-settings); a teamleader's round gets the defaults.
  const mailSettings = user.role === "admin";
  const [schedule, setSchedule] = useState<ReminderSchedule>(defaultSchedule);
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [preview, setPreview] = useState({ scanId: "", title: "", closesAt: "" });
  const [mailNotice, setMailNotice] = useState<string | null>(null);

  useEffect(() => {
    fetchScans().then(setScans, () => setError("De scans konden niet worden geladen."));
  }, []);
  // A scan a team answers together goes to teams, one link each, and has no open link.
  const selected = scans.find((s) => s.id === preview.scanId) ?? scans[0];
  const teamScan = selected?.versions[selected.versions.length - 1]?.answeredBy === "team";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const { respondents, bad } = parseRespondents(String(form.get("respondents") ?? ""), teamScan);
    if (bad.length) {
      setError(`Regel ${bad.join(", ")} van de ${teamScan ? "teams" : "respondenten"} mist een ${teamScan ? "team" : "naam"} of een geldig e-mailadres.`);
      return;
    }
    const minGroupSize = String(form.get("minGroupSize") ?? "").trim();
    const anonymous = String(form.get("anonymous"));
    if (mailSettings && (subject.trim() === "") !== (body.trim() === "")) {
      setError("Vul bij een eigen uitnodiging zowel het onderwerp als de tekst in, of laat beide leeg.");
      return;
    }
    setBusy(true);
    setError(null);
    setMailNotice(null);
    let round: CreatedRound;
    try {
      round = await createRound({
          scanId: String(form.get("scanId")),
          title: String(form.get("title")),
          group: String(form.get("group")),
          opensAt: new Date(String(form.get("opensAt"))).toISOString(),
          closesAt: new Date(String(form.get("closesAt"))).toISOString(),
          ...(anonymous === "scan" ? {} : { anonymous: anonymous === "yes" }),
          allowEdit: form.get("allowEdit") === "on",
          openLink: !teamScan && form.get("openLink") === "on",
          ...(minGroupSize && !teamScan ? { minGroupSize: Number(minGroupSize) } : {}),
          respondents,
        });
    } catch (e) {
      setError(refusal(e));
      setBusy(false);
      return;
    }
    // The round exists from here on; what fails below is reported on its page, not retried here.
    if (mailSettings) {
      try {
        const texts = subject.trim() && body.trim() ? { invitation: { subject: subject.trim(), body: body.trim() } } : {};
        await saveMailSettings(round.round.id, { ...schedule, texts });
        if (form.get("invite") === "on" && respondents.length > 0) {
          const { queued } = await sendInvitations(round.round.id);
          setMailNotice(`${queued === 1 ? "1 uitnodiging staat" : `${queued} uitnodigingen staan`} klaar om te versturen.`);
        }
      } catch {
        setMailNotice("De ronde is aangemaakt, maar de mailinstellingen of uitnodigingen niet. Stel ze in bij de ronde.");
      }
    }
    setCreated(round);
    setBusy(false);
  }

  if (created) {
    return (
      <section aria-labelledby="created-title">
        <h1 id="created-title">Ronde “{created.round.title}” staat klaar</h1>
        {mailNotice ? (
          <p className="admin-notice" role="status">
            {mailNotice}
          </p>
        ) : null}
        <p>
          <a href={`/admin/rounds/${created.round.id}/respondents`} onClick={followLink}>
            Respondenten, uitnodigingen en herinneringen van deze ronde
          </a>
        </p>
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
      <form
        className="admin-form"
        onSubmit={submit}
        onChange={(e) => {
          const form = new FormData(e.currentTarget);
          setPreview({ scanId: String(form.get("scanId") ?? ""), title: String(form.get("title") ?? ""), closesAt: String(form.get("closesAt") ?? "") });
        }}
      >
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
        {teamScan ? (
          <p className="admin-hint" id="team-scan-hint">
            Deze scan vult een team samen in: elk team krijgt één eigen link, die het team samen invult. Er is geen open link.
          </p>
        ) : (
          <>
            <label className="check">
              <input name="openLink" type="checkbox" /> Ook een open link maken (voor iedereen met de link)
            </label>
            <label>
              Minimale groepsgrootte (leeg: de standaard van de organisatie)
              <input name="minGroupSize" type="number" inputMode="numeric" min={3} max={1000} step={1} />
            </label>
          </>
        )}
        {teamScan ? (
          <label>
            Teams (één per regel: team, e-mail van wie de link krijgt, naam van die persoon)
            <textarea name="respondents" rows={6} placeholder={"Noord, teamleider.noord@example.org, Anna de Vries"} aria-describedby="team-scan-hint" />
          </label>
        ) : (
          <label>
            Respondenten (één per regel: naam, e-mail, team)
            <textarea name="respondents" rows={6} placeholder={"Anna de Vries, anna@example.org, Noord"} />
          </label>
        )}
        {mailSettings ? (
          <fieldset className="round-mail">
            <legend>Uitnodiging per e-mail</legend>
            <label className="check">
              <input name="invite" type="checkbox" /> Uitnodigingen meteen versturen aan de respondenten hierboven
            </label>
            <label>
              Eigen onderwerp (leeg: de standaardtekst)
              <input value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} placeholder="Uitnodiging: {scan}" />
            </label>
            <label>
              Eigen tekst (leeg: de standaardtekst)
              <textarea
                value={body}
                rows={8}
                maxLength={10_000}
                onChange={(e) => setBody(e.target.value)}
                placeholder={"Beste {naam},\n\nVul vóór {sluitdatum} de {scan} in via je persoonlijke link:\n\n{link}"}
              />
            </label>
            <p className="admin-hint">
              Invulvelden: <code>{"{naam}"}</code> <code>{"{scan}"}</code> <code>{"{ronde}"}</code> <code>{"{sluitdatum}"}</code>{" "}
              <code>{"{link}"}</code>. Herinneringsteksten pas je aan bij de ronde.
            </p>
            {body.trim() ? (
              <MailPreview
                subject={subject}
                body={body}
                values={{
                  naam: "Anna de Vries",
                  scan: scans.find((s) => s.id === preview.scanId)?.title ?? scans[0]?.title ?? "",
                  ronde: preview.title,
                  sluitdatum: preview.closesAt ? mailCloseDate(new Date(preview.closesAt).toISOString()) : "",
                  link: `${window.location.origin}/r/persoonlijke-link`,
                }}
              />
            ) : null}
            <ReminderScheduleFields value={schedule} onChange={setSchedule} />
          </fieldset>
        ) : (
          <p className="admin-hint">Uitnodigingen en herinneringen gaan met de standaardtekst; een beheerder kan ze aanpassen bij de ronde.</p>
        )}
        {error ? <p className="admin-error" role="alert">{error}</p> : null}
        <button type="submit" disabled={busy || scans.length === 0}>
          Ronde aanmaken
        </button>
      </form>
    </section>
  );
}
