import type { FormLocale } from "../../../components/survey-form.tsx";
import { languageNames, type Texts } from "../texts.ts";

/** The form's language, for scans with texts in more than one; each name in its own language. */
export function LanguageSwitch({
  locales,
  value,
  onChange,
  t,
}: {
  locales: readonly FormLocale[];
  value: FormLocale;
  onChange: (locale: FormLocale) => void;
  t: Texts;
}) {
  return (
    <div className="language-switch" role="group" aria-label={t.languageSwitch}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          className="language-switch__option"
          aria-pressed={locale === value}
          onClick={() => onChange(locale)}
        >
          {languageNames[locale]}
        </button>
      ))}
    </div>
  );
}
