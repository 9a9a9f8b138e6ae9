import { describe, expect, test } from "vitest";
import { parseRespondentCsv } from "../server/invitations/csv.ts";

const people = (text: string, existing?: Set<string>) => {
  const { rows, errors } = parseRespondentCsv(text, existing);
  return { rows: rows.map((r) => [r.line, r.name, r.email, r.team]), errors: errors.map((e) => [e.line, e.reason]) };
};

describe("respondents from CSV", () => {
  test("takes commas, semicolons (Dutch Excel) or tabs, with or without a header row", () => {
    const expected = [
      [1, "Anna", "anna@example.org", "rood"],
      [2, "Bram", "bram@example.org", null],
    ];
    for (const d of [",", ";", "\t"]) {
      expect(people(`Anna${d}anna@example.org${d}rood\nBram${d}bram@example.org`).rows).toEqual(expected);
    }
    expect(people("e-mail,naam\nanna@example.org,Anna").rows).toEqual([[2, "Anna", "anna@example.org", null]]);
  });

  test("reads quoted cells as RFC 4180 says: delimiters, doubled quotes and line breaks inside", () => {
    const { rows, errors } = people('naam;e-mail\n"de Wit; Cor";cor@example.org\n"Dirk ""DJ""\nJansen";dirk@example.org\nEva;eva@example.org');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      [2, "de Wit; Cor", "cor@example.org", null],
      [3, 'Dirk "DJ"\nJansen', "dirk@example.org", null],
      [5, "Eva", "eva@example.org", null],
    ]);
  });

  test("counts lines as an editor shows them, whatever the line ends, and skips empty lines", () => {
    for (const end of ["\n", "\r\n", "\r"]) {
      const text = ["\uFEFFnaam,e-mail", "", "Anna,anna@example.org", "  ,  ", "Bram,geen-adres"].join(end) + end;
      expect(people(text)).toEqual({ rows: [[3, "Anna", "anna@example.org", null]], errors: [[5, "email-invalid"]] });
    }
  });

  test("trims cells, keeps a quote inside a cell as it is, and lowercases addresses", () => {
    expect(people('  "Anna "  ,  ANNA@Example.org  ,  rood \nBram 2"x,bram@example.org').rows).toEqual([
      [1, "Anna", "anna@example.org", "rood"],
      [2, 'Bram 2"x', "bram@example.org", null],
    ]);
  });

  test("reports a quote that is never closed at its line, and keeps the rows before it", () => {
    const { rows, errors } = people('Anna,anna@example.org\n"Bram,bram@example.org\nCor,cor@example.org');
    expect(rows).toEqual([[1, "Anna", "anna@example.org", null]]);
    expect(errors).toEqual([[2, "quote-unclosed"]]);
  });

  test("reports text after a closing quote at its line, and reads on from the next line", () => {
    const { rows, errors } = people('Anna,anna@example.org\n"Bram"sen,bram@example.org\n"Cor\nde Wit"x,cor@example.org\nDirk,dirk@example.org');
    expect(rows).toEqual([
      [1, "Anna", "anna@example.org", null],
      [5, "Dirk", "dirk@example.org", null],
    ]);
    expect(errors).toEqual([
      [2, "quote-invalid"],
      [3, "quote-invalid"],
    ]);
  });

  test("reports every bad row by line with a Dutch reason, and duplicates within the file and the round", () => {
    const { rows, errors } = parseRespondentCsv(
      [
        "naam,e-mail,team",
        ",leeg@example.org",
        "Bram,",
        "Cor,cor@example.org,blauw,extra",
        `${"x".repeat(201)},lang@example.org`,
        `Dirk,dirk@example.org,${"t".repeat(201)}`,
        "Eva,eva@example.org",
        "Eva 2,EVA@example.org",
        "Fien,bekend@example.org",
      ].join("\n"),
      new Set(["bekend@example.org"]),
    );
    expect(rows.map((r) => r.name)).toEqual(["Eva"]);
    expect(errors).toEqual([
      { line: 2, reason: "name-missing", message: "de naam ontbreekt" },
      { line: 3, reason: "email-missing", message: "het e-mailadres ontbreekt" },
      { line: 4, reason: "too-many-columns", message: "meer dan 3 kolommen; verwacht: naam, e-mail, team" },
      { line: 5, reason: "name-too-long", message: "de naam is langer dan 200 tekens" },
      { line: 6, reason: "team-too-long", message: "de teamnaam is langer dan 200 tekens" },
      { line: 8, reason: "email-duplicate", message: "eva@example.org staat ook op regel 7" },
      { line: 9, reason: "email-duplicate", message: "bekend@example.org staat al in deze ronde" },
    ]);
  });

  test("an empty column beyond the header's is no error", () => {
    expect(people("Anna,anna@example.org,rood,,\n").errors).toEqual([]);
  });
});
