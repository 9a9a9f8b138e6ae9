// "Instellingen": the organisation-wide settings (GET/PATCH /api/admin/settings), admins only.
// Each area adds its own section component to `sections`; the page loads, saves (only what
// changed) and reports for all of them.
import { useEffect, useState, type ComponentType, type FormEvent } from "react";
import { ApiError } from "../../../lib/http.ts";
import { formatDateTime } from "../../../lib/format-date.ts";
import { fetchSettings, saveSettings, type Settings, type StoredSettings } from "../settings-api.ts";
import { PrivacySettings } from "./settings-privacy.tsx";

export interface SettingsSectionProps {
  value: Settings;
  onChange: (patch: Partial<Settings>) => void;
}

/** The sections, in page order. */
const sections: { id: string; title: string; component: ComponentType<SettingsSectionProps> }[] = [
  { id: "privacy", title: "Privacy", component: PrivacySettings },
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

  if (failure) return <p className="admin-error" role="alert">{failure}</p>;
  if (!stored || !draft) return <p className="page-loading">Laden…</p>;

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
    <section aria-labelledby="settings-title" className="settings">
      <h1 id="settings-title">Instellingen</h1>
      <p className="admin-hint">Deze instellingen gelden voor de hele organisatie en voor alle rondes. Laatst gewijzigd: {formatDateTime(stored.updatedAt)}.</p>
      <form className="admin-form" onSubmit={submit} noValidate={false}>
        {sections.map(({ id, title, component: Section }) => (
          <fieldset key={id} className="settings-section" aria-labelledby={`settings-${id}`}>
            <legend id={`settings-${id}`}>{title}</legend>
            <Section value={draft} onChange={(patch) => setDraft({ ...draft, ...patch })} />
          </fieldset>
        ))}
        {error ? (
          <p className="admin-error" role="alert">
            {error}
          </p>
        ) : null}
        {notice ? (
          <p className="admin-notice" role="status">
            {notice}
          </p>
        ) : null}
        <button type="submit" disabled={busy || changed.length === 0}>
          Opslaan
        </button>
      </form>
    </section>
  );
}

/** Field names in error messages. */
const labels: Record<string, string> = {
  minGroupSize: "minimale groepsgrootte (minstens 3)",
};
