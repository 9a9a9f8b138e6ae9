// /toegankelijkheid — the accessibility statement of the respondent pages, after the Dutch model
// statement for public bodies (nalevingsstatus, onderzoek, bekende beperkingen, contact,
// handhaving). It claims only what test/e2e-respondent.test.ts checks on every build; update both
// together.
import { useEffect } from "react";

const checkedOn = "november 2026";

export function AccessibilityStatement() {
  useEffect(() => {
    document.title = "Toegankelijkheidsverklaring — Peilstok";
    document.documentElement.lang = "nl";
  }, []);
  return (
    <main className="page">
      <header className="page-header">
        <p className="brand">Peilstok</p>
        <h1>Toegankelijkheidsverklaring</h1>
      </header>
      <article className="panel statement">
        <p>
          De organisatie die je een Peilstok-scan laat invullen, wil dat iedereen die scan kan invullen: met een
          telefoon of een computer, met alleen een toetsenbord, met een schermlezer of met vergroting. Deze verklaring
          gaat over de pagina’s die je als invuller ziet: de scan zelf, de bevestiging na het versturen, je verstuurde
          antwoorden en de meldingen bij een link die (nog) niet werkt. Ze gaat niet over de beheerpagina’s.
        </p>

        <h2>Nalevingsstatus</h2>
        <p>
          De invulpagina’s voldoen <strong>gedeeltelijk</strong> aan de Web Content Accessibility Guidelines (WCAG) 2.1,
          niveau A en AA, de eis uit het Besluit digitale toegankelijkheid overheid. Gedeeltelijk, omdat ze alleen
          automatisch en door ons eigen team zijn getoetst, niet door een onafhankelijke deskundige (zie ‘Wat we
          toetsen’ en ‘Bekende beperkingen’).
        </p>

        <h2>Wat we toetsen</h2>
        <p>Bij elke nieuwe versie van Peilstok controleren geautomatiseerde tests in een echte browser:</p>
        <ul>
          <li>
            dat de automatische toetsing met axe-core geen ernstige of kritieke problemen vindt op de scan, de
            bevestiging, je verstuurde antwoorden, de meldingen en deze verklaring, op een telefoonscherm van 360
            pixels breed en op een scherm van 1280 pixels breed;
          </li>
          <li>
            dat je een scan helemaal met het toetsenbord kunt invullen en versturen: met Tab naar elke vraag, met de
            pijltjestoetsen een antwoord kiezen, met Enter of de knoppen naar de volgende pagina;
          </li>
          <li>dat je steeds ziet waar de focus is: een duidelijke rand om het antwoord of de knop;</li>
          <li>
            dat een schermlezer bij elk antwoord de stelling voorleest en welke kant het is (‘nu’ of ‘gewenst’), en bij
            elk cijfer ook wat het betekent (bijvoorbeeld ‘1: helemaal niet’);
          </li>
          <li>dat de antwoordknoppen groot genoeg zijn om met een duim te raken en naast elkaar passen op 360 pixels;</li>
          <li>
            dat de pagina zegt waar je bent (‘Thema 3 van 8’), hoe lang het nog ongeveer duurt, en of je antwoorden
            bewaard zijn, ook als de verbinding wegvalt;
          </li>
          <li>dat je een scan met Engelse teksten ook in het Engels kunt invullen, met Engelse knoppen en meldingen.</li>
        </ul>
        <p>Deze tests zijn voor het laatst aangepast in {checkedOn}.</p>

        <h2>Bekende beperkingen</h2>
        <ul>
          <li>
            Er is geen onderzoek gedaan door een onafhankelijke deskundige en niet met alle combinaties van
            schermlezers en browsers; we toetsen in Chromium.
          </li>
          <li>
            De teksten van een scan (vragen, uitleg, antwoordschalen) schrijft de organisatie die de scan uitzet. Of die
            begrijpelijk zijn, valt buiten wat wij kunnen toetsen.
          </li>
          <li>
            De pagina met je eigen resultaten (bij sommige scans) bevat grafieken en valt nog buiten deze toetsing.
          </li>
        </ul>

        <h2>Lukt iets niet?</h2>
        <p>
          Kun je de scan niet invullen, of loop je tegen iets aan dat niet werkt met jouw hulpmiddel? Neem dan contact
          op met de organisatie die je de link heeft gestuurd (de afzender van je uitnodiging). Zij kunnen je op een
          andere manier laten meedoen en geven je melding aan ons door. Je krijgt binnen vijf werkdagen een reactie.
        </p>

        <h2>Handhavingsprocedure</h2>
        <p>
          Ben je niet tevreden met de manier waarop je melding is behandeld, en is de afzender een overheidsorganisatie?
          Dan kun je contact opnemen met de Nationale ombudsman of, als de gemeente de afzender is, met de
          gemeentelijke ombudsman.
        </p>
      </article>
    </main>
  );
}
