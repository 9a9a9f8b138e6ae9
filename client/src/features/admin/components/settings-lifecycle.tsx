import { CheckboxField, TextField } from "../../../components/field.tsx";
import { useLoginMethods } from "../../../components/organisation-login.tsx";
import type { SettingsSectionProps } from "./settings-page.tsx";

/** How long personal data and the audit log are kept (server/lifecycle/, server/audit/). */
export function RetentionSettings({ value, onChange }: SettingsSectionProps) {
  const number = (n: number) => (Number.isNaN(n) ? "" : n);
  return (
    <>
      <TextField
        label="Persoonsgegevens bewaren (maanden na het sluiten van een ronde)"
        name="retentionMonths"
        type="number"
        inputMode="numeric"
        min={1}
        max={120}
        step={1}
        required
        className="field--narrow"
        value={number(value.retentionMonths)}
        onChange={(e) => onChange({ retentionMonths: e.target.valueAsNumber })}
        hint={
          <>
            Daarna verwijdert Peilstok van die ronde de namen, e-mailadressen, verstuurde mails en niet-ingediende antwoorden. De
            ingediende antwoorden blijven, aan niemand gekoppeld, zodat volgende rondes ermee te vergelijken zijn. Een reeks neemt
            de deelnemers van de vorige ronde alleen over zolang die nog bewaard zijn. Dit staat ook op de privacypagina.
          </>
        }
      />
      <TextField
        label="Logboek bewaren (maanden)"
        name="auditRetentionMonths"
        type="number"
        inputMode="numeric"
        min={6}
        max={120}
        step={1}
        required
        className="field--narrow"
        value={number(value.auditRetentionMonths)}
        onChange={(e) => onChange({ auditRetentionMonths: e.target.valueAsNumber })}
        hint="Minstens 6 maanden. Oudere regels worden automatisch verwijderd; jongere kan niemand wijzigen of verwijderen, ook een beheerder niet."
      />
    </>
  );
}

/** Whether people may still log in with a password once organisation accounts work (server/oidc/). */
export function LoginSettings({ value, onChange }: SettingsSectionProps) {
  const methods = useLoginMethods();
  return (
    <CheckboxField
      label="Inloggen met e-mailadres en wachtwoord toestaan"
      name="passwordLogin"
      checked={value.passwordLogin}
      onChange={(e) => onChange({ passwordLogin: e.target.checked })}
      hint={
        methods.oidc
          ? "Uit: iedereen logt in met het organisatieaccount. Valt het inloggen bij de organisatie weg, dan werkt het wachtwoord weer zodra OIDC_ISSUER niet meer is ingesteld."
          : "Inloggen met een organisatieaccount is niet ingesteld (OIDC_ISSUER), dus het wachtwoord blijft werken, ook als dit uit staat."
      }
    />
  );
}
