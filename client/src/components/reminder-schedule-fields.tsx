import { CheckboxField, FieldRow, Fieldset, TextField } from "./field.tsx";

export interface ReminderSchedule {
  remindersEnabled: boolean;
  reminderAfterDays: number;
  reminderIntervalDays: number;
  maxReminders: number;
}

/** The server's defaults (server/invitations/routes.ts): after 10 days, then weekly, at most twice. */
export const defaultSchedule: ReminderSchedule = {
  remindersEnabled: true,
  reminderAfterDays: 10,
  reminderIntervalDays: 7,
  maxReminders: 2,
};

export function ReminderScheduleFields({
  value,
  onChange,
  disabled = false,
}: {
  value: ReminderSchedule;
  onChange: (next: ReminderSchedule) => void;
  disabled?: boolean;
}) {
  const number = (key: "reminderAfterDays" | "reminderIntervalDays" | "maxReminders", label: string, min: number, max: number) => (
    <TextField
      label={label}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      required
      value={value[key]}
      disabled={!value.remindersEnabled}
      onChange={(e) => onChange({ ...value, [key]: Math.max(min, Math.min(max, Number(e.target.value) || 0)) })}
    />
  );
  return (
    <Fieldset legend="Herinneringen" disabled={disabled}>
      <CheckboxField
        label="Automatisch herinneren wie nog niet heeft ingevuld"
        checked={value.remindersEnabled}
        onChange={(e) => onChange({ ...value, remindersEnabled: e.target.checked })}
      />
      <FieldRow>
        {number("reminderAfterDays", "Eerste herinnering na (dagen)", 0, 365)}
        {number("reminderIntervalDays", "Daarna elke (dagen)", 1, 365)}
        {number("maxReminders", "Hoogstens (keer)", 0, 10)}
      </FieldRow>
    </Fieldset>
  );
}
