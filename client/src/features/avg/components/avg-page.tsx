// "AVG-verzoeken" (admin): everything Peilstok holds about one e-mail address, to hand to the
// person who asked (inzage, art. 15 AVG) as a JSON file, and erasing it (art. 17) after typing
// the address a second time. Both are recorded in the audit log, by a hash of the address only.
import { useState, type FormEvent } from "react";
import { Button, ButtonRow } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { TextField } from "../../../components/field.tsx";
import { Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { DataTable } from "../../../components/table.tsx";
import { useAdminUser } from "../../../lib/admin-session.ts";
import { formatDate } from "../../../lib/format-date.ts";
import { ApiError } from "../../../lib/http.ts";
import { count } from "../../../lib/labels.ts";
import { downloadSubject, eraseSubject, fetchSubject, type Erasure, type SubjectExport } from "../api.ts";
import "../avg.css";

type Participation = SubjectExport["deelnames"][number];

function answers(p: Participation): string {
  if (p.ronde.anoniem) return "anoniem: niet aan deze persoon gekoppeld";
  if (typeof p.antwoorden === "string") return "geen";
  return `${p.antwoorden.status}, ${count(p.antwoorden.vragen.length, "vraag", "vragen")}`;
}

/** Whether the app holds anything about the address at all. */
function holdsAnything(d: SubjectExport): boolean {
  return d.deelnames.length > 0 || d.emails.length > 0 || d.account !== null || d.aanvragenOmToegang.length > 0 || d.logboek.length > 0;
}

function erasedSummary(e: Erasure): string {
  const parts: string[] = [];
  parts.push(e.respondents ? `uit ${count(e.respondents, "ronde", "rondes")} verwijderd` : "in geen enkele ronde");
  if (e.responsesDeleted) parts.push(`${count(e.responsesDeleted, "set antwoorden", "sets antwoorden")} gewist`);
  if (e.mails) parts.push(`${count(e.mails, "andere mail", "andere mails")} gewist`);
  if (e.account === "deleted") parts.push("het account verwijderd");
  if (e.signInRequests) parts.push("de aanvraag om toegang verwijderd");
  return parts.join(", ");
}

export function AvgPage() {
  const user = useAdminUser();
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [data, setData] = useState<SubjectExport | null>(null);
  const [erasing, setErasing] = useState(false);
  const [erased, setErased] = useState<{ email: string; result: Erasure } | null>(null);

  async function lookUp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErased(null);
    setData(null);
    try {
      setData(await fetchSubject(email.trim()));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 400 ? "Vul een geldig e-mailadres in." : "Opzoeken is niet gelukt. Probeer het opnieuw.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="AVG-verzoeken"
        meta="Vraagt iemand wat Peilstok over hem of haar bewaart (inzage), of wil iemand dat alles wordt gewist? Zoek het e-mailadres op, download het overzicht voor de persoon, en wis het als daarom is gevraagd."
      />
      <Card title="E-mailadres opzoeken">
        <form className="form avg-lookup" onSubmit={lookUp}>
          <TextField
            label="E-mailadres"
            name="email"
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            hint="Als deelnemer aan een peiling, als gebruiker van de beheeromgeving en als aanvraag om toegang. Het opzoeken komt in het logboek, zonder het e-mailadres."
          />
          {error ? <Notice kind="error">{error}</Notice> : null}
          <ButtonRow>
            <Button type="submit" busy={busy} busyLabel="Bezig met opzoeken…">
              Opzoeken
            </Button>
          </ButtonRow>
        </form>
      </Card>

      {erased ? (
        <Notice kind="success" title={`Alles over ${erased.email} is gewist.`}>
          <p>Peilstok heeft deze persoon {erasedSummary(erased.result)}. Wat blijft:</p>
          <ul>
            {erased.result.kept.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        </Notice>
      ) : null}

      {data ? (
        <SubjectSummary
          data={data}
          own={data.verzoek.emailadres === user.email.toLowerCase()}
          erasing={erasing}
          onErase={() => setErasing(true)}
          onClose={() => setErasing(false)}
          onErased={(result) => {
            setErased({ email: data.verzoek.emailadres, result });
            setData(null);
            setErasing(false);
          }}
        />
      ) : null}
    </>
  );
}

function SubjectSummary({
  data,
  own,
  erasing,
  onErase,
  onClose,
  onErased,
}: {
  data: SubjectExport;
  own: boolean;
  erasing: boolean;
  onErase: () => void;
  onClose: () => void;
  onErased: (result: Erasure) => void;
}) {
  const address = data.verzoek.emailadres;
  const anything = holdsAnything(data);
  return (
    <Card title={`Wat Peilstok bewaart over ${address}`} className="avg-summary">
      {anything ? null : <Notice kind="info">Peilstok bewaart niets over dit e-mailadres. Het overzicht kun je toch downloaden als antwoord aan de persoon.</Notice>}
      {data.deelnames.length > 0 ? (
        <DataTable label="Deelnames aan peilingen" className="avg-table">
          <thead>
            <tr>
              <th scope="col">Ronde</th>
              <th scope="col">Naam en team</th>
              <th scope="col">Voortgang</th>
              <th scope="col">Antwoorden</th>
            </tr>
          </thead>
          <tbody>
            {data.deelnames.map((p, i) => (
              <tr key={i}>
                <td data-label="Ronde">
                  {p.ronde.titel}
                  <span className="muted avg-sub">
                    {p.ronde.groep}
                    {p.ronde.openVanaf ? ` · vanaf ${formatDate(p.ronde.openVanaf)}` : ""}
                  </span>
                </td>
                <td data-label="Naam en team">
                  {p.naam}
                  {p.team ? <span className="muted avg-sub">{p.team}</span> : null}
                </td>
                <td data-label="Voortgang">{p.voortgang}</td>
                <td data-label="Antwoorden">{answers(p)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      <dl className="avg-facts">
        <dt>Deelnames aan peilingen</dt>
        <dd>{data.deelnames.length}</dd>
        <dt>Verstuurde en klaargezette mails</dt>
        <dd>{data.emails.length}</dd>
        <dt>Account in de beheeromgeving</dt>
        <dd>{data.account ? `${data.account.rol}${data.account.teams.length ? ` (${data.account.teams.join(", ")})` : ""}, ${data.account.actief ? "actief" : "gedeactiveerd"}` : "geen"}</dd>
        <dt>Aanvragen om toegang</dt>
        <dd>{data.aanvragenOmToegang.length}</dd>
        <dt>Regels in het logboek als gebruiker</dt>
        <dd>{data.logboek.length}</dd>
      </dl>
      <ButtonRow>
        <Button onClick={() => downloadSubject(data)}>Overzicht downloaden (JSON)</Button>
        {anything ? (
          <Button variant="danger" onClick={onErase}>
            Alles wissen…
          </Button>
        ) : null}
      </ButtonRow>
      {erasing ? <EraseDialog address={address} data={data} own={own} onClose={onClose} onErased={onErased} /> : null}
    </Card>
  );
}

function EraseDialog({ address, data, own, onClose, onErased }: { address: string; data: SubjectExport; own: boolean; onClose: () => void; onErased: (result: Erasure) => void }) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const anonymous = data.deelnames.filter((p) => p.ronde.anoniem).length;

  async function erase() {
    if (typed.trim().toLowerCase() !== address) {
      setError("Typ het e-mailadres precies zoals hierboven om te bevestigen.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onErased(await eraseSubject(address, typed.trim()));
    } catch (e) {
      setBusy(false);
      setError(
        e instanceof ApiError && e.code === "last-admin"
          ? "Dit is de laatste actieve beheerder. Maak eerst iemand anders beheerder."
          : e instanceof ApiError && e.status === 400
            ? "Het tweede e-mailadres is niet hetzelfde."
            : "Wissen is niet gelukt. Er is niets gewist; probeer het opnieuw.",
      );
    }
  }

  return (
    <ConfirmDialog title={`Alles over ${address} wissen?`} confirmLabel="Definitief wissen" danger busy={busy} error={error} onConfirm={() => void erase()} onClose={onClose}>
      <p>Dit kan niet ongedaan worden gemaakt. Download eerst het overzicht als de persoon ook om inzage vroeg.</p>
      <ul>
        {data.deelnames.length ? (
          <li>
            De persoon verdwijnt uit {count(data.deelnames.length, "ronde", "rondes")}: naam, link, mails en de gekoppelde antwoorden.
          </li>
        ) : null}
        {anonymous ? <li>In {count(anonymous, "anonieme ronde", "anonieme rondes")} blijven de antwoorden, want die zijn niet aan de persoon gekoppeld.</li> : null}
        {data.account ? <li>Het account in de beheeromgeving wordt verwijderd.</li> : null}
        {data.aanvragenOmToegang.length ? <li>De aanvraag om toegang wordt verwijderd.</li> : null}
      </ul>
      {own ? <Notice kind="warning">Dit is je eigen e-mailadres: je account wordt verwijderd en je wordt uitgelogd.</Notice> : null}
      <TextField label="Typ het e-mailadres nogmaals ter bevestiging" name="confirm" type="email" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
    </ConfirmDialog>
  );
}
