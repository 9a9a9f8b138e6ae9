// The catalogue of audited actions, with the Dutch label the admin page shows. A new kind of
// action is one line here; recording it is one call to `audit` (server/audit/record.ts).
export const auditActions = {
  "auth.login": "Ingelogd",
  "auth.login-failed": "Inloggen mislukt",
  "auth.login-refused": "Inloggen geweigerd",
  "auth.logout": "Uitgelogd",
  "auth.password-change": "Eigen wachtwoord gewijzigd",
  "auth.two-factor-on": "Tweestapsverificatie aangezet",
  "auth.two-factor-off": "Tweestapsverificatie uitgezet",
  "auth.recovery-codes": "Nieuwe herstelcodes gemaakt",
  "account.create": "Account aangemaakt",
  "account.update": "Account gewijzigd",
  "account.password-reset": "Wachtwoord opnieuw ingesteld",
  "account.approve": "Rol gegeven aan organisatieaccount",
  "account.reject": "Aanvraag organisatieaccount afgewezen",
  "round.create": "Ronde aangemaakt",
  "round.update": "Ronde gewijzigd",
  "round.delete": "Ronde verwijderd",
  "respondent.add": "Respondenten toegevoegd",
  "respondent.import": "Respondenten geïmporteerd",
  "respondent.remove": "Respondent verwijderd",
  "respondent.list-view": "Respondentenlijst bekeken",
  "report.view": "Rapport bekeken",
  "report.series-view": "Verloop bekeken",
  "report.export": "Export gedownload",
  "mail.invite": "Uitnodigingen verstuurd",
  "mail.remind": "Herinneringen verstuurd",
  "mail.settings-change": "Mailinstellingen gewijzigd",
  "mail.outbox-view": "Postvak uit bekeken",
  "mail.sent": "Mails afgeleverd",
  "series.create": "Reeks aangemaakt",
  "series.open-next": "Volgende ronde van reeks geopend",
  "series.action": "Actieplan bijgewerkt",
  "scan.publish": "Scan gepubliceerd",
  "settings.change": "Instellingen gewijzigd",
  "audit.view": "Logboek bekeken",
  "privacy.export": "Gegevens van een persoon opgevraagd (AVG)",
  "privacy.erase": "Gegevens van een persoon gewist (AVG)",
  "lifecycle.retention": "Persoonsgegevens gewist na de bewaartermijn",
  "lifecycle.drafts-expired": "Verlopen concepten verwijderd",
  "lifecycle.audit-purge": "Oude logregels verwijderd",
  "backup.create": "Back-up gemaakt",
  "backup.restore": "Back-up teruggezet",
  "backup.copy": "Ingebouwde database gekopieerd naar PostgreSQL",
} as const;

export type AuditAction = keyof typeof auditActions;

export const auditActionIds = Object.keys(auditActions) as AuditAction[];

/** What an entry is about, besides its round. */
export type AuditTargetKind = "account" | "respondent" | "round" | "series" | "scan" | "settings" | "person" | "oidc-request";
