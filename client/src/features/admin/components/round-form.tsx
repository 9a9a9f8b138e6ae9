// A new round: scan, title, group, dates (in the server's time zone), anonymity, respondents and,
// for admins, the invitation text, the reminder schedule and inviting at once (after a confirmation
// that says how many people get a mail).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { AppLink, Button, ButtonRow } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { CheckboxField, DateTimeField, FieldRow, Fieldset, SelectField, TextAreaField, TextField } from "../../../components/field.tsx";
import { MailPreview } from "../../../components/mail-preview.tsx";
import { Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { defaultSchedule, ReminderScheduleFields, type ReminderSchedule } from "../../../components/reminder-schedule-fields.tsx";
import { DataTable } from "../../../components/table.tsx";
import { useAdminUser } from "../../../lib/admin-session.ts";
import { fromZonedInput, toZonedInput } from "../../../lib/format-date.ts";
import { ApiError } from "../../../lib/http.ts";
import { count } from "../../../lib/labels.ts";
import { mailCloseDate } from "../../../lib/mail-placeholders.ts";
import { createRound, fetchScans, type CreatedRound, type RoundInput, type ScanSummary } from "../api.ts";
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

const fieldNames: Record<string, string> = {
  scanId: "scan",
  title: "titel",
  group: "groep",
  opensAt: "opent",
  closesAt: "sluit",
  respondents: "respondenten",
  minGroupSize: "minimale groepsgrootte",
};

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
  if (e.issues.length) return `Controleer: ${[...new Set(e.issues.map((i) => fieldNames[i.field.split(".")[0]!] ?? i.field))].join(", ")}.`;
  return "De ronde kon niet worden aangemaakt.";
}

interface Pending {
  input: RoundInput;
  invite: boolean;
}

export function RoundFormPage() {
  const user = useAdminUser();
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
  const [mailNotice, setMailNotice] = useState<{ kind: "success" | "warning"; text: string } | null>(null);
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const defaults = useRef({ opensAt: toZonedInput(new Date()), closesAt: toZonedInput(new Date(Date.now() + 14 * 86_400_000)) });

  useEffect(() => {
    fetchScans().then(setScans, () => setError("De scans konden niet worden geladen."));
  }, []);
  // A scan a team answers together goes to teams, one link each, and has no open link.
  const selected = scans.find((s) => s.id === preview.scanId) ?? scans[0];
  const teamScan = selected?.versions[selected.versions.length - 1]?.answeredBy === "team";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const { respondents, bad } = parseRespondents(String(form.get("respondents") ?? ""), teamScan);
    if (bad.length) {
      setError(`Regel ${bad.join(", ")} van de ${teamScan ? "teams" : "respondenten"} mist een ${teamScan ? "team" : "naam"} of een geldig e-mailadres.`);
      return;
    }
    const minGroupSize = String(form.get("minGroupSize") ?? "").trim();
    if (mailSettings && (subject.trim() === "") !== (body.trim() === "")) {
      setError("Vul bij een eigen uitnodiging zowel het onderwerp als de tekst in, of laat beide leeg.");
      return;
    }
    const opensAt = fromZonedInput(String(form.get("opensAt")));
    const closesAt = fromZonedInput(String(form.get("closesAt")));
    if (!opensAt || !closesAt) {
      setError("Vul een datum en tijd in bij ‘Opent’ en ‘Sluit’.");
      return;
    }
    if (closesAt <= opensAt) {
      setError("De ronde moet sluiten na het moment waarop hij opent.");
      return;
    }
    const anonymous = String(form.get("anonymous"));
    const pending: Pending = {
      input: {
        scanId: String(form.get("scanId")),
        title: String(form.get("title")),
        group: String(form.get("group")),
        opensAt,
        closesAt,
        ...(anonymous === "scan" ? {} : { anonymous: anonymous === "yes" }),
        allowEdit: form.get("allowEdit") === "on",
        openLink: !teamScan && form.get("openLink") === "on",
        ...(!teamScan && form.get("openLink") === "on"
          ? {
              openLinkLimits: {
                maxResponses: Number(form.get("openLinkMax") || 1000),
                perHour: Number(form.get("openLinkPerHour") || 200),
                onePerDevice: form.get("openLinkOnePerDevice") === "on",
              },
            }
          : {}),
        ...(minGroupSize && !teamScan ? { minGroupSize: Number(minGroupSize) } : {}),
        respondents,
      },
      invite: mailSettings && form.get("invite") === "on" && respondents.length > 0,
    };
    setError(null);
    // Mailing people cannot be taken back: say how many first.
    if (pending.invite) setConfirming(pending);
    else void create(pending);
  }

  async function create({ input, invite }: Pending) {
    setBusy(true);
    setMailNotice(null);
    let round: CreatedRound;
    try {
      round = await createRound(input);
    } catch (e) {
      setError(refusal(e));
      setBusy(false);
      setConfirming(null);
      return;
    }
    // The round exists from here on; what fails below is reported on its page, not retried here.
    if (mailSettings) {
      try {
        const texts = subject.trim() && body.trim() ? { invitation: { subject: subject.trim(), body: body.trim() } } : {};
        await saveMailSettings(round.round.id, { ...schedule, texts });
        if (invite) {
          const { queued } = await sendInvitations(round.round.id);
          setMailNotice({
            kind: "success",
            text: `${queued === 1 ? "1 uitnodiging staat" : `${queued} uitnodigingen staan`} klaar om te versturen.`,
          });
        }
      } catch {
        setMailNotice({ kind: "warning", text: "De ronde is aangemaakt, maar de mailinstellingen of uitnodigingen niet. Stel ze in bij de ronde." });
      }
    }
    setConfirming(null);
    setCreated(round);
    setBusy(false);
  }

  if (created) {
    return (
      <>
        <PageHeader
          title={`Ronde “${created.round.title}” staat klaar`}
          crumbs={[{ label: "Rondes", href: "/admin" }, { label: "Nieuwe ronde" }]}
        />
        {mailNotice ? <Notice kind={mailNotice.kind}>{mailNotice.text}</Notice> : null}
        <p>
          <AppLink href={`/admin/rounds/${created.round.id}/respondents`}>Respondenten, uitnodigingen en herinneringen van deze ronde</AppLink>
        </p>
        {created.openLink || created.links.length ? (
          <Card title="Links">
            <Notice kind="warning">Bewaar de links nu: Peilstok slaat alleen een vingerafdruk ervan op en kan ze niet opnieuw tonen.</Notice>
            {created.openLink ? (
              <p className="break-anywhere">
                Open link: <a href={created.openLink} className="round-link">{created.openLink}</a>
              </p>
            ) : null}
            {created.links.length ? (
              <DataTable label="Persoonlijke links">
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
                        <a href={l.url} className="round-link">
                          {l.url}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            ) : null}
          </Card>
        ) : null}
        <Button variant="secondary" onClick={() => setCreated(null)}>
          Nog een ronde maken
        </Button>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Nieuwe ronde" crumbs={[{ label: "Rondes", href: "/admin" }, { label: "Nieuwe ronde" }]} />
      <form
        className="form"
        onSubmit={submit}
        onChange={(e) => {
          const form = new FormData(e.currentTarget);
          setPreview({ scanId: String(form.get("scanId") ?? ""), title: String(form.get("title") ?? ""), closesAt: String(form.get("closesAt") ?? "") });
        }}
      >
        <SelectField label="Scan" name="scanId" required>
          {scans.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title} (v{s.versions[s.versions.length - 1]?.version ?? "?"})
            </option>
          ))}
        </SelectField>
        <TextField label="Titel" name="title" required maxLength={200} placeholder="Voorjaar 2026" />
        {user.role === "teamleader" ? (
          <SelectField label="Groep of team" name="group" required>
            {user.teams.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </SelectField>
        ) : (
          <TextField label="Groep of team" name="group" required maxLength={200} placeholder="Wijkteam Noord" />
        )}
        <FieldRow>
          <DateTimeField label="Opent" name="opensAt" required defaultValue={defaults.current.opensAt} />
          <DateTimeField label="Sluit" name="closesAt" required defaultValue={defaults.current.closesAt} />
        </FieldRow>
        <SelectField label="Anonimiteit" name="anonymous" defaultValue="scan">
          <option value="scan">Zoals de scan aangeeft</option>
          <option value="yes">Anoniem</option>
          <option value="no">Niet anoniem</option>
        </SelectField>
        <CheckboxField name="allowEdit" defaultChecked label="Respondenten mogen hun antwoorden aanpassen tot de ronde sluit" />
        {teamScan ? (
          <>
            <Notice>Deze scan vult een team samen in: elk team krijgt één eigen link, die het team samen invult. Er is geen open link.</Notice>
            <TextAreaField
              label="Teams (één per regel: team, e-mail van wie de link krijgt, naam van die persoon)"
              name="respondents"
              rows={6}
              placeholder={"Noord, teamleider.noord@example.org, Anna de Vries"}
            />
          </>
        ) : (
          <>
            <CheckboxField name="openLink" label="Ook een open link maken (voor iedereen met de link)" />
            <details className="open-link-limits">
              <summary>Grenzen van de open link</summary>
              <FieldRow>
                <TextField
                  label="Hoogstens zoveel antwoorden in totaal"
                  name="openLinkMax"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100000}
                  step={1}
                  defaultValue={1000}
                />
                <TextField
                  label="Hoogstens zoveel nieuwe antwoorden per uur"
                  name="openLinkPerHour"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100000}
                  step={1}
                  defaultValue={200}
                />
              </FieldRow>
              <CheckboxField
                name="openLinkOnePerDevice"
                defaultChecked
                label="Eén antwoord per browser (zet uit als mensen om de beurt op één tablet antwoorden)"
              />
            </details>
            <TextField
              label="Minimale groepsgrootte (leeg: de standaard van de organisatie)"
              name="minGroupSize"
              type="number"
              inputMode="numeric"
              min={3}
              max={1000}
              step={1}
            />
            <TextAreaField
              label="Respondenten (één per regel: naam, e-mail, team)"
              name="respondents"
              rows={6}
              placeholder={"Anna de Vries, anna@example.org, Noord"}
            />
          </>
        )}
        {mailSettings ? (
          <Fieldset legend="Uitnodiging per e-mail">
            <CheckboxField name="invite" label="Uitnodigingen meteen versturen aan de respondenten hierboven" />
            <TextField
              label="Eigen onderwerp (leeg: de standaardtekst)"
              value={subject}
              maxLength={200}
              onChange={(e) => setSubject(e.target.value)}
              placeholder="Uitnodiging: {scan}"
            />
            <TextAreaField
              label="Eigen tekst (leeg: de standaardtekst)"
              value={body}
              rows={8}
              maxLength={10_000}
              onChange={(e) => setBody(e.target.value)}
              placeholder={"Beste {naam},\n\nVul vóór {sluitdatum} de {scan} in via je persoonlijke link:\n\n{link}"}
              hint={
                <>
                  Invulvelden: <code>{"{naam}"}</code> <code>{"{scan}"}</code> <code>{"{ronde}"}</code> <code>{"{sluitdatum}"}</code>{" "}
                  <code>{"{link}"}</code>. Herinneringsteksten pas je aan bij de ronde.
                </>
              }
            />
            {body.trim() ? (
              <MailPreview
                subject={subject}
                body={body}
                values={{
                  naam: "Anna de Vries",
                  scan: scans.find((s) => s.id === preview.scanId)?.title ?? scans[0]?.title ?? "",
                  ronde: preview.title,
                  sluitdatum: mailCloseDate(fromZonedInput(preview.closesAt) ?? new Date(Date.now() + 14 * 86_400_000).toISOString()),
                  link: `${window.location.origin}/r/persoonlijke-link`,
                }}
              />
            ) : null}
            <ReminderScheduleFields value={schedule} onChange={setSchedule} />
          </Fieldset>
        ) : (
          <p className="muted">Uitnodigingen en herinneringen gaan met de standaardtekst; een beheerder kan ze aanpassen bij de ronde.</p>
        )}
        {error ? <Notice kind="error">{error}</Notice> : null}
        <ButtonRow>
          <Button type="submit" busy={busy && !confirming} disabled={scans.length === 0}>
            Ronde aanmaken
          </Button>
        </ButtonRow>
      </form>
      {confirming ? (
        <ConfirmDialog
          title={`Ronde aanmaken en ${count(confirming.input.respondents.length, "uitnodiging", "uitnodigingen")} versturen?`}
          confirmLabel={`Aanmaken en ${count(confirming.input.respondents.length, "uitnodiging", "uitnodigingen")} versturen`}
          busy={busy}
          onConfirm={() => void create(confirming)}
          onClose={() => {
            if (!busy) setConfirming(null);
          }}
        >
          <p>
            {confirming.input.respondents.length === 1 ? "De respondent krijgt" : `Alle ${confirming.input.respondents.length} respondenten krijgen`} nu
            een mail met hun persoonlijke link voor “{confirming.input.title}”. Een verstuurde mail kan niet worden teruggehaald.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
