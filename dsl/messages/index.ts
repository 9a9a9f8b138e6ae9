// The message catalogues: one per language, both typed against `MessageArgs`, so every
// diagnostic id and variant has its words in every language.
import { en } from "./en.ts";
import { nl } from "./nl.ts";
import type { MessageArgs, Texts } from "./types.ts";

export type { MessageArgs, Texts } from "./types.ts";

/** The languages diagnostics are written in; Dutch is the default. */
export type Lang = "nl" | "en";
export const LANGS: readonly Lang[] = ["nl", "en"];

export type Catalogue = {
  [I in keyof MessageArgs]: { [V in keyof MessageArgs[I]]: (args: MessageArgs[I][V]) => Texts };
};

export const catalogues: Record<Lang, Catalogue> = { nl, en };
