// The one place a SurveyJS model is built, for respondents and for the editor's preview alike, so
// that the preview shows exactly what respondents get. The model is created once per form JSON
// (and mode), never during render, and wired to the app's safe Markdown renderer.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { PanelModel, Question, QuestionRatingModel, SurveyModel } from "survey-core";
import { Model } from "survey-core";
import "survey-core/i18n/dutch";
// The fontless theme: the default one loads Open Sans from Google, a third-party request
// from every respondent's browser.
import "survey-core/survey-core.fontless.min.css";
import { RatingItem, ReactElementFactory, Survey } from "survey-react-ui";
import { escapeHtml, hasMarkdown, renderMarkdown } from "../lib/markdown.ts";
import "./survey-form.css";

export type SurveyData = Record<string, unknown>;

/** The languages a form can be shown in; SurveyJS's own texts (buttons, messages) follow. */
export type FormLocale = "nl" | "en";

/** How long the form takes: the scan's estimate, and the seconds of each page by page name. */
export interface FormEstimate {
  minutes: number;
  pageSeconds: Record<string, number>;
}

export interface SurveyFormProps {
  json: Record<string, unknown>;
  mode: "edit" | "display";
  locale?: FormLocale;
  /** Shown in the progress line ("Thema 3 van 8 · ongeveer 9 minuten te gaan"). */
  estimate?: FormEstimate | undefined;
  /**
   * The pages that are themes (their names): the progress line counts only these, and another
   * page (a closing page, `page` in the scan file) shows its own title. Absent: every page.
   */
  themes?: readonly string[] | undefined;
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

// A pair item is a panel named after the item holding its two sides (see pairFieldName in
// dsl/kinds.ts): `<id>__current` ("nu") and `<id>__desired` ("gewenst").
const pairSides = ["__current", "__desired"] as const;

function isPairPanel(panel: PanelModel): boolean {
  const names = panel.elements.map((e) => e.name);
  return names.length === 2 && pairSides.every((side, i) => names[i] === `${panel.name}${side}`);
}

function pairPanelOf(question: Question): PanelModel | null {
  const parent = question.parent as PanelModel | null;
  return parent && !parent.isPage && isPairPanel(parent) ? parent : null;
}

/**
 * A rating button shows the number only, so that five fit beside each other on a 360 px screen;
 * the scale's label for that number (or the end label) is its accessible name and tooltip.
 */
class NumberedRatingItem extends RatingItem {
  override render() {
    const question = this.question as QuestionRatingModel;
    const item = this.item;
    const number = String(item.value);
    const items = question.visibleChoices;
    const index = items.indexOf(item);
    let label = item.text !== number ? item.text : "";
    if (!label && index === 0) label = question.minRateDescription;
    if (!label && index === items.length - 1) label = question.maxRateDescription;
    const name = label ? `${number}: ${label}` : number;
    return (
      <label className={item.className} onMouseDown={this.handleOnMouseDown} title={label || undefined}>
        <input
          type="radio"
          className="sv-visuallyhidden"
          name={question.questionName}
          id={question.getInputId(this.index)}
          value={item.value}
          disabled={question.isDisabledAttr}
          readOnly={question.isReadOnlyAttr}
          checked={question.value == item.value}
          onClick={this.props.handleOnClick}
          onChange={() => undefined}
          aria-label={name}
        />
        <span className={question.cssClasses.itemText} data-text={number}>
          {number}
        </span>
      </label>
    );
  }
}
ReactElementFactory.Instance.registerElement("sv-rating-item", (props) => <NumberedRatingItem {...props} />);

/** "Thema 3 van 8 · ongeveer 9 minuten te gaan": where you are and how long is left. */
function ProgressLine({
  survey,
  model,
}: {
  survey: SurveyModel;
  model: { estimate?: FormEstimate; themes?: readonly string[]; locale: FormLocale };
}) {
  const [, rerender] = useState(0);
  useEffect(() => {
    const update = () => rerender((n) => n + 1);
    survey.onCurrentPageChanged.add(update);
    survey.onPageVisibleChanged.add(update);
    return () => {
      survey.onCurrentPageChanged.remove(update);
      survey.onPageVisibleChanged.remove(update);
    };
  }, [survey]);
  const pages = survey.visiblePages;
  const index = Math.max(0, pages.indexOf(survey.currentPage));
  const texts = progressTexts[model.locale];
  const themes = model.themes ? pages.filter((page) => model.themes!.includes(page.name)) : pages;
  const theme = themes.indexOf(pages[index]!);
  const where = theme === -1 ? survey.currentPage?.processedTitle || "" : texts.page(theme + 1, themes.length);
  const estimate = model.estimate;
  let time = "";
  if (estimate) {
    if (index === 0) {
      time = texts.total(estimate.minutes);
    } else {
      const seconds = pages.slice(index).reduce((sum, page) => sum + (estimate.pageSeconds[page.name] ?? 0), 0);
      time = texts.left(Math.max(1, Math.round(seconds / 60)));
    }
  }
  return (
    <div className="pk-progress">
      <p className="pk-progress__text" data-testid="progress-text">
        {where}
        {where && time ? " · " : ""}
        {time}
      </p>
      <div className="pk-progress__bar" aria-hidden="true">
        <div className="pk-progress__done" style={{ width: `${((index + 1) / Math.max(1, pages.length)) * 100}%` }} />
      </div>
    </div>
  );
}
ReactElementFactory.Instance.registerElement("pk-progress", (props) => <ProgressLine {...props} />);

const progressTexts = {
  nl: {
    page: (n: number, of: number) => `Thema ${n} van ${of}`,
    total: (m: number) => `invullen duurt ongeveer ${m} ${m === 1 ? "minuut" : "minuten"}`,
    left: (m: number) => `ongeveer ${m} ${m === 1 ? "minuut" : "minuten"} te gaan`,
  },
  en: {
    page: (n: number, of: number) => `Theme ${n} of ${of}`,
    total: (m: number) => `takes about ${m} ${m === 1 ? "minute" : "minutes"}`,
    left: (m: number) => `about ${m} ${m === 1 ? "minute" : "minutes"} to go`,
  },
} satisfies Record<FormLocale, unknown>;

function buildModel(
  json: Record<string, unknown>,
  mode: "edit" | "display",
  locale: FormLocale,
  data: SurveyData,
  pageNo: number | null,
) {
  const model = new Model(json);
  model.applyTheme(fontTheme);
  model.locale = locale;
  model.showCompletedPage = false;
  model.textUpdateMode = "onTyping";
  model.showProgressBar = false;
  model.onTextMarkdown.add((_, options) => {
    const element = options.element as Question;
    // A pair's side is titled "Nu" or "Gewenst"; a screen reader also reads the statement.
    const pair = options.name === "title" && typeof element.getType === "function" ? pairPanelOf(element) : null;
    if (pair) {
      const statement = renderMarkdown(pair.title).replace(/<\/?(p|ul|li)>/g, " ").trim();
      const separator = /[.?!:]$/.test(statement) ? " " : ": ";
      options.html = `<span class="sv-visuallyhidden">${statement}${separator}</span>${escapeHtml(options.text)}`;
      return;
    }
    if (hasMarkdown(options.text)) options.html = renderMarkdown(options.text);
  });
  model.onUpdatePanelCssClasses.add((_, options) => {
    if (isPairPanel(options.panel)) options.cssClasses.panel.container += " pk-pair";
  });
  model.onUpdateQuestionCssClasses.add((_, options) => {
    if (pairPanelOf(options.question)) options.cssClasses.mainRoot += " pk-pair__side";
  });
  if (mode === "display") {
    model.mode = "display";
    model.questionsOnPageMode = "singlePage";
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
  const { json, mode, estimate, themes } = props;
  const locale = props.locale ?? "nl";
  // Only the first render's data, page and language matter: later changes come from the model
  // itself, or are applied to it (the language) without rebuilding it.
  const initial = useRef({ data: props.initialData ?? {}, pageNo: props.initialPageNo ?? null, locale });
  const model = useMemo(
    () => buildModel(json, mode, initial.current.locale, initial.current.data, initial.current.pageNo),
    [json, mode],
  );
  const [pageNo, setPageNo] = useState(() => model.currentPageNo);

  useEffect(() => {
    model.locale = locale;
  }, [model, locale]);

  useEffect(() => {
    if (mode !== "edit" || model.visiblePages.length < 2) return;
    model.addLayoutElement({
      id: "pk-progress",
      component: "pk-progress",
      container: "contentTop",
      data: { estimate, themes, locale },
    });
    return () => {
      model.removeLayoutElement("pk-progress");
    };
  }, [model, mode, estimate, themes, locale]);

  const handlers = useRef(props);
  useLayoutEffect(() => {
    handlers.current = props;
  });

  useEffect(() => {
    const valueChanged = (sender: Model) => handlers.current.onValueChanged?.(sender.data, sender.currentPageNo);
    const pageChanged = (sender: Model) => {
      setPageNo(sender.currentPageNo);
      handlers.current.onPageChanged?.(sender.currentPageNo);
      // Phones: start each page at its top, where the progress line says where you are.
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

  // The scan's introduction belongs to the first page; later pages start with their theme.
  return (
    <div className={`pk-survey${mode === "edit" && pageNo > 0 ? " pk-survey--later-page" : ""}`} lang={locale}>
      <Survey model={model} />
    </div>
  );
}
