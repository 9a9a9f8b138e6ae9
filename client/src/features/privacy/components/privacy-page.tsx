// "Privacy bij Peilstok" (/privacy): what is stored, why, how long and who sees what, for
// respondents and staff alike. The periods come from the organisation's settings. Dutch, or
// English when asked (lib/page-language.ts); both texts are below, with the same facts.
import { useEffect, useState } from "react";
import { PageLanguageSwitch } from "../../../components/page-language-switch.tsx";
import { usePageLanguage, type PageLanguage } from "../../../lib/page-language.ts";
import { fetchPrivacyFacts, type PrivacyFacts } from "../api.ts";
import "../privacy.css";

/** The facts in words; `null` while they load or when they could not be loaded. */
interface Facts {
  retention: number | null;
  audit: number | null;
  minimum: number | null;
  drafts: { afterCloseDays: number; idleDays: number };
}

const nl = {
  title: "Privacy bij Peilstok",
  loadFailed: "De bewaartermijnen van deze organisatie konden niet worden geladen; hieronder staat wat altijd geldt.",
  whatTitle: "Wat Peilstok bewaart",
  what: [
    {
      lead: "Als je een peiling invult via een persoonlijke link:",
      text: "je naam, e-mailadres en team zoals de organisatie die heeft ingevoerd, of je de link hebt geopend, bent begonnen of je antwoorden hebt ingediend, je antwoorden, en de e-mails die Peilstok je stuurt (uitnodiging en herinneringen).",
    },
    {
      lead: "In een anonieme ronde",
      text: "worden je antwoorden niet aan je naam gekoppeld opgeslagen. Van jou staat alleen vast óf je hebt ingevuld, en dan alleen de dag, niet het tijdstip.",
    },
    {
      lead: "Via een open link",
      text: "(zonder uitnodiging) bewaart Peilstok alleen je antwoorden, zonder naam of e-mailadres.",
    },
    {
      lead: "Voor medewerkers die Peilstok beheren:",
      text: "je account (e-mailadres, naam, rol en teams), wanneer je inlogde, en een logboek van wat je in de beheeromgeving deed.",
    },
  ],
  noTracking: "Peilstok gebruikt geen cookies om je te volgen en laadt niets van andere websites.",
  whyTitle: "Waarom",
  why: "Om de peiling uit te voeren: je uitnodigen en zo nodig herinneren, je antwoorden bewaren zodat je later verder kunt, en de uitkomsten per groep berekenen, zodat een team of opleiding kan zien waar het staat en waar het naartoe wil. Het logboek is er voor verantwoording en beveiliging: wie heeft welke uitkomsten bekeken, gedownload of gewijzigd.",
  whoTitle: "Wie wat ziet",
  who: (f: Facts): string[] => [
    `Uitkomsten worden alleen getoond voor groepen van minstens ${f.minimum === null ? "enkele mensen" : f.minimum === 1 ? "1 persoon" : `${f.minimum} mensen`}, per ronde, per team en per vraag; bij een kleinere groep blijven ze verborgen. Zo kan niemand uit de cijfers afleiden wat één persoon antwoordde.`,
    "Beheerders zien wie is uitgenodigd en hoe ver iemand is (uitgenodigd, begonnen, ingediend). Teamleiders zien alleen de rondes van hun eigen teams.",
    "Je eigen antwoorden en, na het sluiten, de uitkomsten van je groep zie je zelf via je link.",
  ],
  howLongTitle: "Hoe lang",
  howLong: (f: Facts): string[] => [
    "Je persoonlijke link wordt alleen bewaard zolang de ronde open is (voor de herinneringen) en gewist zodra de ronde sluit.",
    `Namen, e-mailadressen en verstuurde e-mails worden ${nlMonths(f.retention)} na het sluiten van de ronde verwijderd.`,
    "Ingediende antwoorden blijven daarna bewaard, maar aan niemand meer gekoppeld: zo kan een team zijn volgende ronde vergelijken met de vorige.",
    `Antwoorden die nooit zijn ingediend, worden ${nlDays(f.drafts.afterCloseDays)} na het sluiten van de ronde verwijderd, of na ${nlDays(f.drafts.idleDays)} zonder wijziging.`,
    `Het logboek van de beheeromgeving wordt ${nlMonths(f.audit)} bewaard.`,
  ],
  rightsTitle: "Je rechten",
  rights: [
    "Je kunt de organisatie die je uitnodigde vragen welke gegevens Peilstok over je bewaart, en vragen ze te verwijderen. Een beheerder kan alles wat bij je e-mailadres hoort in één overzicht opvragen en wissen. In een anonieme ronde zijn je ingediende antwoorden niet aan jou gekoppeld: die kan daarom niemand terugvinden, en dus ook niet apart wissen.",
    "Met vragen of een verzoek ga je naar de organisatie die de peiling uitzet (bijvoorbeeld haar functionaris gegevensbescherming). Zij is verantwoordelijk voor je gegevens; Peilstok is de software die ze daarvoor gebruikt.",
  ],
};

const en: typeof nl = {
  title: "Privacy at Peilstok",
  loadFailed: "This organisation’s retention periods could not be loaded; below is what always applies.",
  whatTitle: "What Peilstok stores",
  what: [
    {
      lead: "If you fill in a survey through a personal link:",
      text: "your name, email address and team as the organisation entered them; whether you have opened the link, started, or submitted your answers; your answers; and the emails Peilstok sends you (the invitation and reminders).",
    },
    {
      lead: "In an anonymous round",
      text: "your answers are not stored with your name. The only thing recorded about you is whether you took part, and then only the day, not the time.",
    },
    {
      lead: "Through an open link",
      text: "(without an invitation) Peilstok stores only your answers, without a name or email address.",
    },
    {
      lead: "For staff who manage Peilstok:",
      text: "your account (email address, name, role and teams), when you logged in, and a log of what you did in the admin area.",
    },
  ],
  noTracking: "Peilstok does not use cookies to track you and does not load anything from other websites.",
  whyTitle: "Why",
  why: "To run the survey: to invite you and remind you if needed, to keep your answers so you can carry on later, and to work out the results per group, so a team or study programme can see where it stands and where it wants to go. The log is there for accountability and security: who viewed, downloaded or changed which results.",
  whoTitle: "Who sees what",
  who: (f: Facts): string[] => [
    `Results are only shown for groups of at least ${f.minimum === null ? "a few people" : f.minimum === 1 ? "1 person" : `${f.minimum} people`}, per round, per team and per question; for a smaller group they stay hidden. That way nobody can tell from the figures what one person answered.`,
    "Administrators see who has been invited and how far each person has got (invited, started, submitted). Team leaders only see the rounds of their own teams.",
    "You can see your own answers, and once the round has closed your group’s results, yourself through your link.",
  ],
  howLongTitle: "How long",
  howLong: (f: Facts): string[] => [
    "Your personal link is only kept while the round is open (for the reminders) and is deleted as soon as the round closes.",
    `Names, email addresses and sent emails are deleted ${enMonths(f.retention)} after the round closes.`,
    "Submitted answers are kept after that, but no longer linked to anyone: that way a team can compare its next round with the previous one.",
    `Answers that were never submitted are deleted ${enDays(f.drafts.afterCloseDays)} after the round closes, or after ${enDays(f.drafts.idleDays)} without changes.`,
    `The admin area’s log is kept for ${enMonths(f.audit)}.`,
  ],
  rightsTitle: "Your rights",
  rights: [
    "You can ask the organisation that invited you what data Peilstok holds about you, and ask for it to be deleted. An administrator can bring up everything linked to your email address in one overview and erase it. In an anonymous round your submitted answers are not linked to you: so nobody can find them again, and so they cannot be erased separately either.",
    "With questions or a request, please contact the organisation that runs the survey (for example its data protection officer). It is responsible for your data; Peilstok is the software it uses to run the survey.",
  ],
};

function nlMonths(n: number | null): string {
  if (n === null) return "een aantal maanden";
  return n === 1 ? "1 maand" : `${n} maanden`;
}
function enMonths(n: number | null): string {
  if (n === null) return "a number of months";
  return n === 1 ? "1 month" : `${n} months`;
}
const nlDays = (n: number) => (n === 1 ? "1 dag" : `${n} dagen`);
const enDays = (n: number) => (n === 1 ? "1 day" : `${n} days`);

const texts: Record<PageLanguage, typeof nl> = { nl, en };

export function PrivacyPage() {
  const language = usePageLanguage();
  const t = texts[language];
  const [facts, setFacts] = useState<PrivacyFacts | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    fetchPrivacyFacts().then(setFacts, () => setFailed(true));
  }, []);
  useEffect(() => {
    document.title = t.title;
  }, [t]);

  const words: Facts = {
    retention: facts?.retentionMonths ?? null,
    audit: facts?.auditRetentionMonths ?? null,
    minimum: facts?.minGroupSize ?? null,
    drafts: facts?.drafts ?? { afterCloseDays: 30, idleDays: 180 },
  };

  return (
    <main className="page privacy-page" id="main">
      <header className="page-header">
        <div className="page-header__top">
          <p className="brand">Peilstok</p>
          <PageLanguageSwitch path="/privacy" value={language} />
        </div>
        <h1>{t.title}</h1>
      </header>
      {failed ? (
        <p className="notice notice--warning" role="status">
          {t.loadFailed}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="privacy-what">
        <h2 id="privacy-what">{t.whatTitle}</h2>
        <ul>
          {t.what.map((item) => (
            <li key={item.lead}>
              <strong>{item.lead}</strong> {item.text}
            </li>
          ))}
        </ul>
        <p>{t.noTracking}</p>
      </section>

      <section className="panel" aria-labelledby="privacy-why">
        <h2 id="privacy-why">{t.whyTitle}</h2>
        <p>{t.why}</p>
      </section>

      <section className="panel" aria-labelledby="privacy-who">
        <h2 id="privacy-who">{t.whoTitle}</h2>
        <List items={t.who(words)} />
      </section>

      <section className="panel" aria-labelledby="privacy-how-long">
        <h2 id="privacy-how-long">{t.howLongTitle}</h2>
        <List items={t.howLong(words)} />
      </section>

      <section className="panel" aria-labelledby="privacy-rights">
        <h2 id="privacy-rights">{t.rightsTitle}</h2>
        {t.rights.map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
      </section>
    </main>
  );
}

function List({ items }: { items: readonly string[] }) {
  return (
    <ul>
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}
