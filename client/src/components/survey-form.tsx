// The one place a SurveyJS model is built. The model is created once per form JSON (and mode),
// never during render, and wired to the app's safe Markdown renderer.
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { Model } from "survey-core";
import "survey-core/i18n/dutch";
// The fontless theme: the default one loads Open Sans from Google, a third-party request
// from every respondent's browser.
import "survey-core/survey-core.fontless.min.css";
import { Survey } from "survey-react-ui";
import { hasMarkdown, renderMarkdown } from "../lib/markdown.ts";

export type SurveyData = Record<string, unknown>;

export interface SurveyFormProps {
  json: Record<string, unknown>;
  mode: "edit" | "display";
  initialData?: SurveyData;
  /** The page to open on; `null` opens the first page with an unanswered question. */
  initialPageNo?: number | null;
  onValueChanged?: (data: SurveyData, pageNo: number) => void;
  onPageChanged?: (pageNo: number) => void;
  onComplete?: (data: SurveyData) => void;
}

const systemFont = `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`;

// The default theme names Open Sans, which the fontless stylesheet does not load.
const fontTheme = {
  cssVariables: Object.fromEntries(
    [
      "text",
      "component-input-content",
      "component-label-content",
      "component-page-title",
      "component-page-description",
      "component-panel-title",
      "component-panel-description",
      "component-question-title",
      "component-question-description",
      "component-survey-header-title",
      "component-survey-header-description",
      "component-action-large-content",
      "component-action-medium-content",
      "component-action-small-content",
      "component-action-x-small-content",
      "component-action-xx-small-content",
    ].map((name) => [`--sjs2-typography-font-family-${name}`, systemFont]),
  ),
};

function buildModel(json: Record<string, unknown>, mode: "edit" | "display", data: SurveyData, pageNo: number | null) {
  const model = new Model(json);
  model.applyTheme(fontTheme);
  model.locale = "nl";
  model.showCompletedPage = false;
  model.textUpdateMode = "onTyping";
  model.onTextMarkdown.add((_, options) => {
    if (hasMarkdown(options.text)) options.html = renderMarkdown(options.text);
  });
  if (mode === "display") {
    model.mode = "display";
    model.questionsOnPageMode = "singlePage";
    model.showProgressBar = false;
  } else {
    model.showProgressBar = true;
  }
  model.data = data;
  if (mode === "edit") model.currentPageNo = pageNo ?? firstUnansweredPage(model);
  return model;
}

function firstUnansweredPage(model: Model): number {
  const pages = model.visiblePages;
  const index = pages.findIndex((page) => page.questions.some((q) => q.isVisible && q.isEmpty()));
  return index === -1 ? Math.max(0, pages.length - 1) : index;
}

export function SurveyForm(props: SurveyFormProps) {
  const { json, mode } = props;
  // Only the first render's data and page matter: later changes come from the model itself.
  const initial = useRef({ data: props.initialData ?? {}, pageNo: props.initialPageNo ?? null });
  const model = useMemo(
    () => buildModel(json, mode, initial.current.data, initial.current.pageNo),
    [json, mode],
  );

  const handlers = useRef(props);
  useLayoutEffect(() => {
    handlers.current = props;
  });

  useEffect(() => {
    const valueChanged = (sender: Model) => handlers.current.onValueChanged?.(sender.data, sender.currentPageNo);
    const pageChanged = (sender: Model) => {
      handlers.current.onPageChanged?.(sender.currentPageNo);
      // Phones: start each page at its top, where the progress bar says where you are.
      window.scrollTo({ top: 0 });
    };
    const complete = (sender: Model) => handlers.current.onComplete?.(sender.data);
    model.onValueChanged.add(valueChanged);
    model.onCurrentPageChanged.add(pageChanged);
    model.onComplete.add(complete);
    return () => {
      model.onValueChanged.remove(valueChanged);
      model.onCurrentPageChanged.remove(pageChanged);
      model.onComplete.remove(complete);
    };
  }, [model]);

  return <Survey model={model} />;
}
