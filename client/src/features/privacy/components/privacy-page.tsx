// "Privacy bij Peilstok" (/privacy): what is stored, why, how long and who sees what, for
// respondents and staff alike. The periods come from the organisation's settings.
import { useEffect, useState } from "react";
import { fetchPrivacyFacts, type PrivacyFacts } from "../api.ts";
import "../privacy.css";

const months = (n: number) => (n === 1 ? "1 maand" : `${n} maanden`);

export function PrivacyPage() {
  const [facts, setFacts] = useState<PrivacyFacts | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    document.title = "Privacy bij Peilstok";
    fetchPrivacyFacts().then(setFacts, () => setFailed(true));
  }, []);

  const retention = facts ? months(facts.retentionMonths) : "een aantal maanden";
  const audit = facts ? months(facts.auditRetentionMonths) : "een aantal maanden";
  const minimum = facts ? String(facts.minGroupSize) : "enkele";
  const drafts = facts?.drafts ?? { afterCloseDays: 30, idleDays: 180 };

  return (
    <main className="page privacy-page" id="main">
      <header className="page-header">
        <p className="brand">Peilstok</p>
        <h1>Privacy bij Peilstok</h1>
      </header>
      {failed ? (
        <p className="notice notice--warning" role="status">
          De bewaartermijnen van deze organisatie konden niet worden geladen; hieronder staat wat altijd geldt.
        </p>
      ) : null}

      <section className="panel" aria-labelledby="privacy-what">
        <h2 id="privacy-what">Wat Peilstok bewaart</h2>
        <ul>
          <li>
            <strong>Als je een peiling invult via een persoonlijke link:</strong> je naam, e-mailadres en team zoals de
            organisatie die heeft ingevoerd, of je de link hebt geopend, bent begonnen of je antwoorden hebt ingediend, je
            antwoorden, en de e-mails die Peilstok je stuurt (uitnodiging en herinneringen).
          </li>
          <li>
            <strong>In een anonieme ronde</strong> worden je antwoorden niet aan je naam gekoppeld opgeslagen. Van jou staat
            alleen vast óf je hebt ingevuld, en dan alleen de dag, niet het tijdstip.
          </li>
          <li>
            <strong>Via een open link</strong> (zonder uitnodiging) bewaart Peilstok alleen je antwoorden, zonder naam of
            e-mailadres.
          </li>
          <li>
            <strong>Voor medewerkers die Peilstok beheren:</strong> je account (e-mailadres, naam, rol en teams), wanneer je
            inlogde, en een logboek van wat je in de beheeromgeving deed.
          </li>
        </ul>
        <p>Peilstok gebruikt geen cookies om je te volgen en laadt niets van andere websites.</p>
      </section>

      <section className="panel" aria-labelledby="privacy-why">
        <h2 id="privacy-why">Waarom</h2>
        <p>
          Om de peiling uit te voeren: je uitnodigen en zo nodig herinneren, je antwoorden bewaren zodat je later verder kunt,
          en de uitkomsten per groep berekenen, zodat een team of opleiding kan zien waar het staat en waar het naartoe wil.
          Het logboek is er voor verantwoording en beveiliging: wie heeft welke uitkomsten bekeken, gedownload of gewijzigd.
        </p>
      </section>

      <section className="panel" aria-labelledby="privacy-who">
        <h2 id="privacy-who">Wie wat ziet</h2>
        <ul>
          <li>
            Uitkomsten worden alleen getoond voor groepen van minstens {minimum} mensen, per ronde, per team en per vraag; bij
            een kleinere groep blijven ze verborgen. Zo kan niemand uit de cijfers afleiden wat één persoon antwoordde.
          </li>
          <li>
            Beheerders zien wie is uitgenodigd en hoe ver iemand is (uitgenodigd, begonnen, ingediend). Teamleiders zien alleen
            de rondes van hun eigen teams.
          </li>
          <li>Je eigen antwoorden en, na het sluiten, de uitkomsten van je groep zie je zelf via je link.</li>
        </ul>
      </section>

      <section className="panel" aria-labelledby="privacy-how-long">
        <h2 id="privacy-how-long">Hoe lang</h2>
        <ul>
          <li>
            Je persoonlijke link wordt alleen bewaard zolang de ronde open is (voor de herinneringen) en gewist zodra de ronde
            sluit.
          </li>
          <li>
            Namen, e-mailadressen en verstuurde e-mails worden {retention} na het sluiten van de ronde verwijderd.
          </li>
          <li>
            Ingediende antwoorden blijven daarna bewaard, maar aan niemand meer gekoppeld: zo kan een team zijn volgende
            ronde vergelijken met de vorige.
          </li>
          <li>
            Antwoorden die nooit zijn ingediend, worden {drafts.afterCloseDays} dagen na het sluiten van de ronde verwijderd,
            of na {drafts.idleDays} dagen zonder wijziging.
          </li>
          <li>Het logboek van de beheeromgeving wordt {audit} bewaard.</li>
        </ul>
      </section>

      <section className="panel" aria-labelledby="privacy-rights">
        <h2 id="privacy-rights">Je rechten</h2>
        <p>
          Je kunt de organisatie die je uitnodigde vragen welke gegevens Peilstok over je bewaart, en vragen ze te
          verwijderen. Een beheerder kan alles wat bij je e-mailadres hoort in één overzicht opvragen en wissen. In een
          anonieme ronde zijn je ingediende antwoorden niet aan jou gekoppeld: die kan daarom niemand terugvinden, en dus ook
          niet apart wissen.
        </p>
        <p>
          Met vragen of een verzoek ga je naar de organisatie die de peiling uitzet (bijvoorbeeld haar functionaris
          gegevensbescherming). Zij is verantwoordelijk voor je gegevens; Peilstok is de software die ze daarvoor gebruikt.
        </p>
      </section>
    </main>
  );
}
