// The guide's table "which changes keep rounds comparable" (docs/scan-taal.md, chapter 12, and
// its English twin) says what dsl/compare.ts does: every row is tried as a real edit of a scan,
// and compareItems must give the row's answer. A row added to the table without an edit here
// fails, so the table cannot drift from the code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareItems, compareVersions } from "../../dsl/compare.ts";
import { compile, type ScoringModel } from "../../dsl/index.ts";

const base = `scan vergelijk
  title "Vergelijk" en "Compare"
  language nl en
  answered-by each-person
  anonymous yes

scale niveau 1..5
  1 "laag" en "low"
  5 "hoog" en "high"

theme eerste "Eerste" en "First"
  help "Uitleg" en "Help"
  rate a "Stelling a" en "Statement a" on niveau
    help "Uitleg bij a" en "Help for a"
  rate b "Stelling b" en "Statement b" on niveau
  choice c "Keuze" en "Choice"
    option x "X" en "X"
    option y "Y" en "Y"
  yesno j "Ja of nee" en "Yes or no"
  text t "Toelichting" en "Comment"

theme tweede "Tweede" en "Second"
  rate d "Stelling d" en "Statement d" on niveau
  text u "Tot slot" en "Finally"

score threshold on niveau at-least 3
`;

function model(text: string): ScoringModel {
  const out = compile({ name: "v.scan", text });
  if (!out.result) throw new Error(`does not compile: ${out.diagnostics.map((d) => `${d.id} ${d.message}`).join("; ")}\n${text}`);
  return out.result.model;
}

function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the base scan has no ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** Edits for each row of the table, by the start of its first cell (Dutch and English), with the item edited. */
const rows: { nl: string; en: string; edits: { item: string | null; text: string; also?: string[] }[] }[] = [
  {
    nl: "de tekst van een vraag",
    en: "an item's text",
    edits: [
      { item: "a", text: edit(base, '"Stelling a" en', '"Stelling a, anders gezegd" en') },
      { item: "a", text: edit(base, '"Uitleg bij a"', '"Andere uitleg bij a"') },
      { item: null, text: edit(base, 'theme eerste "Eerste"', 'theme eerste "Het eerste thema"') },
      { item: null, text: edit(base, '  help "Uitleg" en', '  help "Andere uitleg" en') },
    ],
  },
  {
    nl: "de omschrijvingen van schaalpunten",
    en: "the labels of scale points",
    edits: [
      { item: "a", text: edit(base, '1 "laag"', '1 "helemaal niet"') },
      { item: "c", text: edit(base, 'option x "X"', 'option x "Iets anders"') },
    ],
  },
  {
    nl: "de volgorde van vragen",
    en: "the order of items",
    edits: [
      { item: "b", text: edit(base, '  rate a "Stelling a" en "Statement a" on niveau\n    help "Uitleg bij a" en "Help for a"\n  rate b "Stelling b" en "Statement b" on niveau\n', '  rate b "Stelling b" en "Statement b" on niveau\n  rate a "Stelling a" en "Statement a" on niveau\n    help "Uitleg bij a" en "Help for a"\n') },
      { item: "c", text: edit(base, '    option x "X" en "X"\n    option y "Y" en "Y"\n', '    option y "Y" en "Y"\n    option x "X" en "X"\n') },
      { item: "d", text: edit(edit(base, '  rate d "Stelling d" en "Statement d" on niveau\n', ""), '  text t "Toelichting" en "Comment"\n', '  text t "Toelichting" en "Comment"\n\ntheme derde "Derde" en "Third"\n  rate d "Stelling d" en "Statement d" on niveau\n') },
      { item: "d", text: edit(edit(base, '  rate d "Stelling d" en "Statement d" on niveau\n', ""), '  text t "Toelichting" en "Comment"\n', '  text t "Toelichting" en "Comment"\n  rate d "Stelling d" en "Statement d" on niveau\n') },
    ],
  },
  {
    nl: "`required`/`optional`",
    en: "`required`/`optional`",
    edits: [
      { item: "b", text: edit(base, '  rate b "Stelling b" en "Statement b" on niveau\n', '  rate b "Stelling b" en "Statement b" on niveau\n    optional\n') },
      { item: "t", text: edit(base, '  text t "Toelichting" en "Comment"\n', '  text t "Toelichting" en "Comment"\n    show if a < 3\n') },
      { item: "b", text: edit(base, '  rate b "Stelling b" en "Statement b" on niveau\n', '  rate b "Stelling b" en "Statement b" on niveau\n    discriminating\n') },
      { item: "t", text: edit(base, '  text t "Toelichting" en "Comment"\n', '  text t "Toelichting" en "Comment"\n    short\n') },
      { item: "a", text: edit(base, 'en "Statement a"', 'en "Another statement a"') },
    ],
  },
  {
    nl: "`not-applicable`",
    en: "adding or removing `not-applicable`",
    edits: [{ item: "a", text: edit(base, '  5 "hoog" en "high"\n', '  5 "hoog" en "high"\n  not-applicable "n.v.t." en "n/a"\n') }],
  },
  {
    nl: "de naam van de schaal",
    en: "the scale's name",
    edits: [{ item: "a", text: base.replaceAll("niveau", "mate") }],
  },
  {
    nl: "de titel van de scan",
    en: "the scan's title",
    edits: [
      { item: null, text: edit(base, 'title "Vergelijk"', 'title "Vergelijking"') },
      { item: null, text: edit(base, "anonymous yes", "anonymous no") },
      { item: null, text: edit(base, "at-least 3", "at-least 4") },
    ],
  },
  { nl: "de **naam** van een vraag", en: "an item's **name**", edits: [{ item: "b", text: edit(base, "rate b ", "rate b2 "), also: ["b2"] }] },
  { nl: "de **soort** van een vraag", en: "an item's **kind**", edits: [{ item: "b", text: edit(base, "rate b ", "pair b ") }] },
  {
    nl: "de **punten** van de schaal",
    en: "the scale's **points**",
    edits: [
      { item: "a", also: ["b", "d"], text: edit(edit(base, "scale niveau 1..5", "scale niveau 1..4"), '5 "hoog"', '4 "hoog"').replace("at-least 3", "at-least 2") },
      { item: "a", also: ["b", "d"], text: edit(base, '  1 "laag" en "low"\n  5 "hoog" en "high"\n', ' ladder\n  1 "a" en "a"\n  2 "b" en "b"\n  3 "c" en "c"\n  4 "d" en "d"\n  5 "e" en "e"\n').replace("scale niveau 1..5\n ladder", "scale niveau 1..5 ladder") },
    ],
  },
  { nl: "`reverse` aan of uit", en: "`reverse` on or off", edits: [{ item: "b", text: edit(base, '  rate b "Stelling b" en "Statement b" on niveau\n', '  rate b "Stelling b" en "Statement b" on niveau\n    reverse\n') }] },
  {
    nl: "opties erbij",
    en: "options added",
    edits: [
      { item: "c", text: edit(base, '    option y "Y" en "Y"\n', '    option y "Y" en "Y"\n    option z "Z" en "Z"\n') },
      { item: "c", text: edit(base, "option y ", "option w ") },
      { item: "j", text: edit(base, '  yesno j "Ja of nee" en "Yes or no"\n', '  yesno j "Ja of nee" en "Yes or no"\n    partly\n') },
    ],
  },
  {
    nl: "een vraag weghalen of toevoegen",
    en: "removing or adding an item",
    edits: [
      { item: "b", text: edit(base, '  rate b "Stelling b" en "Statement b" on niveau\n', "") },
      { item: "e", text: edit(base, '  rate d "Stelling d" en "Statement d" on niveau\n', '  rate d "Stelling d" en "Statement d" on niveau\n  rate e "Stelling e" en "Statement e" on niveau\n') },
    ],
  },
];

/** The table's rows: first cell and answer. */
function table(file: string, header: string): { change: string; answer: string }[] {
  const text = readFileSync(join(import.meta.dirname, "../..", file), "utf8");
  const start = text.indexOf(header);
  expect(start).toBeGreaterThan(0);
  const lines = text.slice(start).split("\n").slice(2);
  const end = lines.findIndex((l) => !l.startsWith("|"));
  return lines.slice(0, end).map((l) => {
    const [, change, answer] = l.split(/\s*\|\s*/);
    return { change: change!, answer: answer! };
  });
}

const guides = [
  { file: "docs/scan-taal.md", header: "| wat je verandert |", lang: "nl" as const, yes: /^ja\b/, no: /^nee\b|: nee\b/ },
  { file: "docs/scan-language.md", header: "| what you change |", lang: "en" as const, yes: /^yes\b/, no: /^no\b|: no\b/ },
];

describe.each(guides)("the comparability table of $file", ({ file, header, lang, yes, no }) => {
  const before = model(base);
  const found = table(file, header);

  it("has a tried edit for every row, and every tried row is in the table", () => {
    expect(found.map((r) => rows.find((row) => r.change.startsWith(row[lang]))?.[lang])).toEqual(rows.map((row) => row[lang]));
  });

  it.each(rows.map((row) => [row[lang], row] as const))("%s: compare.ts gives the table's answer", (key, row) => {
    const { answer } = found.find((r) => r.change.startsWith(key))!;
    const keeps = yes.test(answer);
    expect(keeps || no.test(answer), `answer "${answer}" is neither yes nor no`).toBe(true);
    for (const { item, text, also = [] } of row.edits) {
      const after = model(text);
      const items = compareItems(before, after);
      if (keeps) {
        expect(items.filter((i) => !i.comparable), text).toEqual([]);
      } else {
        expect(items.find((i) => i.item === item)?.comparable, text).toBe(false);
        // Only the edited item stops comparing (and, for a scale's points, the others on that scale).
        expect(items.filter((i) => !i.comparable).map((i) => i.item).sort()).toEqual([item!, ...also].sort());
      }
      if (/editor (noemt|names)/.test(answer)) expect(compareVersions(before, after).scanChanges.length, text).toBeGreaterThan(0);
    }
  });
});
