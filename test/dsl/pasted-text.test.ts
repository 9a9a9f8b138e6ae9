// Scan files as they arrive from Notepad and Word: byte-order marks, CRLF, tabs, curly quotes,
// no-break spaces and other encodings. Each test asserts ids, lines and columns, never wording.
import { describe, expect, it } from "vitest";
import { compile, compileBytes, locate } from "../../dsl/index.ts";
import { diagnose, header } from "../support/dsl.ts";

const theme = (body: string) => `${header}\ntheme visie "Visie"\n${body}`;
const bytes = (text: string) => new TextEncoder().encode(text);

function diagnoseBytes(data: Uint8Array) {
  const out = compileBytes("t.scan", data);
  return out.diagnostics.map((d) => ({ id: d.id, ...locate(out.source, d) }));
}

describe("pasted and saved text", () => {
  it("accepts a byte-order mark at the start (Notepad's UTF-8), as text and as bytes", () => {
    const text = theme(`  rate missie "Missie" on niveau\n`);
    expect(diagnose(`\ufeff${text}`)).toEqual([]);
    expect(diagnoseBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(text)]))).toEqual([]);
    expect(compile({ name: "t", text: `\ufeff${text}` }).result!.model.scan).toBe("test-scan");
  });

  it("accepts CRLF line ends and blank lines holding only tabs or spaces", () => {
    const text = theme(`  rate missie "Missie" on niveau\n\t\n  \t \n  text t "Waarom?"\n    show if missie < 3\n`).replace(/\n/g, "\r\n");
    expect(diagnose(text)).toEqual([]);
    const model = compile({ name: "t", text }).result!.model;
    expect(model.items.map((i) => i.title.nl)).toEqual(["Missie", "Waarom?"]);
  });

  it("reads curly double quotes from Word as quotes, and keeps curly quotes inside a text", () => {
    const text = theme(`  rate missie “Missie” on niveau\n    help „Uitleg”\n  text t "Het “keukentafelgesprek”?"\n  text u "Slot”\n`);
    expect(diagnose(text)).toEqual([]);
    const model = compile({ name: "t", text }).result!.model;
    expect(model.items.map((i) => i.title.nl)).toEqual(["Missie", "Het “keukentafelgesprek”?", "Slot"]);
    expect(model.items[0]!.help?.nl).toBe("Uitleg");
  });

  it("reads Word's curly quotes inside a curly-quoted text as part of the text", () => {
    const text = theme(`  rate a “Het “keukentafelgesprek” hielp” on niveau\n  text b „Wat was „goed”?”\n`);
    expect(diagnose(text)).toEqual([]);
    const model = compile({ name: "t", text }).result!.model;
    expect(model.items.map((i) => i.title.nl)).toEqual(["Het “keukentafelgesprek” hielp", "Wat was „goed”?"]);
  });

  it("reports a text that Word broke over two lines once, at its opening quote, and reads the rest of the next line", () => {
    const text = theme(`  rate a "Ik betrek het netwerk\r\n  van de cliënt." on nivo\r\n  rate b “Een tweede\n  stelling” on niveau\n`);
    // The scale after the break is read (and found unknown): the break itself caused nothing else.
    expect(diagnose(text)).toEqual([
      { id: "string-unterminated", line: 10, column: 10 },
      { id: "string-unterminated", line: 12, column: 10 },
      { id: "scale-undefined", line: 11, column: 22 },
    ]);
    const [d] = compile({ name: "t", text }).diagnostics;
    expect(d).toMatchObject({ variant: "line-break", args: { line: 11 } });
    const fixed = text.replace("netwerk\r\n  van", "netwerk van").replace("tweede\n  stelling", "tweede stelling").replace("nivo", "niveau");
    expect(compile({ name: "t", text: fixed }).result!.model.items.map((i) => i.title.nl)).toEqual([
      "Ik betrek het netwerk van de cliënt.",
      "Een tweede stelling",
    ]);
  });

  it("reports a text without its opening quote once, at the closing quote, whatever commas and apostrophes it holds", () => {
    const text = theme(`  rate a Studenten leren met collega's, en met burgers, te overleggen." on niveau\n  rate b 'B' on niveau\n`);
    expect(diagnose(text)).toEqual([
      { id: "string-unterminated", line: 10, column: 71 },
      { id: "quote-invalid", line: 11, column: 10 },
    ]);
    expect(compile({ name: "t", text }).diagnostics[0]!.variant).toBe("opening");
    // The single quotes on the next line are reported for themselves, not as a repeat of line 10.
    expect(compile({ name: "t", text }).diagnostics[1]!.args.repeats).toEqual({ lines: [], count: 0 });
  });

  it("does not join a text without a closing quote to a next line that starts a new one", () => {
    const text = theme(`  rate a "A on niveau\n  rate b "B" on niveau\n`);
    expect(diagnose(text)).toEqual([{ id: "string-unterminated", line: 10, column: 10 }]);
    expect(compile({ name: "t", text }).diagnostics[0]!.variant).toBe("closing");
  });

  it("reports single quotes once, at the first quote, naming the lines where they recur", () => {
    const text = theme(`  rate a 'Missie' on niveau\n  rate b ‘Visie’ on niveau\n  text c "zo'n vraag"\n`);
    expect(diagnose(text)).toEqual([{ id: "quote-invalid", line: 10, column: 10 }]);
    const [d] = compile({ name: "t", text }).diagnostics;
    expect(d!.args.repeats).toEqual({ lines: [11], count: 1 });
    // Read as texts, so nothing else is reported and the apostrophe in zo'n stays text.
    expect(compile({ name: "t", text: text.replace(/'Missie'/, '"Missie"').replace(/‘Visie’/, '"Visie"') }).result).not.toBeNull();
  });

  it("names a no-break space (a warning) and reads it as a space, wherever it is", () => {
    const text = theme(`\u00a0\u00a0rate a "A"\u00a0on niveau\n  rate b "B" on\u00a0niveau\n`);
    expect(diagnose(text)).toEqual([{ id: "whitespace-unusual", line: 10, column: 1 }]);
    const out = compile({ name: "t", text });
    expect(out.result).not.toBeNull();
    expect(out.diagnostics[0]).toMatchObject({ severity: "warning", args: { kind: "nbsp", code: "U+00A0", repeats: { lines: [11], count: 1 } } });
  });

  it("names zero-width characters separately from no-break spaces", () => {
    const text = theme(`  rate a "A" on\u200b niveau\n  rate b "B"\u00a0on niveau\n`);
    expect(diagnose(text)).toEqual([
      { id: "whitespace-unusual", line: 10, column: 16 },
      { id: "whitespace-unusual", line: 11, column: 13 },
    ]);
  });

  it("reports a tab used for indentation once, with the other lines, and reads it as one level", () => {
    const text = theme(`\trate a "A" on niveau\n\t\thelp "h"\n\trate b "B" on niveau\n`);
    expect(diagnose(text)).toEqual([{ id: "indent-invalid", line: 10, column: 1 }]);
    expect(compile({ name: "t", text }).diagnostics[0]!.args.repeats).toEqual({ lines: [11, 12], count: 2 });
  });

  it("reads an en dash and ≥ from Word as - and >=", () => {
    const text = `${header.replace("scale niveau 1..5", "scale niveau 1..5")}\ntheme visie "Visie"\n  rate a "A" on niveau\n  text b "B"\n    show if a ≥ 4\n`.replace(
      "  answered-by team-together\n",
      "  answered-by team-together\n  cadence every 3–4 months\n",
    );
    expect(diagnose(text)).toEqual([]);
    expect(compile({ name: "t", text }).result!.model.cadence).toEqual({ min: 3, max: 4, unit: "months" });
  });

  it("reports a file that is not UTF-8 at its first bad byte, and nothing else", () => {
    // "cliënt" as Windows-1252 writes it: ë is the single byte 0xEB.
    const text = theme(`  rate a "De cli\u0000nt" on niveau\n`);
    const data = bytes(text);
    const at = data.indexOf(0);
    data[at] = 0xeb;
    expect(diagnoseBytes(data)).toEqual([{ id: "encoding-invalid", line: 10, column: 17 }]);
    const out = compileBytes("t.scan", data);
    expect(out.result).toBeNull();
    expect(out.diagnostics[0]!.args).toEqual({ byte: "0xEB", windows1252: "ë" });
  });

  it("names a file saved as UTF-16 (Notepad's 'Unicode'), with or without a byte-order mark, at its start", () => {
    const text = theme(`  rate a "De cliënt" on niveau\n`);
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, "utf16le"))]);
    const be = Buffer.from(le).swap16();
    for (const data of [le, new Uint8Array(be), new Uint8Array(Buffer.from(text, "utf16le"))]) {
      expect(diagnoseBytes(data)).toEqual([{ id: "encoding-invalid", line: 1, column: 1 }]);
      expect(compileBytes("t.scan", data).diagnostics[0]!.variant).toBe("utf16");
    }
  });

  it("finds the first bad byte after valid multi-byte characters, and rejects overlong and truncated forms", () => {
    const valid = bytes(`${header}\ntheme é "Één"\n`);
    for (const bad of [[0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xff]]) {
      const data = new Uint8Array([...valid, ...bad]);
      const out = compileBytes("t.scan", data);
      expect(out.diagnostics.map((d) => [d.id, locate(out.source, d).line, locate(out.source, d).column])).toEqual([["encoding-invalid", 10, 1]]);
    }
  });
});
