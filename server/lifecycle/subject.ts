// An AVG (GDPR) request about one e-mail address: everything the app holds about it (access,
// art. 15), and erasing it (art. 17). The export is Dutch, for the person it is about.
import { z } from "@hono/zod-openapi";
import { countActiveAdmins } from "../accounts/queries.ts";
import { auditEntriesAbout } from "../audit/queries.ts";
import type { Queryable, Sql } from "../db/connect.ts";
import { removeRespondent } from "../invitations/respondents-queries.ts";
import { AppError } from "../lib/errors.ts";

interface RespondentRow {
  id: string;
  round_id: string;
  name: string;
  team: string | null;
  status: string;
  created_at: Date;
  updated_at: Date;
  round_title: string;
  group_name: string;
  opens_at: Date;
  closes_at: Date;
  anonymous: boolean;
  personal_data_erased_at: Date | null;
  scan_title: string;
  survey: unknown;
}

async function respondentsOf(sql: Queryable, email: string): Promise<RespondentRow[]> {
  return sql<RespondentRow[]>`
    select p.id, p.round_id, p.name, p.team, p.status, p.created_at, p.updated_at,
      r.title as round_title, r.group_name, r.opens_at, r.closes_at, r.anonymous, r.personal_data_erased_at,
      s.title as scan_title, v.compiled -> 'survey' as survey
    from respondents p
    join rounds r on r.id = p.round_id
    join scan_versions v on v.id = r.scan_version_id
    join scans s on s.id = v.scan_id
    where p.email = ${email}
    order by r.opens_at, p.created_at
  `;
}

/** Question titles by SurveyJS name, from a form's JSON (pages, panels, their elements). */
function questionTitles(survey: unknown): Map<string, string> {
  const titles = new Map<string, string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (typeof n.name === "string" && n.type !== undefined) {
      const t = n.title;
      const title = typeof t === "string" ? t : t && typeof t === "object" ? ((t as Record<string, string>).nl ?? (t as Record<string, string>).default) : undefined;
      titles.set(n.name, title ?? n.name);
    }
    for (const key of ["pages", "elements", "templateElements"]) if (key in n) visit(n[key]);
  };
  visit(survey);
  return titles;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const when = z.iso.datetime().nullable();

/** The export's shape: Dutch field names, for the person it is about. */
export const subjectExportSchema = z
  .object({
    uitleg: z.string(),
    verzoek: z.object({ emailadres: z.string(), opgesteldOp: z.iso.datetime(), opgesteldDoor: z.string() }),
    deelnames: z.array(
      z.object({
        ronde: z.object({ titel: z.string(), groep: z.string(), scan: z.string(), openVanaf: when, sluitOp: when, anoniem: z.boolean() }),
        naam: z.string(),
        team: z.string().nullable(),
        voortgang: z.string(),
        toegevoegdOp: when,
        bijgewerktOp: when,
        persoonsgegevensGewistOp: when,
        antwoorden: z.union([
          z.string(),
          z.object({
            status: z.string(),
            ingediendOp: when,
            laatstOpgeslagenOp: when,
            vragen: z.array(z.object({ vraag: z.string(), sleutel: z.string(), antwoord: z.unknown() })),
          }),
        ]),
      }),
    ),
    emails: z.array(
      z.object({
        soort: z.string(),
        ronde: z.string().nullable(),
        status: z.string(),
        onderwerp: z.string().nullable(),
        aangemaaktOp: when,
        verstuurdOp: when,
        tekst: z.string().nullable(),
      }),
    ),
    account: z
      .object({
        emailadres: z.string(),
        naam: z.string(),
        rol: z.string(),
        teams: z.array(z.string()),
        actief: z.boolean(),
        aangemaaktOp: when,
        laatstIngelogdOp: when,
        inloggenMetOrganisatieaccount: z.boolean(),
        rolVastgesteldDoor: z.string(),
      })
      .nullable(),
    aanvragenOmToegang: z.array(z.object({ naam: z.string(), eersteKeer: when, laatsteKeer: when })),
    logboek: z.array(
      z.object({
        tijdstip: z.iso.datetime(),
        handeling: z.string(),
        door: z.string().nullable(),
        ronde: z.string().nullable(),
        betreft: z.string().nullable(),
        gegevens: z.record(z.string(), z.unknown()),
        adres: z.string().nullable(),
      }),
    ),
  })
  .openapi("SubjectExport");
export type SubjectExport = z.infer<typeof subjectExportSchema>;

const mailKinds: Record<string, string> = { invitation: "uitnodiging", reminder: "herinnering", "series-due": "bericht over de volgende ronde" };

/** Everything about `email`, as the JSON an admin hands to the person who asked. */
export async function subjectExport(sql: Sql, email: string, requestedBy: string): Promise<SubjectExport> {
  const respondents = await respondentsOf(sql, email);
  const ids = respondents.map((r) => r.id);
  const responses = ids.length
    ? await sql<{ respondent_id: string; status: string; data: Record<string, unknown>; created_at: Date; updated_at: Date; submitted_at: Date | null }[]>`
        select respondent_id, status, data, created_at, updated_at, submitted_at
        from responses where respondent_id = any(${ids}::uuid[])
      `
    : [];
  const mails = await sql<{ kind: string; status: string; subject: string | null; text_body: string | null; created_at: Date; sent_at: Date | null; round_title: string | null }[]>`
    select m.kind, m.status, m.subject, m.text_body, m.created_at, m.sent_at, r.title as round_title
    from mails m
    left join respondents p on p.id = m.respondent_id
    left join rounds r on r.id = m.round_id
    where p.email = ${email} or m.to_address = ${email}
    order by m.created_at
  `;
  const [account] = await sql<{ email: string; name: string; role: string; created_at: Date; last_login_at: Date | null; deactivated_at: Date | null; oidc_subject: string | null; role_source: string; teams: string[] }[]>`
    select a.email, a.name, a.role, a.created_at, a.last_login_at, a.deactivated_at, a.oidc_subject, a.role_source,
      coalesce((select array_agg(t.team order by t.team) from account_teams t where t.account_id = a.id), '{}') as teams
    from accounts a where a.email = ${email}
  `;
  const requests = await sql<{ name: string; first_seen_at: Date; last_seen_at: Date }[]>`
    select name, first_seen_at, last_seen_at from oidc_requests where email = ${email}
  `;
  const audit = await auditEntriesAbout(sql, email);

  return {
    uitleg:
      "Dit overzicht bevat alles wat Peilstok bewaart over het e-mailadres hieronder: als deelnemer aan een peiling " +
      "(naam, team, voortgang, antwoorden en de e-mails die zijn verstuurd), als gebruiker van de beheeromgeving " +
      "(account en logboek) en als aanvraag om toegang. Bij een anonieme ronde staan je antwoorden niet in dit overzicht: " +
      "die zijn bewust niet aan jou gekoppeld opgeslagen, dus Peilstok kan ze niet terugvinden.",
    verzoek: { emailadres: email, opgesteldOp: new Date().toISOString(), opgesteldDoor: requestedBy },
    deelnames: respondents.map((p) => {
      const response = responses.find((r) => r.respondent_id === p.id);
      const titles = questionTitles(p.survey);
      return {
        ronde: {
          titel: p.round_title,
          groep: p.group_name,
          scan: p.scan_title,
          openVanaf: iso(p.opens_at),
          sluitOp: iso(p.closes_at),
          anoniem: p.anonymous,
        },
        naam: p.name,
        team: p.team,
        voortgang: ({ invited: "uitgenodigd", opened: "link geopend", started: "begonnen", submitted: "ingediend" } as Record<string, string>)[p.status] ?? p.status,
        toegevoegdOp: iso(p.created_at),
        bijgewerktOp: iso(p.updated_at),
        persoonsgegevensGewistOp: iso(p.personal_data_erased_at),
        antwoorden: p.anonymous
          ? "Deze ronde is anoniem: antwoorden worden niet aan deelnemers gekoppeld en kunnen dus niet worden opgezocht."
          : response
            ? {
                status: response.status === "submitted" ? "ingediend" : "concept (niet ingediend)",
                ingediendOp: iso(response.submitted_at),
                laatstOpgeslagenOp: iso(response.updated_at),
                vragen: Object.entries(response.data).map(([key, value]) => ({ vraag: titles.get(key) ?? key, sleutel: key, antwoord: value })),
              }
            : "Er zijn (nog) geen antwoorden opgeslagen.",
      };
    }),
    emails: mails.map((m) => ({
      soort: mailKinds[m.kind] ?? m.kind,
      ronde: m.round_title,
      status: m.status,
      onderwerp: m.subject,
      aangemaaktOp: iso(m.created_at),
      verstuurdOp: iso(m.sent_at),
      tekst: m.text_body,
    })),
    account: account
      ? {
          emailadres: account.email,
          naam: account.name,
          rol: ({ admin: "beheerder", teamleader: "teamleider", viewer: "lezer" } as Record<string, string>)[account.role] ?? account.role,
          teams: account.teams,
          actief: account.deactivated_at === null,
          aangemaaktOp: iso(account.created_at),
          laatstIngelogdOp: iso(account.last_login_at),
          inloggenMetOrganisatieaccount: account.oidc_subject !== null,
          rolVastgesteldDoor: account.role_source === "oidc" ? "organisatieaccount" : "beheerder",
        }
      : null,
    aanvragenOmToegang: requests.map((r) => ({ naam: r.name, eersteKeer: iso(r.first_seen_at), laatsteKeer: iso(r.last_seen_at) })),
    logboek: audit.map((e) => ({
      tijdstip: e.at.toISOString(),
      handeling: e.action,
      door: e.actor_email,
      ronde: e.round_title,
      betreft: e.target_label,
      gegevens: e.details,
      adres: e.client_address,
    })),
  };
}

export const erasureSchema = z
  .object({
    respondents: z.number().int().openapi({ description: "Rounds this address took part in, now removed from." }),
    responsesDeleted: z.number().int(),
    anonymousRounds: z.number().int().openapi({ description: "Anonymous rounds among them: submitted answers there are not linked to the person, so they stay." }),
    mails: z.number().int().openapi({ description: "Mails to the address outside its rounds (notices to a teamleader)." }),
    account: z.enum(["deleted", "none"]),
    signInRequests: z.number().int(),
    kept: z.array(z.string()).openapi({ description: "What stays, in Dutch, for the confirmation and the answer to the person." }),
  })
  .openapi("Erasure");
export type Erasure = z.infer<typeof erasureSchema>;

/**
 * Erases everything about `email` in one transaction: their part in every round (the respondent
 * removal of server/invitations: link, response, mails), mails sent to the address otherwise,
 * their account (refused for the last active admin) and any request for access.
 */
export async function eraseSubject(sql: Sql, email: string): Promise<Erasure> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('peilstok:accounts'))`;
    const [account] = await tx<{ id: string; role: string; deactivated_at: Date | null }[]>`
      select id, role, deactivated_at from accounts where email = ${email}
    `;
    if (account && account.role === "admin" && account.deactivated_at === null && (await countActiveAdmins(tx)) <= 1) {
      throw new AppError(409, "last-admin", "this address is the last active admin: make someone else admin first");
    }
    const result: Erasure = { respondents: 0, responsesDeleted: 0, anonymousRounds: 0, mails: 0, account: "none", signInRequests: 0, kept: [] };
    const people = await tx<{ id: string; round_id: string }[]>`select id, round_id from respondents where email = ${email}`;
    for (const p of people) {
      const removed = await removeRespondent(tx, p.round_id, p.id);
      if (!removed) continue;
      result.respondents++;
      if (removed.response) result.responsesDeleted++;
      if (removed.anonymous) result.anonymousRounds++;
    }
    const mails = await tx`delete from mails where to_address = ${email}`;
    result.mails = mails.count;
    if (account) {
      await tx`delete from accounts where id = ${account.id}`;
      result.account = "deleted";
    }
    const requests = await tx`delete from oidc_requests where email = ${email}`;
    result.signInRequests = requests.count;
    if (result.anonymousRounds > 0) {
      result.kept.push(
        `In ${result.anonymousRounds === 1 ? "1 anonieme ronde" : `${result.anonymousRounds} anonieme rondes`} blijven ingediende antwoorden bestaan: ` +
          "ze zijn nooit aan deze persoon gekoppeld opgeslagen, dus niemand (ook Peilstok niet) kan ze terugvinden of wissen.",
      );
    }
    result.kept.push(
      "Het logboek bewaart wie wat deed (bijvoorbeeld inloggen of een rapport bekijken) tot de bewaartermijn van het logboek " +
        "verstreken is; regels waarin dit adres als gebruiker van de beheeromgeving staat, worden dan verwijderd. " +
        "Deelnemers staan in het logboek alleen met een nummer, nooit met naam of e-mailadres.",
      "Back-ups die vóór het wissen zijn gemaakt, bevatten de gegevens nog tot ze worden vervangen.",
    );
    return result;
  });
}
