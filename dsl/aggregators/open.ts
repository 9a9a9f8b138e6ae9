import { z } from "zod";
import type { Aggregator } from "./types.ts";
import type { AggregatorInput } from "./stats.ts";
import { itemTitle } from "./stats.ts";

export const openParamsSchema = z.object({
  item: z.string().min(1).optional(),
});
export type OpenParams = z.infer<typeof openParamsSchema>;

export interface OpenQuestion {
  item: string;
  title: string;
  answers: string[];
}

export interface OpenResult {
  kind: "open";
  questions: OpenQuestion[];
  total: number;
  explanation: string;
}

export const open: Aggregator<OpenParams, AggregatorInput, OpenResult> = {
  name: "open",
  doc: "Zet de antwoorden op open vragen per vraag onder elkaar.",
  params: {
    item: { kind: "item", required: false, doc: "only this open question (default: every open question)" },
  },
  schema: openParamsSchema,
  compute(input, params, model) {
    const questions: OpenQuestion[] = model.items
      .filter((i) => i.kind === "text" && (params.item === undefined || i.id === params.item))
      .map((i) => ({
        item: i.id,
        title: itemTitle(i),
        answers: (input.current.texts.find((t) => t.item === i.id)?.answers ?? []).filter((a) => a.trim() !== ""),
      }));
    const total = questions.reduce((a, q) => a + q.answers.length, 0);
    const explanation =
      questions.length === 0
        ? "Deze scan heeft geen open vragen."
        : `${total} open ${total === 1 ? "antwoord" : "antwoorden"} op ${questions.length} ${questions.length === 1 ? "vraag" : "vragen"}, letterlijk weergegeven.`;
    return { kind: "open", questions, total, explanation };
  },
};
