// "Instellingen": the organisation-wide settings (GET/PATCH /api/admin/settings), admins only.
// Each area adds its own section component to `sections`; the page loads, saves (only what
// changed) and reports for all of them.
import { useEffect, useState, type ComponentType, type FormEvent } from "react";
import { Button, ButtonRow } from "../../../components/button.tsx";
import { Fieldset } from "../../../components/field.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { ApiError } from "../../../lib/http.ts";
import { formatDateTime } from "../../../lib/format-date.ts";
import { fetchSettings, saveSettings, type Settings, type StoredSettings } from "../settings-api.ts";
import { PrivacySettings } from "./settings-privacy.tsx";
import { LoginSettings, RetentionSettings } from "./settings-lifecycle.tsx";
import "../admin.css";

export interface SettingsSectionProps {
  value: Settings;
  onChange: (patch: Partial<Settings>) => void;
}

/** The sections, in page order. */
const sections: { id: string; title: string; component: ComponentType<SettingsSectionProps> }[] = [
  { id: "privacy", title: "Privacy", component: PrivacySettings },
  { id: "retention", title: "Bewaartermijnen", component: RetentionSettings },
  { id: "login", title: "Inloggen", component: LoginSettings },
];

export function SettingsPage() {
  const [stored, setStored] = useState<StoredSettings | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetchSettings().then(
      (s) => {
        setStored(s);
        setDraft(s.settings);
      },
      () => setFailure("De instellingen konden niet worden geladen."),
    );
  }, []);

  if (failure || !stored || !draft) {
    return (
      <>
        <PageHeader title="Instellingen" />
        {failure ? <Notice kind="error">{failure}</Notice> : <Loading />}
      </>
    );
  }

  const changed = (Object.keys(draft) as (keyof Settings)[]).filter((k) => draft[k] !== stored.settings[k]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft || !stored) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const patch = Object.fromEntries(changed.map((k) => [k, draft[k]])) as Partial<Settings>;
      const saved = await saveSettings(patch);
      setStored(saved);
      setDraft(saved.settings);
      setNotice("De instellingen zijn opgeslagen.");
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 400
          ? `Controleer: ${e.issues.map((i) => labels[i.field] ?? i.field).join(", ") || "de ingevulde waarden"}.`
          : e instanceof ApiError && e.status === 403
            ? "Alleen beheerders kunnen instellingen wijzigen."
            : "Opslaan is mislukt. Probeer het opnieuw.",
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Instellingen"
        meta={`Deze instellingen gelden voor de hele organisatie en voor alle rondes. Laatst gewijzigd: ${formatDateTime(stored.updatedAt)}.`}
      />
      <form className="form settings" onSubmit={submit}>
        {sections.map(({ id, title, component: Section }) => (
          <Fieldset key={id} legend={title} className="settings-section">
            <Section value={draft} onChange={(patch) => setDraft({ ...draft, ...patch })} />
          </Fieldset>
        ))}
        {error ? <Notice kind="error">{error}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        <ButtonRow>
          <Button type="submit" busy={busy} disabled={changed.length === 0}>
            Opslaan
          </Button>
        </ButtonRow>
      </form>
    </>
  );
}

/** Field names in error messages. */
const labels: Record<string, string> = {
  minGroupSize: "minimale groepsgrootte (minstens 3)",
  retentionMonths: "bewaartermijn persoonsgegevens (1 tot 120 maanden)",
  auditRetentionMonths: "bewaartermijn logboek (6 tot 120 maanden)",
};
