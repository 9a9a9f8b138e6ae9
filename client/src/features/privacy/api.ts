// The public facts the privacy page shows (GET /api/privacy, server/lifecycle/routes.ts).
import { requestJson } from "../../lib/http.ts";

export interface PrivacyFacts {
  retentionMonths: number;
  auditRetentionMonths: number;
  minGroupSize: number;
  drafts: { afterCloseDays: number; idleDays: number };
}

export const fetchPrivacyFacts = () => requestJson<PrivacyFacts>("GET", "/api/privacy");
