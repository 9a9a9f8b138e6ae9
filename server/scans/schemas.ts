// Response shapes around a compiled scan. The compiled model's type lives in dsl/model.ts (dsl/
// knows no OpenAPI); stored versions are checked by TypeScript where they are compiled.
import { z } from "@hono/zod-openapi";
import type { ItemComparison, VersionComparison } from "../../dsl/compare.ts";
import type { ScoringModel, SurveyJson } from "../../dsl/model.ts";
import { objectOf, schemaFor } from "../lib/openapi.ts";

export const scoringModelSchema = objectOf<ScoringModel>(
  "The compiled scoring model of a scan version: scales, themes, items with their fields, score lines (see dsl/model.ts and docs/scan-language.md).",
).openapi("ScoringModel");

export const surveyJsonSchema = objectOf<SurveyJson>("SurveyJS form JSON, compiled from the scan text.").openapi("SurveyJson");

const breakSchema = z.enum(["kind", "scale", "reverse", "options", "removed", "added"]);

export const itemComparisonSchema = schemaFor<ItemComparison>()(
  z
    .discriminatedUnion("comparable", [
      z.object({ item: z.string(), comparable: z.literal(true), change: z.enum(["same", "wording"]) }),
      z.object({
        item: z.string(),
        comparable: z.literal(false),
        change: breakSchema,
        reason: z.string().openapi({ description: "Why it does not compare, in Dutch." }),
      }),
    ])
    .openapi("ItemComparison", { description: "Whether one item compares with the version before (dsl/compare.ts)." }),
);

export const versionComparisonSchema = schemaFor<VersionComparison>()(
  z
    .object({
      comparability: z.enum(["comparable", "partly-comparable", "not-comparable"]),
      changes: z.array(
        z.discriminatedUnion("change", [
          z.object({ item: z.string(), change: z.literal("added") }),
          z.object({ item: z.string(), change: z.literal("removed") }),
          z.object({ item: z.string(), change: z.literal("reworded"), from: z.string(), to: z.string() }),
          z.object({ item: z.string(), change: z.literal("redefined"), reason: z.string() }),
        ]),
      ),
      comparableItems: z.number().int().openapi({ description: "Items in both versions whose answers compare." }),
      scanChanges: z.array(z.string()).openapi({ description: "Changes to the scan itself, in Dutch." }),
    })
    .openapi("VersionComparison"),
);
