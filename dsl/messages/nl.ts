// Every diagnostic message in Dutch, the default language of the scan checker.
import type { ItemKind } from "../model.ts";
import type { Catalogue } from "./index.ts";
import type { After, Expected, ParamExpectation, Repeats, Suggestion, TextPlace, UnusualSpace, Where } from "./types.ts";

const c = (s: string | number) => `\`${s}\``;

/** "`a`, `b` of `c`" */
function anyOf(items: readonly string[]): string {
  const quoted = items.map(c);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} of ${quoted[quoted.length - 1]}`;
}

function allOf(items: readonly (string | number)[]): string {
  const parts = items.map(String);
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} en ${parts[parts.length - 1]}`;
}

const didYouMean = (s: Suggestion) => `bedoel je ${c(s.name)}${s.line ? ` (regel ${s.line})` : ""}?`;

function repeated(r: Repeats): string[] {
  if (r.count === 0) return [];
  const more = r.count - r.lines.length;
  const lines = r.lines.length === 1 ? `regel ${r.lines[0]}` : `de regels ${allOf(r.lines)}`;
  return [`hetzelfde staat ook op ${lines}${more > 0 ? ` en nog ${more} keer` : ""}`];
}

const kindName = (kind: ItemKind) => `${c(kind)}-vraag`;

const spaceName: Record<UnusualSpace, string> = {
  nbsp: "een harde spatie",
  "narrow-nbsp": "een smalle harde spatie",
  "figure-space": "een cijferspatie",
  "zero-width": "een onzichtbaar teken",
  bom: "een byte-order mark",
  "other-space": "een bijzondere spatie",
};

const expected: Record<Expected, string> = {
  "scan-name": "de naam van de scan na `scan`",
  "scale-name": "de naam van de schaal na `scale`",
  "scale-low": "het laagste punt van de schaal",
  "scale-dots": "`..` tussen het laagste en het hoogste punt",
  "scale-high": "het hoogste punt van de schaal",
  label: "een punt van de schaal met zijn omschrijving",
  "label-text": "de omschrijving van dit punt",
  "not-applicable-text": "de tekst van het antwoord ‘niet van toepassing’",
  "theme-name": "de naam van het thema na `theme`",
  "theme-title": "de titel van het thema",
  "page-name": "de naam van de pagina na `page`",
  "page-title": "de titel van de pagina",
  "item-name": "de naam van de vraag",
  "item-title": "de vraag of stelling zelf, tussen aanhalingstekens",
  on: "`on` voor de naam van de schaal",
  "scale-after-on": "de naam van een schaal na `on`",
  "second-scale": "de naam van een tweede schaal na `and`",
  "option-name": "de naam van de optie na `option`",
  "option-label": "de tekst van de optie",
  "title-text": "de titel van de scan",
  "intro-text": "de tekst van de inleiding",
  "note-text": "de tekst van de notitie",
  "help-text": "de uitlegtekst",
  "english-text": "de Engelse tekst na `en`",
  language: "een taalcode zoals `nl`",
  respondent: "wie er antwoordt, bijvoorbeeld `docent` of `inwoner`",
  "answered-by": "`each-person` of `team-together`",
  cadence: "`once` of `every`",
  "cadence-number": "een aantal, bijvoorbeeld `every 3-4 months`",
  "cadence-upper": "het hoogste aantal van het bereik",
  "cadence-unit": "`days`, `weeks` of `months`",
  "yes-no": "`yes` of `no`",
  if: "`if` na `show`",
  "condition-item": "de naam van een eerdere vraag",
  side: "`current` of `desired` na de punt",
  operator: "een vergelijking: =, !=, >, >=, <, <= of contains",
  value: "een waarde om mee te vergelijken",
  "closing-paren": "een sluithaakje `)`",
  condition: "een voorwaarde",
  aggregator: "de naam van de berekening na `score`",
  "param-name": "de naam van een parameter",
  "param-value": "een waarde voor de parameter",
  "range-upper": "het hoogste getal van het bereik",
};

function expectedHelp(what: Expected, kind?: ItemKind): string | undefined {
  switch (what) {
    case "scan-name":
      return "bijvoorbeeld `scan paraplu-quickscan`";
    case "scale-name":
    case "scale-low":
    case "scale-high":
      return "bijvoorbeeld `scale niveau 1..5`";
    case "label":
      return 'bijvoorbeeld `1 "helemaal niet"`';
    case "theme-name":
      return 'bijvoorbeeld `theme visie "Visie"`';
    case "page-name":
      return 'bijvoorbeeld `page afsluiting "Tot slot"`';
    case "item-name":
      return `bijvoorbeeld \`${kind ?? "rate"} missie "Missie"${kind === "rate" || kind === undefined ? " on niveau" : ""}\``;
    case "item-title":
    case "title-text":
    case "intro-text":
    case "note-text":
    case "help-text":
    case "label-text":
    case "theme-title":
    case "page-title":
    case "option-label":
    case "english-text":
    case "not-applicable-text":
      return 'zet de tekst tussen rechte dubbele aanhalingstekens: "..."';
    case "option-name":
      return 'bijvoorbeeld `option vaak "Vaak"`';
    case "answered-by":
      return "`each-person`: ieder vult voor zichzelf in; `team-together`: het team vult samen één keer in";
    case "cadence":
      return "bijvoorbeeld `cadence every 3-4 months` of `cadence once`";
    case "if":
      return "bijvoorbeeld `show if missie < 3`";
    case "aggregator":
      return "bijvoorbeeld `score gap per theme`";
    case "closing-paren":
      return "elk openingshaakje `(` heeft een sluithaakje `)` nodig";
    default:
      return undefined;
  }
}

const after: Record<After, string> = {
  "scan-name": "de naam van de scan",
  "scale-range": "het bereik van de schaal",
  label: "de omschrijving",
  "theme-title": "de titel van het thema",
  "page-title": "de titel van de pagina",
  item: "de vraag",
  setting: "deze instelling",
  condition: "de voorwaarde",
  "help-text": "de uitlegtekst",
};

const where: Record<Where, string> = {
  top: "aan het begin van een blok",
  scan: "in de instellingen van de scan",
  scale: "in een schaal",
  theme: "in een thema",
  item: "bij een vraag",
};

const declared = { scale: "schaal", theme: "thema", item: "vraag", option: "optie" } as const;

function duplicate(what: keyof typeof declared) {
  return (a: { name: string; line: number }) => ({
    message: `${what === "theme" ? "het thema" : what === "item" ? "de vraag" : `de ${declared[what]}`} ${c(a.name)} bestaat al`,
    label: "tweede keer",
    notes: [`voor het eerst op regel ${a.line}`],
    help: `geef ${what === "theme" ? "dit thema" : `deze ${declared[what]}`} een andere naam`,
  });
}

function paramExpectation(e: ParamExpectation, values?: string[]): string {
  switch (e) {
    case "int":
      return "een heel getal";
    case "range":
      return "een bereik zoals `4..5`";
    case "range-order":
      return "een bereik van laag naar hoog";
    case "word":
      return `een van ${anyOf(values ?? [])}`;
    case "scale":
      return "de naam van een schaal";
    case "theme":
      return "de naam van een thema";
    case "item":
      return "de naam van een vraag";
  }
}

function textPlace(p: TextPlace): string {
  switch (p.place) {
    case "scan-title":
      return "de titel van de scan";
    case "intro":
      return "de inleiding";
    case "label":
      return `de omschrijving van punt ${p.value} van schaal ${c(p.scale)}`;
    case "not-applicable":
      return `het antwoord ‘niet van toepassing’ van schaal ${c(p.scale)}`;
    case "theme-title":
      return `de titel van ${p.page ? "pagina" : "thema"} ${c(p.theme)}`;
    case "theme-help":
      return `de uitleg bij ${p.page ? "pagina" : "thema"} ${c(p.theme)}`;
    case "item-title":
      return `vraag ${c(p.item)}`;
    case "item-help":
      return `de uitleg bij vraag ${c(p.item)}`;
    case "option":
      return `optie ${c(p.option)} van ${c(p.item)}`;
  }
}

const saveAsUtf8 =
  "sla het bestand op als UTF-8: in Kladblok met Bestand > Opslaan als, en kies bij Codering ‘UTF-8’; in Word met Opslaan als > Platte tekst, en kies ‘Unicode (UTF-8)’";

export const nl: Catalogue = {
  "encoding-invalid": {
    utf8: (a) => ({
      message: `het bestand is niet opgeslagen als UTF-8: byte ${a.byte} is geen geldig teken`,
      label: a.windows1252 ? `waarschijnlijk een ‘${a.windows1252}’ in een andere codering` : "ongeldige byte",
      notes: ["respondenten zouden hier een vreemd teken zien, zoals ‘cli�nt’"],
      help: saveAsUtf8,
    }),
    utf16: () => ({
      message: "het bestand is opgeslagen als UTF-16 (in Kladblok heet dat ‘Unicode’), niet als UTF-8",
      label: "UTF-16",
      help: saveAsUtf8,
    }),
  },
  "character-unexpected": {
    unexpected: (a) => ({
      message: `onverwacht teken ${c(a.char)} (${a.code})`,
      label: "dit teken betekent hier niets",
      help: "verwijder het teken, of zet het in een tekst tussen aanhalingstekens",
    }),
    comment: (a) => ({
      message: "commentaar begint met `#`, niet met `//`",
      label: "`//`",
      notes: repeated(a.repeats),
      help: "schrijf `#` in plaats van `//`",
    }),
  },
  "whitespace-unusual": {
    space: (a) => ({
      message: `${spaceName[a.kind]} (${a.code}) in plaats van een gewone spatie`,
      label: spaceName[a.kind].replace(/^een /, ""),
      notes: [
        "zo'n teken komt meestal mee bij kopiëren uit Word, een pdf of een webpagina; de scan leest het als een gewone spatie",
        ...repeated(a.repeats),
      ],
      help: a.kind === "zero-width" || a.kind === "bom" ? "verwijder het onzichtbare teken" : "vervang het door een gewone spatie",
    }),
  },
  "quote-invalid": {
    single: (a) => ({
      message: `een tekst staat tussen enkele aanhalingstekens (${a.quote})`,
      label: "enkel aanhalingsteken",
      notes: repeated(a.repeats),
      help: 'zet teksten tussen dubbele aanhalingstekens: "..."; een apostrof binnen de tekst (zo\'n) mag wel',
    }),
  },
  "string-unterminated": {
    closing: () => ({
      message: "deze tekst heeft geen sluitend aanhalingsteken",
      label: "de tekst begint hier",
      help: 'sluit de tekst af met " op dezelfde regel',
    }),
    opening: () => ({
      message: "dit aanhalingsteken sluit een tekst af die geen openend aanhalingsteken heeft",
      label: "sluitend aanhalingsteken zonder begin",
      help: 'zet ook een " vóór het begin van de tekst',
    }),
    "line-break": (a) => ({
      message: `deze tekst loopt door op regel ${a.line}; een tekst staat op één regel`,
      label: "de tekst begint hier",
      notes: ["een regelovergang midden in een tekst komt vaak mee bij kopiëren uit Word of een pdf"],
      help: `haal de regelovergang weg, zodat regel ${a.line} achter deze regel komt`,
    }),
  },
  "indent-invalid": {
    tab: (a) => ({
      message: "een tab kan niet als inspringing dienen",
      label: "tab",
      notes: repeated(a.repeats),
      help: "spring in met twee spaties per niveau",
    }),
    odd: (a) => ({
      message: `deze regel springt ${a.spaces} spaties in`,
      label: "oneven inspringing",
      notes: repeated(a.repeats),
      help: `spring in met twee spaties per niveau; hier waarschijnlijk ${a.expected}`,
    }),
    "too-far": (a) => ({
      message: "deze regel springt verder in dan de regel erboven toelaat",
      label: "te ver",
      notes: repeated(a.repeats),
      help: `laat deze regel ${a.expected} spaties inspringen`,
    }),
    "too-shallow": (a) => ({
      message: "deze regel springt te weinig in",
      label: "te weinig",
      notes: repeated(a.repeats),
      help: `laat deze regel ${a.expected} spaties inspringen`,
    }),
    "under-leaf": (a) => ({
      message: "deze regel springt in onder een regel waar niets onder hoort",
      label: "te ver",
      notes: repeated(a.repeats),
      help: `laat deze regel ${a.expected} spaties inspringen, net als de regel erboven`,
    }),
    "item-outside-theme": (a) => ({
      message: `de vraag ${c(a.item)} staat niet in een thema`,
      label: "vraag buiten een thema",
      notes: repeated(a.repeats),
      help: a.theme
        ? `laat de vraag twee spaties inspringen, onder thema ${c(a.theme)}`
        : "zet vragen onder een `theme`-regel, twee spaties ingesprongen",
    }),
    "item-in-item": (a) => ({
      message: `de vraag ${c(a.item)} springt in onder een andere vraag`,
      label: "te ver",
      notes: repeated(a.repeats),
      help: "laat de vraag twee spaties inspringen, net als de vraag erboven",
    }),
    "item-setting-outside-item": (a) => ({
      message: `${c(a.keyword)} hoort bij de vraag ${c(a.item)} erboven`,
      label: "te weinig ingesprongen",
      notes: repeated(a.repeats),
      help: "laat deze regel vier spaties inspringen, onder de vraag",
    }),
    "label-outside-scale": (a) => ({
      message: `deze omschrijving hoort bij schaal ${c(a.scale)} erboven`,
      label: "te weinig ingesprongen",
      notes: repeated(a.repeats),
      help: "laat de regel twee spaties inspringen, onder de schaal",
    }),
    "scan-setting-outside-scan": (a) => ({
      message: `${c(a.keyword)} is een instelling van de scan`,
      label: "te weinig ingesprongen",
      notes: repeated(a.repeats),
      help: "laat de regel twee spaties inspringen, onder de `scan`-regel",
    }),
  },
  "keyword-unknown": {
    keyword: (a) => ({
      message: `onbekend woord ${c(a.word)} ${where[a.where]}`,
      label: "onbekend woord",
      help: a.suggestion ? `bedoel je ${c(a.suggestion)}?` : `hier kan staan: ${anyOf(a.expected)}`,
    }),
  },
  "token-expected": {
    missing: (a) => {
      const help = expectedHelp(a.what, a.kind);
      return { message: `${expected[a.what]} ontbreekt`, label: "hier ontbreekt iets", ...(help ? { help } : {}) };
    },
    found: (a) => {
      const help = a.suggestion ? `bedoel je ${c(a.suggestion)}?` : expectedHelp(a.what, a.kind);
      return {
        message: `hier hoort ${expected[a.what]}, maar er staat ${c(a.found)}`,
        label: "verwacht iets anders",
        ...(help ? { help } : {}),
      };
    },
    "range-dash": (a) => ({
      message: `een bereik schrijf je met twee punten, niet met ${c(a.found)}`,
      label: a.found === "…" ? "één teken met drie puntjes (Word maakt dat van ...)" : "hier hoort `..`",
      help: `schrijf ${c(`${a.low}..${a.high}`)}`,
    }),
    "range-words": (a) => ({
      message: `een bereik schrijf je met twee punten, niet met ${c(a.found)}`,
      label: "in woorden",
      help: `schrijf ${c(`${a.low}..${a.high}`)}`,
    }),
    "range-dots": () => ({
      message: "een bereik schrijf je met precies twee punten",
      label: "één punt te veel",
      help: "bijvoorbeeld `1..5`",
    }),
  },
  "token-unexpected": {
    extra: (a) => ({
      message: `onverwacht ${c(a.found)} na ${after[a.after]}`,
      label: "hoort hier niet",
      ...(a.inner
        ? { help: 'staat er een aanhalingsteken binnen de tekst? Schrijf het als \\" of gebruik gekrulde aanhalingstekens: "Het “keukentafelgesprek” hielp"' }
        : a.text
          ? { help: "een regel bevat één tekst; gebruik een nieuwe regel (bijvoorbeeld nog een `help`) voor meer" }
          : {}),
    }),
    "one-scale": (a) => ({
      message: `een ${kindName(a.kind)} gebruikt één schaal`,
      label: "tweede schaal",
      help: "alleen een `pair`-vraag mag per kant een schaal noemen",
    }),
    operator: (a) => ({
      message: `${c(a.found)} is geen vergelijking`,
      label: a.reversed ? "omgedraaid" : "bedoeld is " + c(a.fix),
      help: `schrijf ${c(a.fix)}`,
    }),
    joiner: (a) => ({
      message: `${c(a.found)} is geen woord van de scantaal; een voorwaarde gebruikt ${c(a.fix)}`,
      label: `schrijf ${c(a.fix)}`,
      help: "voorwaarden combineer je met de Engelse woorden `and` (beide), `or` (een van beide) en `not` (niet), in kleine letters",
    }),
  },
  "id-invalid": {
    invalid: (a) => ({
      message: `${c(a.name)} is geen geldige naam`,
      label: "ongeldige naam",
      help: `namen bestaan uit kleine letters, cijfers en losse streepjes, bijvoorbeeld ${c(a.suggestion)}`,
    }),
    accent: (a) => ({
      message: `${c(a.name)} is geen geldige naam: namen hebben geen accenten`,
      label: "letter met accent",
      notes: ["een naam is de sleutel waaronder antwoorden worden bewaard en geëxporteerd; respondenten zien hem nooit"],
      help: `schrijf ${c(a.suggestion)}`,
    }),
  },
  "scan-missing": {
    missing: () => ({
      message: "dit bestand heeft geen `scan`-blok",
      help: 'begin het bestand met `scan <naam>` en zet daaronder, ingesprongen, `title "..."`',
    }),
  },
  "scan-duplicate": {
    second: (a) => ({
      message: `een tweede scan ${c(a.name)} in hetzelfde bestand`,
      help: `zet elke scan in een eigen bestand (de eerste is ${c(a.first)} op regel ${a.line})`,
    }),
  },
  "scan-empty": {
    empty: (a) => ({
      message: `scan ${c(a.scan)} heeft geen vragen`,
      help: 'voeg een thema met vragen toe, bijvoorbeeld `theme visie "Visie"` met daaronder `rate missie "Missie" on niveau`',
    }),
  },
  "property-duplicate": {
    setting: (a) => ({ message: `${c(a.name)} staat er meer dan één keer`, help: "laat er één staan" }),
    param: (a) => ({ message: `de parameter ${c(a.name)} staat er twee keer`, help: "laat er één staan" }),
  },
  "property-missing": {
    title: (a) => ({ message: `scan ${c(a.scan)} heeft geen titel`, help: 'voeg er een ingesprongen regel onder toe: title "..."' }),
  },
  "property-invalid": {
    "cadence-range": () => ({ message: "het bereik van de cadans is leeg", help: "zet het kleinste getal eerst, bijvoorbeeld `every 3-4 months`" }),
    "main-language": (a) => ({
      message: `de hoofdtaal moet ${c("nl")} zijn, niet ${c(a.lang)}`,
      help: "scanteksten zijn eerst Nederlands; noem andere talen daarna: `language nl en`",
    }),
    "translation-language": (a) => ({
      message: `vertalingen in ${c(a.lang)} worden niet ondersteund`,
      help: "de enige vertaaltaal is `en`",
    }),
  },
  "answered-by-missing": {
    missing: (a) => ({
      message: `scan ${c(a.scan)} zegt niet wie de scan invult`,
      label: "`answered-by` ontbreekt",
      notes: [
        "`answered-by each-person`: iedereen vult voor zichzelf in; uitkomsten verschijnen pas als de ronde gesloten is en er genoeg antwoorden zijn (de minimale groepsgrootte)",
        "`answered-by team-together`: het team vult in een overleg samen één keer in; dat ene antwoord is van het team, zodat er geen anonimiteit te beschermen is en de uitkomst meteen zichtbaar is",
        ...(a.respondent === "team"
          ? ["deze scan zegt `respondent team`: kies `team-together` alleen als het team echt samen één formulier invult, en `each-person` als ieder teamlid apart antwoordt"]
          : []),
      ],
      help:
        a.respondent === "team"
          ? "voeg onder de `scan`-regel `answered-by team-together` of `answered-by each-person` toe"
          : "voeg onder de `scan`-regel `answered-by each-person` toe",
    }),
  },
  "answered-by-conflict": {
    "team-word": (a) => ({
      message: `${c(`respondent ${a.respondent}`)} met ${c("answered-by each-person")} is dubbelzinnig`,
      label: "wie is dit?",
      notes: ["hier vult ieder teamlid apart in; het woord `team` laat lezen alsof het team samen één keer antwoordt"],
      help: "noem de respondenten naar wie ze zijn, bijvoorbeeld `respondent teamlid`, of kies `answered-by team-together`",
    }),
  },
  "scale-duplicate": { duplicate: duplicate("scale") },
  "theme-duplicate": { duplicate: duplicate("theme") },
  "item-duplicate": { duplicate: duplicate("item") },
  "option-duplicate": { duplicate: duplicate("option") },
  "scale-undefined": {
    item: (a) => ({
      message: `vraag ${c(a.item)} gebruikt de onbekende schaal ${c(a.scale)}`,
      label: `er is geen schaal ${c(a.scale)}`,
      help: a.suggestion ? didYouMean(a.suggestion) : "maak hem aan met `scale <naam> 1..5`, aan het begin van een regel",
    }),
    param: (a) => ({
      message: `er is geen schaal ${c(a.name)}`,
      label: "onbekende schaal",
      help: a.suggestion ? didYouMean(a.suggestion) : "maak de schaal eerst aan, of noem een schaal die bestaat",
    }),
  },
  "scale-bounds-reversed": {
    bounds: (a) => ({
      message: `schaal ${c(a.scale)} loopt van ${a.min} tot ${a.max}`,
      label: "het laagste punt moet onder het hoogste liggen",
      help: a.min > a.max ? `schrijf ${c(`${a.max}..${a.min}`)}` : "een schaal heeft minstens twee punten",
    }),
  },
  "scale-gap": {
    gap: (a) => ({
      message: `schaal ${c(a.scale)} heeft geen omschrijving voor ${a.missing.length === 1 ? "punt" : "de punten"} ${allOf(a.missing)}`,
      label: a.ladder ? "een ladder beschrijft elke trede" : "beschrijft sommige punten, niet alle",
      help: a.ladder ? "geef elke trede van de ladder een omschrijving" : "beschrijf elk punt, of alleen het laagste en het hoogste",
    }),
  },
  "scale-label-out-of-range": {
    label: (a) => ({
      message: `punt ${a.value} ligt buiten schaal ${c(a.scale)} (${a.min}..${a.max})`,
      label: "geen punt van deze schaal",
      help: `beschrijf alleen de punten ${a.min} tot en met ${a.max}`,
    }),
  },
  "scale-label-duplicate": {
    label: (a) => ({
      message: `punt ${a.value} van schaal ${c(a.scale)} heeft twee omschrijvingen`,
      notes: [`de eerste staat op regel ${a.line}`],
      help: "houd één omschrijving per punt",
    }),
  },
  "theme-undefined": {
    param: (a) => ({
      message: `er is geen thema ${c(a.name)}`,
      label: "onbekend thema",
      help: a.suggestion ? didYouMean(a.suggestion) : "noem een thema dat bestaat",
    }),
  },
  "theme-empty": {
    empty: (a) =>
      a.page
        ? { message: `pagina ${c(a.theme)} heeft geen vragen`, help: "zet er ingesprongen vragen onder, of haal de pagina weg" }
        : { message: `thema ${c(a.theme)} heeft geen vragen`, help: "zet er ingesprongen vragen onder, of haal het thema weg" },
  },
  "item-undefined": {
    condition: (a) => ({
      message: `er is geen vraag ${c(a.name)}`,
      label: "onbekende vraag",
      help: a.suggestion ? didYouMean(a.suggestion) : "een voorwaarde noemt een eerdere vraag bij haar naam",
    }),
    param: (a) => ({
      message: `er is geen vraag ${c(a.name)}`,
      label: "onbekende vraag",
      help: a.suggestion ? didYouMean(a.suggestion) : "noem een vraag die bestaat",
    }),
  },
  "item-scale-missing": {
    missing: (a) => ({
      message: `vraag ${c(a.item)} zegt niet op welke schaal ze wordt beantwoord`,
      help: `zet \`on <schaal>\` aan het eind van de regel${a.example ? `, bijvoorbeeld ${c(`on ${a.example}`)}` : ""}`,
    }),
  },
  "item-scale-unexpected": {
    unexpected: (a) => ({
      message: `een ${kindName(a.kind)} wordt niet op een schaal beantwoord`,
      help: `haal ${c(`on ${a.scale}`)} weg, of maak er een \`rate\`-vraag van`,
    }),
  },
  "step-scale-not-ladder": {
    plain: (a) => ({
      message: `\`step\`-vraag ${c(a.item)} heeft een ladder nodig, en ${c(a.scale)} is een gewone schaal`,
      help: `maak er ${c(`scale ${a.scale} ${a.min}..${a.max} ladder`)} van, of gebruik een \`rate\`-vraag`,
    }),
  },
  "pair-scale-mismatch": {
    mismatch: (a) => ({
      message: `de twee kanten van ${c(a.item)} gebruiken verschillende schalen`,
      label: `${a.secondMin}..${a.secondMax}`,
      notes: [`huidig gebruikt ${c(a.first)} (${a.firstMin}..${a.firstMax}), gewenst ${c(a.second)} (${a.secondMin}..${a.secondMax})`],
      help: "huidig en gewenst worden op dezelfde punten vergeleken; gebruik één schaal voor beide",
    }),
  },
  "option-missing": {
    none: (a) => ({ message: `${kindName(a.kind)} ${c(a.item)} heeft geen opties`, help: 'zet er ingesprongen regels onder, zoals `option vaak "Vaak"`' }),
    one: (a) => ({ message: `${kindName(a.kind)} ${c(a.item)} heeft maar één optie`, help: "een keuze heeft minstens twee opties nodig" }),
  },
  "flag-misplaced": {
    options: (a) => ({ message: `een ${kindName(a.kind)} heeft geen opties`, help: "opties horen bij `choice`- en `multi`-vragen" }),
    flag: (a) => ({
      message: `${c(a.flag)} past niet bij een ${kindName(a.kind)}`,
      help: `${c(a.flag)} hoort bij ${allOf(a.owners.map(kindName))}`,
    }),
  },
  "condition-self": {
    self: (a) => ({ message: `vraag ${c(a.item)} hangt af van haar eigen antwoord`, help: "een voorwaarde gaat over een eerdere vraag" }),
  },
  "condition-forward": {
    forward: (a) => ({
      message: `vraag ${c(a.item)} hangt af van ${c(a.ref)}, die later komt`,
      label: `${c(a.ref)} staat op regel ${a.line}`,
      help: "een voorwaarde kan alleen eerdere antwoorden gebruiken; verplaats een van de vragen",
    }),
  },
  "condition-invalid": {
    "not-comparable": (a) => ({
      message: `het antwoord op ${kindName(a.kind)} ${c(a.item)} kan niet worden vergeleken`,
      help: "voorwaarden kunnen beoordelingen, treden, keuzes en ja/nee-antwoorden gebruiken",
    }),
    "pair-side": (a) => ({
      message: `${c(a.item)} is een \`pair\`: zeg welke kant de voorwaarde leest`,
      help: `schrijf ${c(`${a.item}.current`)} of ${c(`${a.item}.desired`)}`,
    }),
    "not-pair": (a) => ({
      message: `${c(a.item)} is geen \`pair\` en heeft geen kant ${c(a.side)}`,
      help: `schrijf alleen ${c(a.item)}`,
    }),
    operator: (a) => ({
      message: `${c(a.op)} kan het antwoord op ${kindName(a.kind)} ${c(a.item)} niet vergelijken`,
      help: `gebruik ${anyOf(a.ops)}`,
    }),
    value: (a) => ({
      message: `${c(a.value)} is geen mogelijk antwoord op ${c(a.item)}`,
      help: a.suggestion ? `bedoel je ${c(a.suggestion)}?` : `mogelijke antwoorden: ${anyOf(a.allowed)}`,
    }),
    "number-expected": (a) => ({
      message: `${c(a.item)} wordt met een getal beantwoord, niet met ${c(a.value)}`,
      help: a.min !== undefined ? `vergelijk met een getal van ${a.min} tot en met ${a.max}` : "vergelijk met een getal",
    }),
    "off-scale": (a) => ({
      message: `${a.value} ligt buiten schaal ${c(a.scale)} (${a.min}..${a.max})`,
      help: "deze voorwaarde is dan nooit of altijd waar; gebruik een punt van de schaal",
    }),
    "too-deep": (a) => ({
      message: `deze voorwaarde nest \`not\` en haakjes dieper dan ${a.max} niveaus`,
      help: "schrijf de voorwaarde eenvoudiger",
    }),
    mixed: (a) => ({
      message: `${c(a.first)} en ${c(a.second)} staan zonder haakjes door elkaar`,
      label: "wat hoort bij wat?",
      help: "zet haakjes om het deel dat bij elkaar hoort, bijvoorbeeld `(a < 3 and b >= 4) or c = ja`",
    }),
  },
  "aggregator-unknown": {
    unknown: (a) => ({
      message: `onbekende berekening ${c(a.name)}`,
      label: "geen berekening",
      help: a.suggestion ? `bedoel je ${c(a.suggestion)}?` : `bekende berekeningen: ${anyOf(a.known)}`,
    }),
  },
  "aggregator-param-unknown": {
    unknown: (a) => ({
      message: `${c(a.aggregator)} kent geen parameter ${c(a.key)}`,
      help: a.suggestion
        ? `bedoel je ${c(a.suggestion)}?`
        : a.params.length
          ? `de parameters zijn ${allOf(a.params.map(c))}`
          : `${c(`score ${a.aggregator}`)} heeft geen parameters`,
    }),
  },
  "aggregator-param-missing": {
    missing: (a) => ({ message: `${c(a.aggregator)} heeft de parameter ${c(a.key)} nodig`, help: `voeg ${c(`${a.key} ${a.example}`)} toe` }),
  },
  "aggregator-param-invalid": {
    invalid: (a) => ({
      message: `${c(a.key)} van ${c(a.aggregator)} moet ${paramExpectation(a.expected, a.values)} zijn`,
      help: `bijvoorbeeld ${c(`${a.key} ${a.example}`)}`,
    }),
  },
  "aggregator-param-out-of-range": {
    int: (a) => ({
      message: `${c(`${a.key} ${a.value}`)} ligt buiten schaal ${c(a.scale)}, die loopt van ${a.min} tot en met ${a.max}`,
      label: `buiten ${a.min}..${a.max}`,
      help: `kies een punt van ${a.min} tot en met ${a.max}`,
    }),
    range: (a) => ({
      message: `${c(`${a.key} ${a.lo}..${a.hi}`)} ligt buiten schaal ${c(a.scale)}, die loopt van ${a.min} tot en met ${a.max}`,
      label: `buiten ${a.min}..${a.max}`,
      help: `kies punten van ${a.min} tot en met ${a.max}`,
    }),
  },
  "translation-missing": {
    missing: (a) => ({
      message: `${textPlace(a)} heeft geen Engelse vertaling`,
      help: 'zet `en "..."` na de Nederlandse tekst, of haal `en` weg uit de `language`-regel',
    }),
  },
  "scan-long": {
    long: (a) => ({
      message: `scan ${c(a.scan)} heeft ${a.items} vragen en kost ongeveer ${a.minutes} minuten`,
      help: `bij meer dan ${a.maxItems} vragen of ${a.maxMinutes} minuten haken respondenten af; overweeg minder vragen`,
    }),
  },
  "too-many-errors": {
    more: (a) => ({ message: `te veel problemen: nog ${a.more} niet getoond`, help: "los de problemen hierboven op en controleer opnieuw" }),
  },
};
