// Form fields with their label, hint and error wired up (ids, aria-describedby, aria-invalid), so
// every admin form reads the same to a screen reader and looks the same.
import { timeZoneLabel } from "../lib/format-date.ts";
import { useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

interface FieldBits {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  className?: string;
}

function useFieldIds(hint: ReactNode, error: ReactNode, describedBy?: string) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [describedBy, hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { id, hintId, errorId, described };
}

function Frame({ id, label, hintId, hint, errorId, error, className, children }: FieldBits & { id: string; hintId?: string | undefined; errorId?: string | undefined; children: ReactNode }) {
  return (
    <div className={["field", error ? "field--invalid" : "", className ?? ""].filter(Boolean).join(" ")}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ label, hint, error, className, ...input }: FieldBits & InputHTMLAttributes<HTMLInputElement>) {
  const { id, hintId, errorId, described } = useFieldIds(hint, error, input["aria-describedby"]);
  return (
    <Frame id={input.id ?? id} label={label} hint={hint} hintId={hintId} error={error} errorId={errorId} className={className}>
      <input id={id} {...input} aria-describedby={described} aria-invalid={error ? true : undefined} className="input" />
    </Frame>
  );
}

export function TextAreaField({ label, hint, error, className, ...input }: FieldBits & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, hintId, errorId, described } = useFieldIds(hint, error, input["aria-describedby"]);
  return (
    <Frame id={input.id ?? id} label={label} hint={hint} hintId={hintId} error={error} errorId={errorId} className={className}>
      <textarea id={id} {...input} aria-describedby={described} aria-invalid={error ? true : undefined} className="input" />
    </Frame>
  );
}

export function SelectField({ label, hint, error, className, children, ...select }: FieldBits & SelectHTMLAttributes<HTMLSelectElement>) {
  const { id, hintId, errorId, described } = useFieldIds(hint, error, select["aria-describedby"]);
  return (
    <Frame id={select.id ?? id} label={label} hint={hint} hintId={hintId} error={error} errorId={errorId} className={className}>
      <select id={id} {...select} aria-describedby={described} aria-invalid={error ? true : undefined} className="input">
        {children}
      </select>
    </Frame>
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField({ label, hint, className, ...input }: Omit<FieldBits, "error"> & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={["field", "field--check", className ?? ""].filter(Boolean).join(" ")}>
      <input id={input.id ?? id} type="checkbox" {...input} aria-describedby={hintId} />
      <label htmlFor={input.id ?? id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Fields that belong together, under a legend. */
export function Fieldset({ legend, children, className, disabled }: { legend: ReactNode; children: ReactNode; className?: string; disabled?: boolean }) {
  return (
    <fieldset className={["fieldset", className ?? ""].filter(Boolean).join(" ")} disabled={disabled}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

/** Fields side by side on a wide screen, stacked on a phone. */
export function FieldRow({ children }: { children: ReactNode }) {
  return <div className="field-row">{children}</div>;
}

/**
 * A date and time in the server's time zone (TIME_ZONE), not the browser's: read the value with
 * `fromZonedInput` (lib/format-date.ts), fill it with `toZonedInput`. The hint names the zone.
 */
export function DateTimeField({ hint, ...props }: FieldBits & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  return (
    <TextField
      {...props}
      type="datetime-local"
      hint={
        <>
          {hint ? <>{hint} </> : null}
          {timeZoneLabel()}
        </>
      }
    />
  );
}

/**
 * Choosing a file, with a Dutch button and the chosen file's name: the browser's own control
 * speaks the browser's language ("Choose File"). The input stays in the page, so the keyboard and
 * screen readers reach it; the label is the button.
 */
export function FileField({ label, buttonLabel = "Bestand kiezen", hint, className, onChange, ...input }: FieldBits & { buttonLabel?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  const id = useId();
  const [name, setName] = useState<string | null>(null);
  return (
    <div className={["field", "file-field", className ?? ""].filter(Boolean).join(" ")}>
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type="file"
        {...input}
        aria-labelledby={`${id}-label ${id}-button`}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          setName(e.target.files?.[0]?.name ?? null);
          onChange?.(e);
        }}
      />
      <label htmlFor={id} id={`${id}-button`} className="button button-secondary button-small file-button">
        {buttonLabel}
      </label>
      <span className="field-hint">{name ?? "Geen bestand gekozen"}</span>
    </div>
  );
}
