// The language of a public page that is not a form (privacy, accessibility statement): Dutch
// first, English when asked. Asked means `?lang=en` in the address (the respondent page's footer
// passes the form's language on), else a browser that prefers English over Dutch.
import { useEffect, useState } from "react";

export type PageLanguage = "nl" | "en";

const languages: readonly PageLanguage[] = ["nl", "en"];
const isPageLanguage = (value: string | null): value is PageLanguage => languages.some((l) => l === value);

/** `?lang=` when it names a language we have; else the first of Dutch or English the browser lists; else Dutch. */
export function choosePageLanguage(search: string, browser: readonly string[]): PageLanguage {
  const asked = new URLSearchParams(search).get("lang")?.toLowerCase() ?? null;
  if (isPageLanguage(asked)) return asked;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split("-")[0] ?? "";
    if (isPageLanguage(primary)) return primary;
  }
  return "nl";
}

/** The address of `path` in `language`, as the footer links and the language switch use it. */
export const pathInLanguage = (path: string, language: PageLanguage): string => `${path}?lang=${language}`;

/**
 * The page's language, following the address (the switch navigates in the app, so it listens to
 * popstate), and kept on <html lang> so screen readers and hyphenation use the right language.
 */
export function usePageLanguage(): PageLanguage {
  const current = () => choosePageLanguage(window.location.search, navigator.languages ?? [navigator.language]);
  const [language, setLanguage] = useState<PageLanguage>(current);
  useEffect(() => {
    const update = () => setLanguage(current());
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return language;
}
