// /toegankelijkheid — the accessibility statement of the respondent pages, after the Dutch model
// statement for public bodies (nalevingsstatus, onderzoek, bekende beperkingen, contact,
// handhaving). It claims only what test/e2e-respondent.test.ts and
// test/e2e-respondent-page.test.ts check on every build; update them together. Dutch, or English
// when asked (lib/page-language.ts): the two texts below make the same claims.
import { useEffect, type ReactNode } from "react";
import { PageLanguageSwitch } from "../../../components/page-language-switch.tsx";
import { usePageLanguage, type PageLanguage } from "../../../lib/page-language.ts";

/** When the tests behind the claims were last changed. */
const testsChanged = new Date(2026, 10, 1);
const monthYear = (locale: string) => testsChanged.toLocaleDateString(locale, { month: "long", year: "numeric" });

interface StatementTexts {
  documentTitle: string;
  title: string;
  scope: string;
  statusTitle: string;
  status: ReactNode;
  testedTitle: string;
  testedIntro: string;
  tested: string[];
  testsChanged: string;
  limitationsTitle: string;
  limitations: string[];
  contactTitle: string;
  contact: string;
  enforcementTitle: string;
  enforcement: string;
}

const texts: Record<PageLanguage, StatementTexts> = {
  nl: {
    documentTitle: "Toegankelijkheidsverklaring — Peilstok",
    title: "Toegankelijkheidsverklaring",
    scope:
      "De organisatie die je een Peilstok-scan laat invullen, wil dat iedereen die scan kan invullen: met een telefoon of een computer, met alleen een toetsenbord, met een schermlezer of met vergroting. Deze verklaring gaat over de pagina’s die je als invuller ziet: de scan zelf, de bevestiging na het versturen, je verstuurde antwoorden en de meldingen bij een link die (nog) niet werkt. Ze gaat niet over de beheerpagina’s.",
    statusTitle: "Nalevingsstatus",
    status: (
      <>
        De invulpagina’s voldoen <strong>gedeeltelijk</strong> aan de Web Content Accessibility Guidelines (WCAG) 2.1,
        niveau A en AA, de eis uit het Besluit digitale toegankelijkheid overheid. Gedeeltelijk, omdat ze alleen
        automatisch en door ons eigen team zijn getoetst, niet door een onafhankelijke deskundige (zie ‘Wat we toetsen’
        en ‘Bekende beperkingen’).
      </>
    ),
    testedTitle: "Wat we toetsen",
    testedIntro: "Bij elke nieuwe versie van Peilstok controleren geautomatiseerde tests in een echte browser:",
    tested: [
      "dat de automatische toetsing met axe-core geen ernstige of kritieke problemen vindt op de scan, de bevestiging, je verstuurde antwoorden, de meldingen en deze verklaring, op een telefoonscherm van 360 pixels breed en op een scherm van 1280 pixels breed;",
      "dat je een scan helemaal met het toetsenbord kunt invullen en versturen: met Tab naar elke vraag, met de pijltjestoetsen een antwoord kiezen, met Enter of de knoppen naar de volgende pagina;",
      "dat je steeds ziet waar de focus is: een duidelijke rand om het antwoord of de knop;",
      "dat een schermlezer bij elk antwoord de stelling voorleest en welke kant het is (‘nu’ of ‘gewenst’), en bij elk cijfer ook wat het betekent (bijvoorbeeld ‘1: helemaal niet’);",
      "dat de antwoordknoppen groot genoeg zijn om met een duim te raken en naast elkaar passen op 360 pixels;",
      "dat de pagina zegt waar je bent (‘Thema 3 van 8’), hoe lang het nog ongeveer duurt, en of je antwoorden bewaard zijn, ook als de verbinding wegvalt;",
      "dat je een scan met Engelse teksten ook in het Engels kunt invullen, met Engelse knoppen en meldingen.",
    ],
    testsChanged: `Deze tests zijn voor het laatst aangepast in ${monthYear("nl-NL")}.`,
    limitationsTitle: "Bekende beperkingen",
    limitations: [
      "Er is geen onderzoek gedaan door een onafhankelijke deskundige en niet met alle combinaties van schermlezers en browsers; we toetsen in Chromium.",
      "De teksten van een scan (vragen, uitleg, antwoordschalen) schrijft de organisatie die de scan uitzet. Of die begrijpelijk zijn, valt buiten wat wij kunnen toetsen.",
      "De pagina met je eigen resultaten (bij sommige scans) bevat grafieken en valt nog buiten deze toetsing.",
    ],
    contactTitle: "Lukt iets niet?",
    contact:
      "Kun je de scan niet invullen, of loop je tegen iets aan dat niet werkt met jouw hulpmiddel? Neem dan contact op met de organisatie die je de link heeft gestuurd (de afzender van je uitnodiging). Zij kunnen je op een andere manier laten meedoen en geven je melding aan ons door. Je krijgt binnen vijf werkdagen een reactie.",
    enforcementTitle: "Handhavingsprocedure",
    enforcement:
      "Ben je niet tevreden met de manier waarop je melding is behandeld, en is de afzender een overheidsorganisatie? Dan kun je contact opnemen met de Nationale ombudsman of, als de gemeente de afzender is, met de gemeentelijke ombudsman.",
  },
  en: {
    documentTitle: "Accessibility statement — Peilstok",
    title: "Accessibility statement",
    scope:
      "The organisation that asks you to fill in a Peilstok scan wants everyone to be able to fill it in: on a phone or a computer, with a keyboard only, with a screen reader or with magnification. This statement covers the pages you see when you fill in a scan: the scan itself, the confirmation after sending, the answers you sent, and the messages shown for a link that does not work (yet). It does not cover the admin pages.",
    statusTitle: "Compliance status",
    status: (
      <>
        The pages for filling in a scan <strong>partially</strong> meet the Web Content Accessibility Guidelines (WCAG)
        2.1, level A and AA, as required by the Dutch Digital Accessibility (Government) Decree (Besluit digitale
        toegankelijkheid overheid). Partially, because they have only been tested automatically and by our own team,
        not by an independent expert (see ‘What we test’ and ‘Known limitations’).
      </>
    ),
    testedTitle: "What we test",
    testedIntro: "With every new version of Peilstok, automated tests in a real browser check:",
    tested: [
      "that automated testing with axe-core finds no serious or critical problems on the scan, the confirmation, the answers you sent, the messages and this statement, on a phone screen 360 pixels wide and on a screen 1280 pixels wide;",
      "that you can fill in and send a scan with the keyboard alone: Tab to each question, the arrow keys to choose an answer, Enter or the buttons to go to the next page;",
      "that you can always see where the focus is: a clear outline around the answer or the button;",
      "that a screen reader reads out, with each answer, the statement and which side it is (‘now’ or ‘desired’), and with each number what it means (for example ‘1: not at all’);",
      "that the answer buttons are big enough to tap with a thumb and fit side by side on a screen 360 pixels wide;",
      "that the page tells you where you are (‘Theme 3 of 8’), roughly how long is left, and whether your answers have been saved, also when the connection drops;",
      "that you can fill in a scan that has English texts in English too, with English buttons and messages.",
    ],
    testsChanged: `These tests were last updated in ${monthYear("en-GB")}.`,
    limitationsTitle: "Known limitations",
    limitations: [
      "No review has been done by an independent expert, nor with every combination of screen reader and browser; we test in Chromium.",
      "The texts of a scan (questions, explanations, answer scales) are written by the organisation that runs the scan. Whether they are easy to understand is beyond what we can test.",
      "The page with your own results (for some scans) contains charts and is not yet covered by these tests.",
    ],
    contactTitle: "Something not working?",
    contact:
      "Are you unable to fill in the scan, or does something not work with the assistive technology you use? Please contact the organisation that sent you the link (the sender of your invitation). They can let you take part in another way and will pass your report on to us. You will get a reply within five working days.",
    enforcementTitle: "Enforcement procedure",
    enforcement:
      "Are you not satisfied with the way your report was handled, and is the sender a government organisation? Then you can contact the National Ombudsman (Nationale ombudsman) or, if the sender is a municipality, the municipal ombudsman.",
  },
};

export function AccessibilityStatement() {
  const language = usePageLanguage();
  const t = texts[language];
  useEffect(() => {
    document.title = t.documentTitle;
  }, [t]);
  return (
    <main className="page">
      <header className="page-header">
        <div className="page-header__top">
          <p className="brand">Peilstok</p>
          <PageLanguageSwitch path="/toegankelijkheid" value={language} />
        </div>
        <h1>{t.title}</h1>
      </header>
      <article className="panel statement">
        <p>{t.scope}</p>

        <h2>{t.statusTitle}</h2>
        <p>{t.status}</p>

        <h2>{t.testedTitle}</h2>
        <p>{t.testedIntro}</p>
        <ul>
          {t.tested.map((claim) => (
            <li key={claim}>{claim}</li>
          ))}
        </ul>
        <p>{t.testsChanged}</p>

        <h2>{t.limitationsTitle}</h2>
        <ul>
          {t.limitations.map((limitation) => (
            <li key={limitation}>{limitation}</li>
          ))}
        </ul>

        <h2>{t.contactTitle}</h2>
        <p>{t.contact}</p>

        <h2>{t.enforcementTitle}</h2>
        <p>{t.enforcement}</p>
      </article>
    </main>
  );
}
