import { followLink } from "../lib/navigate.ts";
import { pathInLanguage, type PageLanguage } from "../lib/page-language.ts";

const names: Record<PageLanguage, string> = { nl: "Nederlands", en: "English" };
const groupLabel: Record<PageLanguage, string> = { nl: "Taal", en: "Language" };

/**
 * Links to this page in each language, each name in its own language; the current one is marked.
 * Links, not buttons: each language has its own address, which can be shared or reloaded.
 */
export function PageLanguageSwitch({ path, value }: { path: string; value: PageLanguage }) {
  return (
    <nav className="language-switch" aria-label={groupLabel[value]}>
      {(Object.keys(names) as PageLanguage[]).map((language) => (
        <a
          key={language}
          href={pathInLanguage(path, language)}
          lang={language}
          hrefLang={language}
          className="language-switch__option"
          aria-current={language === value ? "page" : undefined}
          onClick={followLink}
        >
          {names[language]}
        </a>
      ))}
    </nav>
  );
}
