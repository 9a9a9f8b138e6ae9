import type { ConditionNode, ItemNode, ScanFile, TextNode } from "./ast.ts";
import { visibleIf } from "./conditions.ts";
import { estimateMinutes } from "./estimate.ts";
import { kinds, notApplicableField, pairFieldName, scaleModel, textModel, withNotApplicable } from "./kinds.ts";
import type { Condition, CompiledScan, ItemModel, ScaleModel, ScoringModel, SurveyJson, Text } from "./model.ts";
import { scoreParams } from "./rules/scores-known.ts";

/**
 * A SurveyJS localizable string: plain Dutch, or `{ nl, en }` when translated. (SurveyJS treats
 * `default` as English, its own default locale, so `{ default: nl, en }` would never show `en`.)
 */
function loc(text: Text): unknown {
  return text.en !== undefined ? { nl: text.nl, en: text.en } : text.nl;
}

/** Several lines of text (intro paragraphs, help lines) as one text, per language. */
function joined(nodes: readonly TextNode[], separator: string): Text | undefined {
  if (nodes.length === 0) return undefined;
  const nl = nodes.map((n) => n.nl).join(separator);
  if (nodes.every((n) => n.en !== undefined)) return { nl, en: nodes.map((n) => n.en).join(separator) };
  return { nl };
}

function condition(node: ConditionNode): Condition {
  switch (node.kind) {
    case "compare": {
      const field = node.side ? pairFieldName(node.item.name, node.side.name) : node.item.name;
      const value = node.value.kind === "int" ? Number(node.value.text) : node.value.text;
      return { field, op: node.op.text as "=", value };
    }
    case "and":
      return { all: node.parts.map(condition) };
    case "or":
      return { any: node.parts.map(condition) };
    case "not":
      return { not: condition(node.operand) };
  }
}

/**
 * Turns a checked scan file (no errors) into the SurveyJS form and the scoring model. Pure and
 * deterministic: the same file always gives the same JSON.
 */
export function generate(file: ScanFile): CompiledScan {
  const scan = file.scans[0]!;
  const scales = new Map<string, ScaleModel>(file.scales.map((s) => [s.id.name, scaleModel(s)]));
  const items: ItemModel[] = [];
  const pages = file.themes.map((theme) => {
    const help = joined(theme.help, "\n");
    return {
      name: theme.id.name,
      title: loc(textModel(theme.title)),
      ...(help ? { description: loc(help) } : {}),
      elements: theme.items.map((node) => {
        const model = itemModel(node, scales);
        items.push(model);
        const input = {
          node,
          required: model.required,
          scale: model.scale ? scales.get(model.scale) : undefined,
          title: loc(model.title),
          description: model.help ? loc(model.help) : undefined,
          visibleIf: model.showIf ? visibleIf(model.showIf) : undefined,
          loc,
        };
        model.fields = kinds[node.kind].fields(input);
        const element = kinds[node.kind].element(input);
        if (!input.scale?.notApplicable) return element;
        const mark = notApplicableField(input);
        model.fields.push(mark);
        return withNotApplicable(element, input, mark);
      }),
    };
  });
  const title = textModel(scan.title!);
  const intro = joined(scan.intro, "\n\n");
  const survey: SurveyJson = {
    title: loc(title),
    ...(intro ? { description: loc(intro) } : {}),
    locale: "nl",
    // A hidden item's answer is dropped at once, as the server ignores it (see conditions.ts).
    clearInvisibleValues: "onHidden",
    showProgressBar: true,
    progressBarLocation: "top",
    progressBarType: "pages",
    showQuestionNumbers: "off",
    pages,
  };
  const model: ScoringModel = {
    scan: scan.id.name,
    title,
    ...(intro ? { intro } : {}),
    languages: scan.languages.length ? scan.languages.map((l) => l.name) : ["nl"],
    respondent: scan.respondent?.name ?? (scan.answeredBy?.value === "team-together" ? "team" : "respondent"),
    answeredBy: scan.answeredBy?.value === "team-together" ? "team" : "individual",
    cadence: scan.cadence?.every ?? null,
    anonymous: scan.anonymous?.value ?? false,
    notes: scan.notes.map(textModel),
    scales: [...scales.values()],
    themes: file.themes.map((t) => {
      const help = joined(t.help, "\n");
      return {
        id: t.id.name,
        title: textModel(t.title),
        ...(help ? { help } : {}),
        items: t.items.map((i) => i.id.name),
        ...(t.page ? { page: true as const } : {}),
      };
    }),
    items,
    aggregators: file.scores.map((s) => ({ name: s.name.name, params: scoreParams(s) })),
    estimatedMinutes: estimateMinutes(file.themes.flatMap((t) => t.items)),
  };
  return { survey, model };
}

function itemModel(node: ItemNode, scales: Map<string, ScaleModel>): ItemModel {
  const kind = kinds[node.kind];
  const help = joined(node.help, "\n");
  const scale = node.scales[0] && scales.has(node.scales[0].name) ? node.scales[0].name : undefined;
  return {
    id: node.id.name,
    theme: node.theme,
    kind: node.kind,
    title: textModel(node.title),
    ...(help ? { help } : {}),
    ...(scale ? { scale } : {}),
    ...(kind.options ? { options: node.options.map((o) => ({ value: o.id.name, text: textModel(o.text) })) } : {}),
    required: node.required ? node.required.value : kind.requiredByDefault,
    discriminating: node.discriminating !== undefined,
    reverse: node.reverse !== undefined,
    ...(node.showIf ? { showIf: condition(node.showIf) } : {}),
    fields: [],
  };
}
