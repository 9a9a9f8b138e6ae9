// The shipped scans cite the book ("Implementeren in het sociale domein") by file name and line.
// The headers name the book's file in ../shared/seeds/ (never a path of one machine), and where
// the book is there beside the repository, the key citations point at the words they claim.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.ts";

const root = join(import.meta.dirname, "../..");
const scans = readdirSync(join(root, "scans"))
  .filter((f) => f.endsWith(".scan"))
  .map((f) => ({ file: f, text: readFileSync(join(root, "scans", f), "utf8") }));
const bookFile = "001_f96af4f373106f4d.txt";
// The repository's ../shared/seeds, also from a git worktree one level deeper.
const bookPath = [join(root, "../shared/seeds", bookFile), join(root, "../../shared/seeds", bookFile)].find((p) => existsSync(p));
const book = bookPath ? readFileSync(bookPath, "utf8").split("\n") : [];

/** Lines `from`..`to` of the book (1-based, inclusive), joined with spaces, hyphenation undone. */
function lines(from: number, to = from): string {
  return book
    .slice(from - 1, to)
    .join(" ")
    .replace(/-\s+/g, "")
    .replace(/\s+/g, " ");
}

const header = (text: string) => text.split("\n").filter((l) => l.startsWith("#")).join("\n");

describe("citations in the shipped scans", () => {
  it.each(scans.map((s) => [s.file, s] as const))("%s names the book by file name, and no path of one machine", (_file, { text }) => {
    expect(header(text)).toContain(`${bookFile} in`);
    expect(header(text)).toContain("../shared/seeds/");
    expect(text).not.toMatch(/\/work\/|\/home\/|\/Users\/|[A-Z]:\\/);
  });

  it.each(scans.map((s) => [s.file, s] as const))("%s cites only lines the book has", (_file, { text }) => {
    const cited = [...header(text).matchAll(/L(\d+)(?:-(\d+))?/g)].map((m) => [Number(m[1]), Number(m[2] ?? m[1])] as const);
    expect(cited.length).toBeGreaterThan(0);
    for (const [from, to] of cited) {
      expect(from).toBeLessThanOrEqual(to);
      expect(to).toBeLessThanOrEqual(6828);
    }
  });
});

// Only where the book is beside the repository (not in an export of the repository alone).
if (book.length > 0) {
  describe("the citations point at what they claim (the book beside the repository)", () => {
    const model = (file: string) => compile({ name: file, text: scans.find((s) => s.file === file)!.text }).result!.model;

    it("bachelorscan: the eight theme titles, verbatim, at L2977-2988", () => {
      const bachelor = scans.find((s) => s.file === "bachelorscan.scan")!;
      expect(bachelor.text).toContain("L2977-2988");
      const titles = model("bachelorscan.scan").themes.filter((t) => !t.page).map((t) => t.title.nl);
      expect(titles).toHaveLength(8);
      for (const title of titles) expect(lines(2977, 2988)).toContain(title);
      // The book's question: whether teachers find it desirable that a theme comes back more.
      expect(lines(2915, 2918)).toMatch(/wenselijk vinden dat een onderwerp .* meer terugkomt/);
      expect(lines(3035, 3036)).toMatch(/wenselijk vinden dat de thema’s meer terugkomen/);
    });

    it("traptrede: its end points as printed at L1758, without a comma", () => {
      expect(lines(1758)).toContain("lopend van ik wil niet tot yes ik ben SNV");
      const labels = model("traptrede.scan").scales.find((s) => s.id === "trede")!.labels;
      expect(labels[0]!.text.nl.toLowerCase()).toBe("ik wil niet");
      expect(labels[labels.length - 1]!.text.nl.toLowerCase()).toBe("yes ik ben snv");
    });

    it("wijkteam: the chapter-7 passage it names (L4375-4377) is about sharing within the team, and is not used as a reason for anonymity", () => {
      const wijkteam = scans.find((s) => s.file === "wijkteam-clientvragen.scan")!.text;
      expect(lines(4375, 4377)).toContain("uitwisselen van privacygevoelige informatie binnen het wijkteam");
      expect(wijkteam).toMatch(/book says nothing about anonymity/);
    });

    it("quickscan: teams scored only the elements with priority (L2617-2618)", () => {
      expect(lines(2617, 2618)).toContain("organisatie-elementen die prioriteit hadden");
      expect(scans.find((s) => s.file === "paraplu-quickscan.scan")!.text).toContain("L2617-2618");
    });
  });
}
