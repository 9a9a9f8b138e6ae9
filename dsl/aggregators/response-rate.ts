import { z } from "zod";
import type { Aggregator } from "./types.ts";
import type { AggregatorInput } from "./stats.ts";
import { percent } from "./stats.ts";

export const responseRateParamsSchema = z.object({});
export type ResponseRateParams = z.infer<typeof responseRateParamsSchema>;

export interface ResponseRateResult {
  kind: "response-rate";
  responses: number;
  invited: number | null;
  /** responses / invited, 0..1; null for an open link. */
  rate: number | null;
  explanation: string;
}

export const responseRate: Aggregator<ResponseRateParams, AggregatorInput, ResponseRateResult> = {
  name: "response-rate",
  doc: "Respons: hoeveel uitgenodigden de scan hebben ingevuld.",
  params: {},
  schema: responseRateParamsSchema,
  compute(input) {
    const { responses, invited } = input.current;
    const rate = invited ? Math.min(1, responses / invited) : null;
    const explanation =
      rate === null
        ? `${responses} ingevulde ${responses === 1 ? "scan" : "scans"} (open link, geen uitnodigingslijst).`
        : `${responses} van ${invited} uitgenodigden hebben de scan ingevuld (${percent(rate)}).`;
    return { kind: "response-rate", responses, invited, rate, explanation };
  },
};
