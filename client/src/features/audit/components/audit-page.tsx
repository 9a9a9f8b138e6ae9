// "Logboek" (admin): who did what, newest first, filtered by person, round, action and period, a
// page at a time. The filters live in the address (?round=…), so a round's page can link here.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Button, ButtonRow } from "../../../components/button.tsx";
import { FieldRow, SelectField, TextField } from "../../../components/field.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { DataTable } from "../../../components/table.tsx";
import { formatDateTime } from "../../../lib/format-date.ts";
import { count, roleNames } from "../../../lib/labels.ts";
import { fetchAuditPage, fetchRoundOptions, type AuditEntryView, type AuditFilter, type AuditPage, type RoundOption } from "../api.ts";
import "../audit.css";

const filterKeys = ["actor", "round", "action", "from", "to"] as const;

function readFilter(): AuditFilter {
  const q = new URLSearchParams(window.location.search);
  const filter: AuditFilter = { page: Math.max(1, Number(q.get("page")) || 1) };
  for (const key of filterKeys) filter[key] = q.get(key) || undefined;
  return filter;
}

function writeFilter(filter: AuditFilter) {
  const q = new URLSearchParams();
  for (const key of filterKeys) if (filter[key]) q.set(key, filter[key]!);
  if (filter.page && filter.page > 1) q.set("page", String(filter.page));
  const query = q.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
}

const actorKinds: Record<string, string> = { token: "API-sleutel", system: "Peilstok zelf", cli: "opdrachtregel", anonymous: "niet ingelogd" };

function who(e: AuditEntryView): string {
  if (e.actor.kind === "account") return e.actor.email ?? "onbekend account";
  if (e.actor.kind === "cli") return e.actor.email ?? "opdrachtregel";
  return actorKinds[e.actor.kind] ?? e.actor.kind;
}

const role = (r: unknown) => (typeof r === "string" && r in roleNames ? roleNames[r as keyof typeof roleNames] : String(r));
const teams = (t: unknown) => (Array.isArray(t) && t.length ? ` (${t.join(", ")})` : "");
const yes = (v: unknown) => (v ? "ja" : "nee");

const changeNames: Record<string, string> = {
  dates: "gegevens gewijzigd",
  close: "nu gesloten",
  reopen: "heropend",
  archive: "gearchiveerd",
  unarchive: "uit het archief gehaald",
  "open-link": "grenzen van de open link gewijzigd",
  "exclude-burst": "piek van de open link weggelaten",
  "restore-burst": "weggelaten piek teruggezet",
  "action-added": "actie toegevoegd",
  "action-changed": "actie gewijzigd",
};

const formatNames: Record<string, string> = { csv: "CSV", xlsx: "XLSX", "answers-csv": "antwoorden (CSV)", codebook: "codeboek (CSV)" };

const statusNames: Record<string, string> = { planned: "gepland", doing: "bezig", done: "klaar", dropped: "vervallen" };

const methodNames: Record<string, string> = { password: "met wachtwoord", oidc: "met organisatieaccount" };
const reasonNames: Record<string, string> = {
  "awaiting-role": "wacht op een rol",
  deactivated: "account gedeactiveerd",
  "role-withdrawn": "rol ingetrokken door de organisatie",
  "no-email": "geen e-mailadres van de organisatie",
  "email-in-use": "e-mailadres hoort bij een ander account",
};

/** The facts of an entry in a short Dutch line; unknown facts as "name: value". */
/** An entry's details in words; `actionLabels` names the actions a filter can name (the page's list). */
function describe(e: AuditEntryView, actionLabels: ReadonlyMap<string, string>): string {
  const d = e.details as Record<string, unknown>;
  const parts: string[] = [];
  const used = new Set<string>();
  const take = (key: string, text: (v: unknown) => string | null) => {
    if (!(key in d) || used.has(key)) return;
    used.add(key);
    const t = text(d[key]);
    if (t) parts.push(t);
  };
  take("method", (v) => methodNames[String(v)] ?? String(v));
  take("reason", (v) => reasonNames[String(v)] ?? String(v));
  take("knownAccount", (v) => (v === false ? "onbekend e-mailadres (niet bewaard)" : null));
  take("deactivated", (v) => (v ? "account gedeactiveerd" : null));
  take("before", (v) => {
    const b = v as { role?: unknown; teams?: unknown; active?: unknown };
    const a = d.after as { role?: unknown; teams?: unknown; active?: unknown } | undefined;
    used.add("after");
    if (!a) return null;
    const out: string[] = [];
    if (b.role !== a.role || JSON.stringify(b.teams) !== JSON.stringify(a.teams)) out.push(`rol ${role(b.role)}${teams(b.teams)} → ${role(a.role)}${teams(a.teams)}`);
    if (b.active !== undefined && b.active !== a.active) out.push(a.active ? "geactiveerd" : "gedeactiveerd");
    return out.join(", ") || "niets veranderd";
  });
  take("source", (v) => (v === "oidc-claims" ? "volgens de organisatie (claims)" : String(v)));
  take("role", (v) => `rol ${role(v)}${teams(d.teams)}`);
  if ("role" in d) used.add("teams");
  // A round's facts (round.create); its title and group are in the round column already.
  take("change", (v) => changeNames[String(v)] ?? String(v));
  take("title", (v) => (e.action === "round.update" ? `titel "${String(v)}"` : null));
  take("group", () => null);
  take("scan", (v) => `scan ${String(v)}${"version" in d ? ` versie ${String(d.version)}` : ""}`);
  if ("scan" in d) used.add("version");
  take("opensAt", (v) => `open ${formatDateTime(String(v))}${typeof d.closesAt === "string" ? ` tot ${formatDateTime(d.closesAt)}` : ""}`);
  if ("opensAt" in d) used.add("closesAt");
  take("closesAt", (v) => `sluit ${formatDateTime(String(v))}`);
  take("closedAt", (v) => `gesloten ${formatDateTime(String(v))}`);
  take("responses", (v) => count(Number(v), "set antwoorden", "sets antwoorden"));
  take("actions", (v) => count(Number(v), "actie", "acties"));
  take("seriesDeleted", (v) => (v ? "lege reeks verwijderd" : null));
  take("anonymous", (v) => (v ? "anoniem" : null));
  take("openLink", (v) => (v ? "met open link" : null));
  take("minGroupSize", (v) => `minimale groepsgrootte ${String(v)}`);
  // A round's mail settings (mail.settings-change).
  take("remindersEnabled", (v) => `automatisch herinneren ${v ? "aan" : "uit"}`);
  take("reminderAfterDays", (v) => `eerste herinnering na ${count(Number(v), "dag", "dagen")}`);
  take("reminderIntervalDays", (v) => `daarna elke ${count(Number(v), "dag", "dagen")}`);
  take("maxReminders", (v) => `hoogstens ${count(Number(v), "herinnering", "herinneringen")}`);
  take("textsChanged", (v) => (Array.isArray(v) && v.length ? `eigen tekst: ${v.join(", ")}` : null));
  // Open-link limits and bursts, action plans (round.update, series.action).
  take("maxResponses", (v) => `hoogstens ${count(Number(v), "antwoord", "antwoorden")}`);
  take("perHour", (v) => `${count(Number(v), "nieuw antwoord", "nieuwe antwoorden")} per uur`);
  take("onePerDevice", (v) => (v ? "één antwoord per browser" : "gedeeld apparaat"));
  take("burstFrom", (v) => `${formatDateTime(String(v))} tot ${formatDateTime(String(d.burstTo))}`);
  if ("burstFrom" in d) used.add("burstTo");
  take("excluded", (v) => count(Number(v), "set antwoorden weggelaten", "sets antwoorden weggelaten"));
  take("restored", (v) => count(Number(v), "set antwoorden teruggezet", "sets antwoorden teruggezet"));
  take("target", (v) => (e.action === "series.action" ? `bij ${String(v)}` : null));
  take("status", (v) => `status ${statusNames[String(v)] ?? String(v)}`);
  // Settings (settings.change).
  take("retentionMonths", (v) => `bewaartermijn persoonsgegevens ${count(Number(v), "maand", "maanden")}`);
  take("auditRetentionMonths", (v) => `bewaartermijn logboek ${count(Number(v), "maand", "maanden")}`);
  take("passwordLogin", (v) => `inloggen met wachtwoord ${v ? "aan" : "uit"}`);
  take("linkedExisting", (v) => (v ? "gekoppeld aan het bestaande account" : null));
  // AVG requests (privacy.export, privacy.erase).
  take("participations", (v) => count(Number(v), "deelname", "deelnames"));
  take("responsesDeleted", (v) => (Number(v) ? count(Number(v), "set antwoorden gewist", "sets antwoorden gewist") : null));
  take("anonymousRounds", (v) => (Number(v) ? count(Number(v), "anonieme ronde", "anonieme rondes") : null));
  take("account", (v) => (v === "deleted" ? "account verwijderd" : v === true ? "met account" : null));
  take("signInRequests", (v) => (Number(v) ? count(Number(v), "aanvraag om toegang", "aanvragen om toegang") : null));
  take("kept", () => null);
  // The lifecycle and the backup commands.
  take("afterCloseDays", () => null);
  take("idleDays", () => null);
  take("tables", (v) => count(Number(v), "tabel", "tabellen"));
  take("rows", (v) => count(Number(v), "rij", "rijen"));
  take("backupCreatedAt", (v) => `back-up van ${formatDateTime(String(v))}`);
  take("from", (v) => (v === "embedded" ? "uit de ingebouwde database" : String(v)));
  take("format", (v) => formatNames[String(v)] ?? String(v));
  take("added", (v) => count(Number(v), "respondent toegevoegd", "respondenten toegevoegd"));
  take("rejected", (v) => (Number(v) ? count(Number(v), "regel afgewezen", "regels afgewezen") : null));
  take("invite", (v) => (v ? "meteen uitgenodigd" : null));
  take("queued", (v) => count(Number(v), "mail klaargezet", "mails klaargezet"));
  take("withoutLink", (v) => (Number(v) ? `${v} zonder link` : null));
  take("selected", (v) => (v === "all" ? "aan iedereen" : `aan ${v} gekozen`));
  take("sent", (v) => count(Number(v), "verstuurd", "verstuurd"));
  take("outbox", (v) => count(Number(v), "in postvak uit", "in postvak uit"));
  take("failed", (v) => count(Number(v), "mislukt", "mislukt"));
  take("bounced", (v) => count(Number(v), "onbestelbaar", "onbestelbaar"));
  take("deletedResponse", (v) => (v ? `antwoorden verwijderd (${v === "draft" ? "concept" : "ingediend"})` : "geen antwoorden verwijderd"));
  take("anonymousRound", (v) => (v ? "anonieme ronde" : null));
  take("respondents", (v) => count(Number(v), "respondent", "respondenten"));
  take("mails", (v) => count(Number(v), "mail", "mails"));
  take("drafts", (v) => count(Number(v), "concept", "concepten"));
  take("entries", (v) => count(Number(v), "regel", "regels"));
  // Reading the log itself (audit.view): the page and the filters it was read with.
  take("page", (v) => (e.action === "audit.view" ? `pagina ${String(v)}` : null));
  take("actor", (v) => (e.action === "audit.view" ? `gefilterd op ${String(v)}` : null));
  take("action", (v) => (e.action === "audit.view" ? `gefilterd op ${actionLabels.get(String(v)) ?? String(v)}` : null));
  for (const [key, value] of Object.entries(d)) {
    if (used.has(key) || value === null || value === undefined) continue;
    parts.push(`${key}: ${typeof value === "object" ? JSON.stringify(value) : typeof value === "boolean" ? yes(value) : String(value)}`);
  }
  return parts.join(" · ");
}

function target(e: AuditEntryView): string {
  if (!e.target) return "";
  if (e.target.kind === "respondent") return "een respondent";
  if (e.target.kind === "person") return "een e-mailadres (niet bewaard)";
  if (e.target.kind === "settings") return "";
  return e.target.label ?? e.target.id ?? "";
}

export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>(readFilter);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [rounds, setRounds] = useState<RoundOption[]>([]);
  const [error, setError] = useState<string | null>(null);
  /** The actions by id, for entries that name one (a read of the log filtered on an action). */
  const actionLabels = useMemo(() => new Map((page?.actions ?? []).map((a) => [a.id, a.label])), [page]);

  useEffect(() => {
    fetchRoundOptions().then(setRounds, () => setRounds([]));
  }, []);

  useEffect(() => {
    writeFilter(filter);
    setError(null);
    let current = true;
    fetchAuditPage(filter).then(
      (p) => current && setPage(p),
      () => current && setError("Het logboek kon niet worden geladen. Probeer het opnieuw."),
    );
    return () => {
      current = false;
    };
  }, [filter]);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (key: string) => String(form.get(key) ?? "") || undefined;
    setFilter({ actor: value("actor"), round: value("round"), action: value("action"), from: value("from"), to: value("to"), page: 1 });
  }

  const filtered = filterKeys.some((k) => filter[k]);
  return (
    <>
      <PageHeader
        title="Logboek"
        meta="Wie deed wat in Peilstok: inloggen, rapporten bekijken en downloaden, mails versturen, rondes, accounts en instellingen wijzigen. Regels kunnen niet worden gewijzigd of verwijderd; ze verdwijnen pas na de bewaartermijn (Instellingen)."
      />
      {/* Uncontrolled fields, drawn again when the filter changes or the options arrive (a select
          cannot show a value before its option exists, e.g. after a reload with ?action=…). */}
      <form className="form audit-filter" onSubmit={apply} aria-label="Logboek filteren" key={`${JSON.stringify(filter)}:${page ? "options" : "none"}:${rounds.length}`}>
        <FieldRow>
          <SelectField label="Persoon" name="actor" defaultValue={filter.actor ?? ""}>
            <option value="">Iedereen</option>
            {(page?.actors ?? (filter.actor ? [filter.actor] : [])).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </SelectField>
          <SelectField label="Ronde" name="round" defaultValue={filter.round ?? ""}>
            <option value="">Alle rondes</option>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title} ({r.group})
              </option>
            ))}
          </SelectField>
          <SelectField label="Handeling" name="action" defaultValue={filter.action ?? ""}>
            <option value="">Alle handelingen</option>
            {(page?.actions ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </SelectField>
        </FieldRow>
        <FieldRow>
          <TextField label="Vanaf" name="from" type="date" defaultValue={filter.from ?? ""} />
          <TextField label="Tot en met" name="to" type="date" defaultValue={filter.to ?? ""} />
        </FieldRow>
        <ButtonRow>
          <Button type="submit">Filteren</Button>
          {filtered ? (
            <Button variant="secondary" onClick={() => setFilter({ page: 1 })}>
              Alles tonen
            </Button>
          ) : null}
        </ButtonRow>
      </form>

      {error ? <Notice kind="error">{error}</Notice> : null}
      {!page && !error ? <Loading /> : null}
      {page ? (
        <section aria-label="Regels van het logboek" className="audit-entries">
          <p className="muted" role="status">
            {page.total === 0
              ? filtered
                ? "Geen regels met deze filters."
                : "Het logboek is nog leeg."
              : `${count(page.total, "regel", "regels")}${page.pages > 1 ? `, pagina ${page.page} van ${page.pages}` : ""}.`}
          </p>
          {page.entries.length > 0 ? (
            <DataTable label="Logboek" className="audit-table">
              <thead>
                <tr>
                  <th scope="col">Wanneer</th>
                  <th scope="col">Wie</th>
                  <th scope="col">Wat</th>
                  <th scope="col">Ronde</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((e) => (
                  <tr key={e.id} data-action={e.action}>
                    <td className="audit-when" data-label="Wanneer">{formatDateTime(e.at)}</td>
                    <td className="audit-who" data-label="Wie">
                      {who(e)}
                      {e.clientAddress ? <span className="muted audit-address">{e.clientAddress}</span> : null}
                    </td>
                    <td data-label="Wat">
                      {e.actionLabel}
                      {target(e) ? <span className="muted audit-target">{target(e)}</span> : null}
                    </td>
                    <td data-label="Ronde">{e.round ? (e.round.title ? `${e.round.title} (${e.round.group})` : "verwijderde ronde") : ""}</td>
                    <td className="audit-details" data-label="Details">{describe(e, actionLabels)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          ) : null}
          {page.pages > 1 ? (
            <nav aria-label="Pagina's" className="audit-pages">
              <ButtonRow>
                <Button variant="secondary" disabled={page.page <= 1} onClick={() => setFilter({ ...filter, page: page.page - 1 })}>
                  Nieuwere regels
                </Button>
                <Button variant="secondary" disabled={page.page >= page.pages} onClick={() => setFilter({ ...filter, page: page.page + 1 })}>
                  Oudere regels
                </Button>
              </ButtonRow>
            </nav>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
