import { TextField } from "../../../components/field.tsx";
import type { SettingsSectionProps } from "./settings-page.tsx";

/** The privacy floor: the smallest minimum group size of any round (server/privacy/floor.ts). */
export function PrivacySettings({ value, onChange }: SettingsSectionProps) {
  return (
    <TextField
      label="Minimale groepsgrootte"
      name="minGroupSize"
      type="number"
      inputMode="numeric"
      min={3}
      max={1000}
      step={1}
      required
      className="field--narrow"
      value={Number.isNaN(value.minGroupSize) ? "" : value.minGroupSize}
      onChange={(e) => onChange({ minGroupSize: e.target.valueAsNumber })}
      hint={
        <>
          Uitkomsten van een scan die ieder voor zich invult, verschijnen pas als minstens zoveel mensen hebben geantwoord, per ronde,
          per team en per vraag. Dit geldt voor elke ronde, ook voor eerdere; een ronde kan een hoger minimum hebben, nooit een lager.
          Nooit minder dan 3. Een teamscan (één gezamenlijk antwoord per team) valt er niet onder.
        </>
      }
    />
  );
}
