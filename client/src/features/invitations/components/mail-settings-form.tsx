import { useEffect, useState, type FormEvent } from "react";
import { Button, ButtonRow } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { Fieldset, SelectField, TextAreaField, TextField } from "../../../components/field.tsx";
import { Notice } from "../../../components/notice.tsx";
import { MailPreview } from "../../../components/mail-preview.tsx";
import { ReminderScheduleFields, type ReminderSchedule } from "../../../components/reminder-schedule-fields.tsx";
import { mailCloseDate } from "../../../lib/mail-placeholders.ts";
import { fetchMailSettings, saveMailSettings, type MailText, type RoundInfo, type TextKind } from "../api.ts";

const kinds: { kind: TextKind; label: string }[] = [
  { kind: "invitation", label: "Uitnodiging" },
  { kind: "reminderNotStarted", label: "Herinnering: nog niet begonnen" },
  { kind: "reminderStarted", label: "Herinnering: begonnen, niet afgerond" },
];

type Texts = Record<TextKind, MailText>;

/** The round's mail texts with placeholders and a preview, and its reminder schedule. */
export function MailSettingsForm({ round, scanTitle, canEdit, sampleName }: { round: RoundInfo; scanTitle: string; canEdit: boolean; sampleName?: string | undefined }) {
  const [defaults, setDefaults] = useState<Texts | null>(null);
  const [texts, setTexts] = useState<Texts | null>(null);
  const [schedule, setSchedule] = useState<ReminderSchedule | null>(null);
  const [kind, setKind] = useState<TextKind>("invitation");
  const [state, setState] = useState<"idle" | "saving" | "saved" | "failed" | "load-failed">("idle");

  useEffect(() => {
    fetchMailSettings(round.id).then(
      (s) => {
        setDefaults(s.defaults);
        setTexts({
          invitation: s.texts.invitation ?? s.defaults.invitation,
          reminderNotStarted: s.texts.reminderNotStarted ?? s.defaults.reminderNotStarted,
          reminderStarted: s.texts.reminderStarted ?? s.defaults.reminderStarted,
        });
        setSchedule({
          remindersEnabled: s.remindersEnabled,
          reminderAfterDays: s.reminderAfterDays,
          reminderIntervalDays: s.reminderIntervalDays,
          maxReminders: s.maxReminders,
        });
      },
      () => setState("load-failed"),
    );
  }, [round.id]);

  if (state === "load-failed") {
    return (
      <Card title="Mailtekst en herinneringen">
        <Notice kind="error">De mailinstellingen konden niet worden geladen.</Notice>
      </Card>
    );
  }
  if (!texts || !defaults || !schedule) return null;

  const text = texts[kind];
  const edit = (change: Partial<MailText>) => {
    setTexts({ ...texts, [kind]: { ...text, ...change } });
    setState("idle");
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!texts || !defaults || !schedule) return;
    setState("saving");
    // Only texts that differ from the default are stored, so a round keeps following the default.
    const changed: Partial<Texts> = {};
    for (const { kind: k } of kinds) {
      if (texts[k].subject.trim() !== defaults[k].subject || texts[k].body.trim() !== defaults[k].body) changed[k] = texts[k];
    }
    try {
      await saveMailSettings(round.id, { texts: changed, ...schedule });
      setState("saved");
    } catch {
      setState("failed");
    }
  }

  const values = {
    naam: sampleName ?? "Anna de Vries",
    scan: scanTitle,
    ronde: round.title,
    sluitdatum: mailCloseDate(round.closesAt),
    link: `${window.location.origin}/r/persoonlijke-link`,
  };
  return (
    <Card title="Mailtekst en herinneringen" className="mail-settings">
      <form onSubmit={submit} className="mail-settings-form">
        <Fieldset legend="Mailtekst" disabled={!canEdit} className="mail-text-fields">
          <SelectField label="Welke mail" value={kind} onChange={(e) => setKind(e.target.value as TextKind)}>
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </SelectField>
          <TextField label="Onderwerp" value={text.subject} maxLength={200} required onChange={(e) => edit({ subject: e.target.value })} />
          <TextAreaField
            label="Tekst"
            value={text.body}
            rows={12}
            maxLength={10_000}
            required
            onChange={(e) => edit({ body: e.target.value })}
            hint={
              <>
                Invulvelden: <code>{"{naam}"}</code> <code>{"{scan}"}</code> <code>{"{ronde}"}</code> <code>{"{sluitdatum}"}</code>{" "}
                <code>{"{link}"}</code> (de persoonlijke link; zonder link kan niemand invullen).
              </>
            }
          />
          {canEdit ? (
            <Button variant="link" className="reset-text" onClick={() => edit(defaults[kind])}>
              Standaardtekst terugzetten
            </Button>
          ) : null}
        </Fieldset>
        <MailPreview subject={text.subject} body={text.body} values={values} />
        <div className="schedule-fields">
          <ReminderScheduleFields
            disabled={!canEdit}
            value={schedule}
            onChange={(next) => {
              setSchedule(next);
              setState("idle");
            }}
          />
        </div>
        {canEdit ? (
          <ButtonRow className="save-row">
            <Button type="submit" busy={state === "saving"}>
              Mailinstellingen opslaan
            </Button>
            {state === "saved" ? (
              <span className="hint-inline" role="status">
                Opgeslagen.
              </span>
            ) : state === "failed" ? (
              <Notice kind="error">Opslaan is mislukt. Controleer onderwerp en tekst.</Notice>
            ) : null}
          </ButtonRow>
        ) : null}
      </form>
    </Card>
  );
}
