// Which language the public pages (privacy, accessibility statement) open in: Dutch first,
// English when the address or the browser asks for it (client/src/lib/page-language.ts).
import { describe, expect, test } from "vitest";
import { choosePageLanguage, pathInLanguage } from "../client/src/lib/page-language.ts";

describe("the public pages' language", () => {
  test("follows ?lang= when it names Dutch or English, whatever the browser prefers", () => {
    expect(choosePageLanguage("?lang=en", ["nl-NL", "nl"])).toBe("en");
    expect(choosePageLanguage("?lang=nl", ["en-GB", "en"])).toBe("nl");
    expect(choosePageLanguage("?utm=x&lang=EN", [])).toBe("en");
  });

  test("without a usable ?lang=, takes whichever of Dutch and English the browser lists first", () => {
    expect(choosePageLanguage("", ["en-GB", "en", "nl"])).toBe("en");
    expect(choosePageLanguage("", ["de-DE", "en-US", "nl"])).toBe("en");
    expect(choosePageLanguage("", ["nl-BE", "en"])).toBe("nl");
    expect(choosePageLanguage("?lang=fr", ["fr-FR", "en"])).toBe("en");
    expect(choosePageLanguage("?lang=xx", ["nl"])).toBe("nl");
  });

  test("is Dutch when the browser lists neither language", () => {
    expect(choosePageLanguage("", ["de-DE", "fr"])).toBe("nl");
    expect(choosePageLanguage("", [])).toBe("nl");
  });

  test("addresses a page in a language with ?lang=", () => {
    expect(pathInLanguage("/privacy", "en")).toBe("/privacy?lang=en");
  });
});
