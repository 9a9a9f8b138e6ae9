// The editor's preview: the form exactly as respondents get it (the same SurveyForm component the
// respondent page uses), to answer and try out. Beside it, what the server would make of the
// answers so far: which questions a condition hides, which required answers are still missing.
// Nothing is sent anywhere.
import { memo, useMemo, useRef, useState } from "react";
import { isAnswered, visibleFields } from "../../../../../dsl/conditions.ts";
import { themeSeconds } from "../../../../../dsl/estimate.ts";
import type { CompiledScan } from "../../../../../dsl/model.ts";
import { SurveyForm, type FormLocale, type SurveyData } from "../../../components/survey-form.tsx";

interface Props {
  compiled: CompiledScan;
}

/** Re-renders only for a new compiled form, not with every keystroke's check (hence `memo`). */
export const PreviewPane = memo(function PreviewPane({ compiled }: Props) {
  const { survey, model } = compiled;
  const [answers, setAnswers] = useState<SurveyData>({});
  const [finished, setFinished] = useState(false);
  const [run, setRun] = useState(0);
  const [locale, setLocale] = useState<FormLocale>("nl");
  const estimate = useMemo(() => ({ minutes: model.estimatedMinutes, pageSeconds: themeSeconds(model) }), [model]);
  const themes = useMemo(() => model.themes.filter((t) => !t.page).map((t) => t.id), [model]);
  // The form is rebuilt when the scan changes; it starts again with the answers given so far.
  const builds = useRef(new Map<object, number>());
  if (!builds.current.has(survey)) builds.current.set(survey, builds.current.size);
  const formKey = `${run}:${builds.current.get(survey)}`;

  const check = useMemo(() => {
    const shown = visibleFields(model, answers);
    const shownNames = new Set(shown.map((f) => f.name));
    const title = (id: string) => model.items.find((i) => i.id === id)?.title.nl ?? id;
    const hidden = model.items.filter((i) => i.showIf && !i.fields.some((f) => shownNames.has(f.name))).map((i) => title(i.id));
    const missing = [...new Set(shown.filter((f) => f.required && !isAnswered(answers[f.name])).map((f) => title(f.item)))];
    const stored = shown.filter((f) => isAnswered(answers[f.name])).length;
    return { hidden, missing, stored };
  }, [model, answers]);

  function restart() {
    setAnswers({});
    setFinished(false);
    setRun((n) => n + 1);
  }

  return (
    <div className="editor-preview" data-testid="preview">
      <div className="preview-bar">
        <span>Zo ziet de respondent de scan. Probeer hem gerust: er wordt niets verstuurd.</span>
        {model.languages.includes("en") ? (
          <label>
            Taal{" "}
            <select value={locale} onChange={(e) => setLocale(e.target.value as FormLocale)}>
              <option value="nl">Nederlands</option>
              <option value="en">English</option>
            </select>
          </label>
        ) : null}
        <button type="button" className="link-button" onClick={restart}>
          Opnieuw beginnen
        </button>
      </div>
      {finished ? (
        <div className="preview-finished" role="status">
          <h2>Voorbeeld ingevuld</h2>
          <p>
            Een respondent zou nu {check.stored} {check.stored === 1 ? "antwoord" : "antwoorden"} versturen. Dit voorbeeld is niet
            verstuurd en nergens bewaard.
          </p>
          <button type="button" onClick={restart}>
            Opnieuw invullen
          </button>
        </div>
      ) : (
        <SurveyForm
          key={formKey}
          json={survey}
          mode="edit"
          locale={locale}
          estimate={estimate}
          themes={themes}
          initialData={answers}
          onValueChanged={(data) => setAnswers({ ...data })}
          onComplete={(data) => {
            setAnswers({ ...data });
            setFinished(true);
          }}
        />
      )}
      <dl className="preview-check" data-testid="preview-check" aria-live="polite">
        <dt>Bewaard bij versturen</dt>
        <dd>{check.stored === 1 ? "1 antwoord" : `${check.stored} antwoorden`}</dd>
        <dt>Verborgen door een voorwaarde</dt>
        <dd data-testid="preview-hidden">{check.hidden.length ? check.hidden.join(", ") : "niets"}</dd>
        <dt>Nog verplicht</dt>
        <dd data-testid="preview-missing">{check.missing.length ? check.missing.join(", ") : "niets"}</dd>
      </dl>
    </div>
  );
});
