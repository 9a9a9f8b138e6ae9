// `npm run bench [section...]`: runs the benchmark sections (all by default) and prints, for each,
// absolute figures and the ratio against a baseline measured in the same run.
import { dslBench } from "./dsl.ts";
import { editorBench } from "./editor.ts";
import { mailBench } from "./mail.ts";
import { submitBench } from "./submit.ts";
import { reportBench } from "./report.ts";
import { respondentBench } from "./respondent.ts";
import { copyBench } from "./copy.ts";
import { abuseBench } from "./abuse.ts";
import { exportBench } from "./export.ts";

export interface BenchSection {
  name: string;
  run(): Promise<void>;
}

const sections: BenchSection[] = [dslBench, editorBench, submitBench, reportBench, mailBench, respondentBench, copyBench, abuseBench, exportBench];

const wanted = process.argv.slice(2);
for (const section of sections) {
  if (wanted.length && !wanted.includes(section.name)) continue;
  console.log(`\n== ${section.name} ==`);
  await section.run();
}
