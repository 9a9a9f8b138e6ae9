// Which language a link's form is shown in: the one chosen earlier on this device for this link,
// else the browser's first language the scan has, else Dutch.
import type { FormLocale } from "../../components/survey-form.tsx";
import { readJson, writeJson } from "../../lib/local-storage.ts";

const supported: readonly FormLocale[] = ["nl", "en"];
const localeKey = (token: string) => `peilstok:locale:${token}`;

/** The languages of a scan that the form can show, Dutch first. */
export function formLocales(languages: readonly string[] | undefined): FormLocale[] {
  const available = supported.filter((l) => (languages ?? ["nl"]).includes(l));
  return available.length > 0 ? available : ["nl"];
}

export function initialLocale(
  token: string,
  available: readonly FormLocale[],
  browser: readonly string[] = navigator.languages ?? [navigator.language],
): FormLocale {
  const chosen = readJson<string>(localeKey(token));
  const remembered = available.find((l) => l === chosen);
  if (remembered) return remembered;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split("-")[0];
    const match = available.find((l) => l === primary);
    if (match) return match;
  }
  return available[0] ?? "nl";
}

export function rememberLocale(token: string, locale: FormLocale): void {
  writeJson(localeKey(token), locale);
}
