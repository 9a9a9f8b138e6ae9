// Every diagnostic message in English (`peilstok check --lang en`, or an English editor).
import type { ItemKind } from "../model.ts";
import type { Catalogue } from "./index.ts";
import type { After, Expected, ParamExpectation, Repeats, Suggestion, TextPlace, UnusualSpace, Where } from "./types.ts";

const c = (s: string | number) => `\`${s}\``;

/** "`a`, `b` or `c`" */
function anyOf(items: readonly string[]): string {
  const quoted = items.map(c);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

function allOf(items: readonly (string | number)[]): string {
  const parts = items.map(String);
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

const didYouMean = (s: Suggestion) => `did you mean ${c(s.name)}${s.line ? ` (line ${s.line})` : ""}?`;

function repeated(r: Repeats): string[] {
  if (r.count === 0) return [];
  const more = r.count - r.lines.length;
  const lines = r.lines.length === 1 ? `line ${r.lines[0]}` : `lines ${allOf(r.lines)}`;
  return [`the same on ${lines}${more > 0 ? ` and ${more} more times` : ""}`];
}

const kindName = (kind: ItemKind) => `${c(kind)} item`;

const spaceName: Record<UnusualSpace, string> = {
  nbsp: "a no-break space",
  "narrow-nbsp": "a narrow no-break space",
  "figure-space": "a figure space",
  "zero-width": "an invisible character",
  bom: "a byte-order mark",
  "other-space": "an unusual space",
};

const expected: Record<Expected, string> = {
  "scan-name": "the scan's name after `scan`",
  "scale-name": "the scale's name after `scale`",
  "scale-low": "the lowest point of the scale",
  "scale-dots": "`..` between the lowest and highest point",
  "scale-high": "the highest point of the scale",
  label: "a point of the scale followed by its label",
  "label-text": "the label of this point",
  "not-applicable-text": "the text of the ‘not applicable’ answer",
  "theme-name": "the theme's name after `theme`",
  "theme-title": "the theme's title",
  "page-name": "the page's name after `page`",
  "page-title": "the page's title",
  "item-name": "the item's name",
  "item-title": "the question or statement itself, in quotes",
  on: "`on` before the scale's name",
  "scale-after-on": "a scale name after `on`",
  "second-scale": "a second scale name after `and`",
  "option-name": "the option's name after `option`",
  "option-label": "the option's label",
  "title-text": "the scan's title",
  "intro-text": "the introduction text",
  "note-text": "the note",
  "help-text": "the help text",
  "english-text": "the English text after `en`",
  language: "a language code such as `nl`",
  respondent: "who answers, e.g. `docent` or `inwoner`",
  "answered-by": "`each-person` or `team-together`",
  cadence: "`once` or `every`",
  "cadence-number": "a number, e.g. `every 3-4 months`",
  "cadence-upper": "the upper number of the range",
  "cadence-unit": "`days`, `weeks` or `months`",
  "yes-no": "`yes` or `no`",
  if: "`if` after `show`",
  "condition-item": "the name of an earlier item",
  side: "`current` or `desired` after the dot",
  operator: "a comparison: =, !=, >, >=, <, <= or contains",
  value: "a value to compare with",
  "closing-paren": "a closing parenthesis `)`",
  condition: "a condition",
  aggregator: "the aggregator's name after `score`",
  "param-name": "a parameter name",
  "param-value": "a value for the parameter",
  "range-upper": "the upper end of the range",
};

function expectedHelp(what: Expected, kind?: ItemKind): string | undefined {
  switch (what) {
    case "scan-name":
      return "e.g. `scan paraplu-quickscan`";
    case "scale-name":
    case "scale-low":
    case "scale-high":
      return "e.g. `scale niveau 1..5`";
    case "label":
      return 'e.g. `1 "helemaal niet"`';
    case "theme-name":
      return 'e.g. `theme visie "Visie"`';
    case "page-name":
      return 'e.g. `page afsluiting "Tot slot"`';
    case "item-name":
      return `e.g. \`${kind ?? "rate"} missie "Missie"${kind === "rate" || kind === undefined ? " on niveau" : ""}\``;
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
      return 'write the text between straight double quotes: "..."';
    case "option-name":
      return 'e.g. `option vaak "Vaak"`';
    case "answered-by":
      return "`each-person`: everyone answers for themselves; `team-together`: the team answers once, together";
    case "cadence":
      return "e.g. `cadence every 3-4 months` or `cadence once`";
    case "if":
      return "e.g. `show if missie < 3`";
    case "aggregator":
      return "e.g. `score gap per theme`";
    case "closing-paren":
      return "every `(` needs its `)`";
    default:
      return undefined;
  }
}

const after: Record<After, string> = {
  "scan-name": "the scan's name",
  "scale-range": "the scale's range",
  label: "the label",
  "theme-title": "the theme's title",
  "page-title": "the page's title",
  item: "the item",
  setting: "this setting",
  condition: "the condition",
  "help-text": "the help text",
};

const where: Record<Where, string> = {
  top: "at the start of a block",
  scan: "in the scan settings",
  scale: "in a scale",
  theme: "in a theme",
  item: "in an item",
};

function duplicate(what: "scale" | "theme" | "item" | "option") {
  return (a: { name: string; line: number }) => ({
    message: `${what} ${c(a.name)} is declared twice`,
    label: "second declaration",
    notes: [`first declared on line ${a.line}`],
    help: `give this ${what} another name`,
  });
}

function paramExpectation(e: ParamExpectation, values?: string[]): string {
  switch (e) {
    case "int":
      return "a whole number";
    case "range":
      return "a range such as `4..5`";
    case "range-order":
      return "a range from low to high";
    case "word":
      return `one of ${anyOf(values ?? [])}`;
    case "scale":
      return "a scale name";
    case "theme":
      return "a theme name";
    case "item":
      return "an item name";
  }
}

function textPlace(p: TextPlace): string {
  switch (p.place) {
    case "scan-title":
      return "the scan title";
    case "intro":
      return "the introduction";
    case "label":
      return `label ${p.value} of scale ${c(p.scale)}`;
    case "not-applicable":
      return `the ‘not applicable’ answer of scale ${c(p.scale)}`;
    case "theme-title":
      return `the title of ${p.page ? "page" : "theme"} ${c(p.theme)}`;
    case "theme-help":
      return `the help of ${p.page ? "page" : "theme"} ${c(p.theme)}`;
    case "item-title":
      return `item ${c(p.item)}`;
    case "item-help":
      return `the help of item ${c(p.item)}`;
    case "option":
      return `option ${c(p.option)} of ${c(p.item)}`;
  }
}

const saveAsUtf8 =
  "save the file as UTF-8: in Notepad with File > Save as, choosing ‘UTF-8’ under Encoding; in Word with Save as > Plain text, choosing ‘Unicode (UTF-8)’";

export const en: Catalogue = {
  "encoding-invalid": {
    utf8: (a) => ({
      message: `the file is not saved as UTF-8: byte ${a.byte} is not a valid character`,
      label: a.windows1252 ? `probably an ‘${a.windows1252}’ in another encoding` : "invalid byte",
      notes: ["respondents would see a garbled character here, such as ‘cli�nt’"],
      help: saveAsUtf8,
    }),
    utf16: () => ({
      message: "the file is saved as UTF-16 (Notepad calls it ‘Unicode’), not as UTF-8",
      label: "UTF-16",
      help: saveAsUtf8,
    }),
  },
  "character-unexpected": {
    unexpected: (a) => ({
      message: `unexpected character ${c(a.char)} (${a.code})`,
      label: "this character has no meaning here",
      help: "remove it, or put it inside a quoted text",
    }),
    comment: (a) => ({
      message: "a comment starts with `#`, not with `//`",
      label: "`//`",
      notes: repeated(a.repeats),
      help: "write `#` instead of `//`",
    }),
  },
  "whitespace-unusual": {
    space: (a) => ({
      message: `${spaceName[a.kind]} (${a.code}) instead of a plain space`,
      label: spaceName[a.kind].replace(/^an? /, ""),
      notes: [
        "such characters usually come along when copying from Word, a PDF or a web page; the scan reads it as a plain space",
        ...repeated(a.repeats),
      ],
      help: a.kind === "zero-width" || a.kind === "bom" ? "remove the invisible character" : "replace it with a plain space",
    }),
  },
  "quote-invalid": {
    single: (a) => ({
      message: `a text is written between single quotes (${a.quote})`,
      label: "single quote",
      notes: repeated(a.repeats),
      help: 'write texts between double quotes: "..."; an apostrophe inside a text (zo\'n) is fine',
    }),
  },
  "string-unterminated": {
    closing: () => ({
      message: "this text has no closing quote",
      label: "text starts here",
      help: 'end the text with " on the same line',
    }),
    opening: () => ({
      message: "this quote closes a text that has no opening quote",
      label: "closing quote without a start",
      help: 'put a " before the start of the text too',
    }),
    "line-break": (a) => ({
      message: `this text continues on line ${a.line}; a text stays on one line`,
      label: "text starts here",
      notes: ["a line break inside a text often comes along when copying from Word or a PDF"],
      help: `remove the line break, so that line ${a.line} joins this line`,
    }),
  },
  "indent-invalid": {
    tab: (a) => ({
      message: "tabs cannot be used for indentation",
      label: "tab",
      notes: repeated(a.repeats),
      help: "indent with two spaces per level",
    }),
    odd: (a) => ({
      message: `this line is indented ${a.spaces} spaces`,
      label: "odd indentation",
      notes: repeated(a.repeats),
      help: `indent with two spaces per level; here probably ${a.expected}`,
    }),
    "too-far": (a) => ({
      message: "this line is indented further than the line above allows",
      label: "too far",
      notes: repeated(a.repeats),
      help: `indent it ${a.expected} spaces`,
    }),
    "too-shallow": (a) => ({
      message: "this line is not indented enough",
      label: "not enough",
      notes: repeated(a.repeats),
      help: `indent it ${a.expected} spaces`,
    }),
    "under-leaf": (a) => ({
      message: "this line is indented under a line that takes nothing below it",
      label: "too far",
      notes: repeated(a.repeats),
      help: `indent it ${a.expected} spaces, like the line above`,
    }),
    "item-outside-theme": (a) => ({
      message: `the item ${c(a.item)} is not inside a theme`,
      label: "item outside a theme",
      notes: repeated(a.repeats),
      help: a.theme ? `indent the item two spaces, under theme ${c(a.theme)}` : "put items under a `theme` line, indented two spaces",
    }),
    "item-in-item": (a) => ({
      message: `the item ${c(a.item)} is indented under another item`,
      label: "too far",
      notes: repeated(a.repeats),
      help: "indent it two spaces, like the item above",
    }),
    "item-setting-outside-item": (a) => ({
      message: `${c(a.keyword)} belongs to the item ${c(a.item)} above`,
      label: "not indented enough",
      notes: repeated(a.repeats),
      help: "indent this line four spaces, under the item",
    }),
    "label-outside-scale": (a) => ({
      message: `this label belongs to scale ${c(a.scale)} above`,
      label: "not indented enough",
      notes: repeated(a.repeats),
      help: "indent it two spaces, under the scale",
    }),
    "scan-setting-outside-scan": (a) => ({
      message: `${c(a.keyword)} is a setting of the scan`,
      label: "not indented enough",
      notes: repeated(a.repeats),
      help: "indent it two spaces, under the `scan` line",
    }),
  },
  "keyword-unknown": {
    keyword: (a) => ({
      message: `unknown keyword ${c(a.word)} ${where[a.where]}`,
      label: "unknown keyword",
      help: a.suggestion ? `did you mean ${c(a.suggestion)}?` : `expected one of: ${anyOf(a.expected)}`,
    }),
  },
  "token-expected": {
    missing: (a) => {
      const help = expectedHelp(a.what, a.kind);
      return { message: `expected ${expected[a.what]}`, label: "something is missing here", ...(help ? { help } : {}) };
    },
    found: (a) => {
      const help = a.suggestion ? `did you mean ${c(a.suggestion)}?` : expectedHelp(a.what, a.kind);
      return { message: `expected ${expected[a.what]}, found ${c(a.found)}`, label: "expected something else", ...(help ? { help } : {}) };
    },
    "range-dash": (a) => ({
      message: `a range is written with two dots, not with ${c(a.found)}`,
      label: a.found === "…" ? "one character of three dots (Word makes it of ...)" : "`..` goes here",
      help: `write ${c(`${a.low}..${a.high}`)}`,
    }),
    "range-words": (a) => ({
      message: `a range is written with two dots, not with ${c(a.found)}`,
      label: "in words",
      help: `write ${c(`${a.low}..${a.high}`)}`,
    }),
    "range-dots": () => ({
      message: "a range is written with exactly two dots",
      label: "one dot too many",
      help: "e.g. `1..5`",
    }),
  },
  "token-unexpected": {
    extra: (a) => ({
      message: `unexpected ${c(a.found)} after ${after[a.after]}`,
      label: "not expected here",
      ...(a.inner
        ? { help: 'is there a quote inside the text? Write it as \\" or use curly quotes: "The “kitchen table” talk"' }
        : a.text
          ? { help: "a line holds one text; use a new line (e.g. another `help`) for more" }
          : {}),
    }),
    "one-scale": (a) => ({
      message: `a ${kindName(a.kind)} uses one scale`,
      label: "second scale",
      help: "only `pair` items may name a scale per side",
    }),
    operator: (a) => ({
      message: `${c(a.found)} is not a comparison`,
      label: a.reversed ? "reversed" : "meant: " + c(a.fix),
      help: `write ${c(a.fix)}`,
    }),
    joiner: (a) => ({
      message: `${c(a.found)} is not a word of the scan language; a condition uses ${c(a.fix)}`,
      label: `write ${c(a.fix)}`,
      help: "conditions are combined with `and` (both), `or` (either) and `not`, in lower case",
    }),
  },
  "id-invalid": {
    invalid: (a) => ({
      message: `${c(a.name)} is not a valid name`,
      label: "invalid name",
      help: `names use lowercase letters, digits and single hyphens, e.g. ${c(a.suggestion)}`,
    }),
    accent: (a) => ({
      message: `${c(a.name)} is not a valid name: names have no accents`,
      label: "accented letter",
      notes: ["a name is the key under which answers are stored and exported; respondents never see it"],
      help: `write ${c(a.suggestion)}`,
    }),
  },
  "scan-missing": {
    missing: () => ({
      message: "this file has no `scan` block",
      help: 'start the file with `scan <name>` and, indented below it, `title "..."`',
    }),
  },
  "scan-duplicate": {
    second: (a) => ({
      message: `a second scan ${c(a.name)} in the same file`,
      help: `put each scan in its own file (the first is ${c(a.first)} on line ${a.line})`,
    }),
  },
  "scan-empty": {
    empty: (a) => ({
      message: `scan ${c(a.scan)} has no items`,
      help: 'add a theme with items, e.g. `theme visie "Visie"` and below it `rate missie "Missie" on niveau`',
    }),
  },
  "property-duplicate": {
    setting: (a) => ({ message: `${c(a.name)} is given more than once`, help: "keep one" }),
    param: (a) => ({ message: `parameter ${c(a.name)} is given twice`, help: "keep one" }),
  },
  "property-missing": {
    title: (a) => ({ message: `scan ${c(a.scan)} has no title`, help: 'add an indented line below it: title "..."' }),
  },
  "property-invalid": {
    "cadence-range": () => ({ message: "the cadence range is empty", help: "write the smaller number first, e.g. `every 3-4 months`" }),
    "main-language": (a) => ({
      message: `the main language must be ${c("nl")}, not ${c(a.lang)}`,
      help: "scan texts are written in Dutch first; list other languages after it: `language nl en`",
    }),
    "translation-language": (a) => ({
      message: `translations into ${c(a.lang)} are not supported`,
      help: "the only translation language is `en`",
    }),
  },
  "answered-by-missing": {
    missing: (a) => ({
      message: `scan ${c(a.scan)} does not say who fills it in`,
      label: "`answered-by` is missing",
      notes: [
        "`answered-by each-person`: everyone answers for themselves; results appear once the round has closed and enough people answered (the minimum group size)",
        "`answered-by team-together`: the team fills in one form together, in a meeting; that one response belongs to the team, so there is no anonymity to protect and results show at once",
        ...(a.respondent === "team"
          ? ["this scan says `respondent team`: choose `team-together` only if the team really fills in one form together, and `each-person` if every team member answers on their own"]
          : []),
      ],
      help:
        a.respondent === "team"
          ? "add `answered-by team-together` or `answered-by each-person` under the `scan` line"
          : "add `answered-by each-person` under the `scan` line",
    }),
  },
  "answered-by-conflict": {
    "team-word": (a) => ({
      message: `${c(`respondent ${a.respondent}`)} with ${c("answered-by each-person")} is ambiguous`,
      label: "who is this?",
      notes: ["every team member answers on their own here; the word `team` reads as if the team answers once, together"],
      help: "name the respondents for who they are, e.g. `respondent teamlid`, or choose `answered-by team-together`",
    }),
  },
  "scale-duplicate": { duplicate: duplicate("scale") },
  "theme-duplicate": { duplicate: duplicate("theme") },
  "item-duplicate": { duplicate: duplicate("item") },
  "option-duplicate": { duplicate: duplicate("option") },
  "scale-undefined": {
    item: (a) => ({
      message: `item ${c(a.item)} uses unknown scale ${c(a.scale)}`,
      label: `no scale named ${c(a.scale)}`,
      help: a.suggestion ? didYouMean(a.suggestion) : "declare it with `scale <name> 1..5` at the top level",
    }),
    param: (a) => ({
      message: `no scale named ${c(a.name)}`,
      label: "unknown scale",
      help: a.suggestion ? didYouMean(a.suggestion) : "declare the scale first, or name one that exists",
    }),
  },
  "scale-bounds-reversed": {
    bounds: (a) => ({
      message: `scale ${c(a.scale)} runs from ${a.min} to ${a.max}`,
      label: "lowest point must be below the highest",
      help: a.min > a.max ? `write ${c(`${a.max}..${a.min}`)}` : "a scale needs at least two points",
    }),
  },
  "scale-gap": {
    gap: (a) => ({
      message: `scale ${c(a.scale)} has no label for ${a.missing.length === 1 ? "point" : "points"} ${allOf(a.missing)}`,
      label: a.ladder ? "a ladder labels every step" : "labels some points but not all",
      help: a.ladder ? "add a label for every step of the ladder" : "label every point, or only the lowest and highest",
    }),
  },
  "scale-label-out-of-range": {
    label: (a) => ({
      message: `point ${a.value} is outside scale ${c(a.scale)} (${a.min}..${a.max})`,
      label: "not a point of this scale",
      help: `label only the points ${a.min} to ${a.max}`,
    }),
  },
  "scale-label-duplicate": {
    label: (a) => ({
      message: `point ${a.value} of scale ${c(a.scale)} is labelled twice`,
      notes: [`first labelled on line ${a.line}`],
      help: "keep one label per point",
    }),
  },
  "theme-undefined": {
    param: (a) => ({
      message: `no theme named ${c(a.name)}`,
      label: "unknown theme",
      help: a.suggestion ? didYouMean(a.suggestion) : "name a theme that exists",
    }),
  },
  "theme-empty": {
    empty: (a) =>
      a.page
        ? { message: `page ${c(a.theme)} has no items`, help: "add items indented below it, or remove the page" }
        : { message: `theme ${c(a.theme)} has no items`, help: "add items indented below it, or remove the theme" },
  },
  "item-undefined": {
    condition: (a) => ({
      message: `no item named ${c(a.name)}`,
      label: "unknown item",
      help: a.suggestion ? didYouMean(a.suggestion) : "a condition refers to an earlier item by its name",
    }),
    param: (a) => ({
      message: `no item named ${c(a.name)}`,
      label: "unknown item",
      help: a.suggestion ? didYouMean(a.suggestion) : "name an item that exists",
    }),
  },
  "item-scale-missing": {
    missing: (a) => ({
      message: `item ${c(a.item)} does not say which scale it uses`,
      help: `add \`on <scale>\` at the end of the line${a.example ? `, e.g. ${c(`on ${a.example}`)}` : ""}`,
    }),
  },
  "item-scale-unexpected": {
    unexpected: (a) => ({
      message: `a ${kindName(a.kind)} is not rated on a scale`,
      help: `remove ${c(`on ${a.scale}`)}, or make it a \`rate\` item`,
    }),
  },
  "step-scale-not-ladder": {
    plain: (a) => ({
      message: `\`step\` item ${c(a.item)} needs a ladder, and ${c(a.scale)} is a plain scale`,
      help: `declare it as ${c(`scale ${a.scale} ${a.min}..${a.max} ladder`)}, or use a \`rate\` item`,
    }),
  },
  "pair-scale-mismatch": {
    mismatch: (a) => ({
      message: `the two sides of pair ${c(a.item)} use different scales`,
      label: `${a.secondMin}..${a.secondMax}`,
      notes: [`current is rated on ${c(a.first)} (${a.firstMin}..${a.firstMax}), desired on ${c(a.second)} (${a.secondMin}..${a.secondMax})`],
      help: "current and desired must be compared on the same points; use one scale for both",
    }),
  },
  "option-missing": {
    none: (a) => ({ message: `${kindName(a.kind)} ${c(a.item)} has no options`, help: 'add indented lines such as `option vaak "Vaak"`' }),
    one: (a) => ({ message: `${kindName(a.kind)} ${c(a.item)} has only one option`, help: "a choice needs at least two options" }),
  },
  "flag-misplaced": {
    options: (a) => ({ message: `a ${kindName(a.kind)} has no options`, help: "options belong to `choice` and `multi` items" }),
    flag: (a) => ({
      message: `${c(a.flag)} does not apply to a ${kindName(a.kind)}`,
      help: `${c(a.flag)} applies to ${allOf(a.owners.map((k) => c(k)))} items`,
    }),
  },
  "condition-self": {
    self: (a) => ({ message: `item ${c(a.item)} is shown depending on its own answer`, help: "a condition must refer to an earlier item" }),
  },
  "condition-forward": {
    forward: (a) => ({
      message: `item ${c(a.item)} depends on ${c(a.ref)}, which comes later`,
      label: `${c(a.ref)} is asked on line ${a.line}`,
      help: "a condition can only use answers given before it; move one of the items",
    }),
  },
  "condition-invalid": {
    "not-comparable": (a) => ({
      message: `the answer to ${kindName(a.kind)} ${c(a.item)} cannot be compared`,
      help: "conditions can use ratings, steps, choices and yes/no answers",
    }),
    "pair-side": (a) => ({
      message: `${c(a.item)} is a pair: say which side the condition reads`,
      help: `write ${c(`${a.item}.current`)} or ${c(`${a.item}.desired`)}`,
    }),
    "not-pair": (a) => ({
      message: `${c(a.item)} is not a pair and has no ${c(a.side)} side`,
      help: `write ${c(a.item)} on its own`,
    }),
    operator: (a) => ({
      message: `${c(a.op)} cannot compare the answer to ${kindName(a.kind)} ${c(a.item)}`,
      help: `use ${anyOf(a.ops)}`,
    }),
    value: (a) => ({
      message: `${c(a.value)} is not a possible answer to ${c(a.item)}`,
      help: a.suggestion ? `did you mean ${c(a.suggestion)}?` : `possible answers: ${anyOf(a.allowed)}`,
    }),
    "number-expected": (a) => ({
      message: `${c(a.item)} is answered with a number, not ${c(a.value)}`,
      help: a.min !== undefined ? `compare with a number from ${a.min} to ${a.max}` : "compare with a number",
    }),
    "off-scale": (a) => ({
      message: `${a.value} is outside scale ${c(a.scale)} (${a.min}..${a.max})`,
      help: "this condition could never be true or false as intended; use a point of the scale",
    }),
    "too-deep": (a) => ({
      message: `this condition nests \`not\` and parentheses deeper than ${a.max} levels`,
      help: "write the condition more simply",
    }),
    mixed: (a) => ({
      message: `${c(a.first)} and ${c(a.second)} are mixed without parentheses`,
      label: "what goes with what?",
      help: "put parentheses around the part that belongs together, e.g. `(a < 3 and b >= 4) or c = ja`",
    }),
  },
  "aggregator-unknown": {
    unknown: (a) => ({
      message: `unknown aggregator ${c(a.name)}`,
      label: "not an aggregator",
      help: a.suggestion ? `did you mean ${c(a.suggestion)}?` : `known aggregators: ${anyOf(a.known)}`,
    }),
  },
  "aggregator-param-unknown": {
    unknown: (a) => ({
      message: `${c(a.aggregator)} takes no parameter ${c(a.key)}`,
      help: a.suggestion
        ? `did you mean ${c(a.suggestion)}?`
        : a.params.length
          ? `its parameters are ${allOf(a.params.map(c))}`
          : `${c(`score ${a.aggregator}`)} takes no parameters`,
    }),
  },
  "aggregator-param-missing": {
    missing: (a) => ({ message: `${c(a.aggregator)} needs the parameter ${c(a.key)}`, help: `add ${c(`${a.key} ${a.example}`)}` }),
  },
  "aggregator-param-invalid": {
    invalid: (a) => ({
      message: `${c(a.key)} of ${c(a.aggregator)} must be ${paramExpectation(a.expected, a.values)}`,
      help: `e.g. ${c(`${a.key} ${a.example}`)}`,
    }),
  },
  "aggregator-param-out-of-range": {
    int: (a) => ({
      message: `${c(`${a.key} ${a.value}`)} is outside scale ${c(a.scale)}, which runs from ${a.min} to ${a.max}`,
      label: `outside ${a.min}..${a.max}`,
      help: `choose a point from ${a.min} to ${a.max}`,
    }),
    range: (a) => ({
      message: `${c(`${a.key} ${a.lo}..${a.hi}`)} is outside scale ${c(a.scale)}, which runs from ${a.min} to ${a.max}`,
      label: `outside ${a.min}..${a.max}`,
      help: `choose points from ${a.min} to ${a.max}`,
    }),
  },
  "translation-missing": {
    missing: (a) => ({
      message: `${textPlace(a)} has no English translation`,
      help: 'add `en "..."` after the Dutch text, or remove `en` from the `language` line',
    }),
  },
  "scan-long": {
    long: (a) => ({
      message: `scan ${c(a.scan)} has ${a.items} items and takes about ${a.minutes} minutes`,
      help: `scans of more than ${a.maxItems} items or ${a.maxMinutes} minutes lose respondents; consider fewer items`,
    }),
  },
  "too-many-errors": {
    more: (a) => ({ message: `too many problems: ${a.more} more not shown`, help: "fix the problems above and check again" }),
  },
};
