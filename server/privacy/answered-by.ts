import type { ScoringModel } from "../../dsl/model.ts";

export type AnsweredBy = ScoringModel["answeredBy"];

/**
 * Who answers a scan: one person per response ("individual": the minimum group size applies) or a
 * team together ("team": one shared response per team). The only place that reads the field:
 * versions compiled before it existed lack it, and then the respondent word decides, as it did
 * when those versions were compiled.
 */
export function answeredBy(model: Pick<ScoringModel, "respondent"> & { answeredBy?: AnsweredBy | undefined }): AnsweredBy {
  if (model.answeredBy === "team" || model.answeredBy === "individual") return model.answeredBy;
  return model.respondent === "team" ? "team" : "individual";
}
