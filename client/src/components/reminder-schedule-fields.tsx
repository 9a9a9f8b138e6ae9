import "./mail-fields.css";
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

export function ReminderScheduleFields({ value, onChange }: { value: ReminderSchedule; onChange: (next: ReminderSchedule) => void }) {
  const number = (key: "reminderAfterDays" | "reminderIntervalDays" | "maxReminders", min: number, max: number) => (
    <input
      type="number"
      min={min}
      max={max}
      required
      value={value[key]}
      disabled={!value.remindersEnabled}
      onChange={(e) => onChange({ ...value, [key]: Math.max(min, Math.min(max, Number(e.target.value) || 0)) })}
    />
  );
  return (
    <fieldset className="reminder-schedule">
      <legend>Herinneringen</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={value.remindersEnabled}
          onChange={(e) => onChange({ ...value, remindersEnabled: e.target.checked })}
        />{" "}
        Automatisch herinneren wie nog niet heeft ingevuld
      </label>
      <div className="admin-row">
        <label>
          Eerste herinnering na (dagen)
          {number("reminderAfterDays", 0, 365)}
        </label>
        <label>
          Daarna elke (dagen)
          {number("reminderIntervalDays", 1, 365)}
        </label>
        <label>
          Hoogstens (keer)
          {number("maxReminders", 0, 10)}
        </label>
      </div>
    </fieldset>
  );
}
