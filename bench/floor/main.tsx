// The floor of the respondent bench (bench/respondent.ts): only React and SurveyJS, with its
// stylesheet, rendering the same form from the same JSON, fetched after the script runs just as
// the respondent page does. Nothing of ours.
import { createRoot } from "react-dom/client";
import { Model } from "survey-core";
import "survey-core/survey-core.fontless.min.css";
import { Survey } from "survey-react-ui";

const form = (await (await fetch("/form.json")).json()) as { survey: Record<string, unknown> };
createRoot(document.getElementById("root")!).render(<Survey model={new Model(form.survey)} />);
