import { lazy } from "react";
import { RespondentPage } from "../features/respond/components/respondent-page.tsx";
import type { Route } from "./router.tsx";

// The respondent page is imported statically: it is the public page and must open in as few
// round trips as possible. Every other page is added here with React.lazy; admin pages are marked
// `admin` and shown inside the admin shell (app.tsx).
const AccessibilityStatement = lazy(() =>
  import("../features/respond/components/accessibility-statement.tsx").then((m) => ({ default: m.AccessibilityStatement })),
);
const OwnReportPage = lazy(() =>
  import("../features/report/components/own-report-page.tsx").then((m) => ({ default: m.OwnReportPage })),
);
const SharedResultPage = lazy(() =>
  import("../features/report/components/shared-result-page.tsx").then((m) => ({ default: m.SharedResultPage })),
);
const ReportPage = lazy(() => import("../features/report/components/report-page.tsx").then((m) => ({ default: m.ReportPage })));
const SeriesReportPage = lazy(() => import("../features/report/components/series-page.tsx").then((m) => ({ default: m.SeriesPage })));
const SeriesPage = lazy(() => import("../features/series/components/series-page.tsx").then((m) => ({ default: m.SeriesPage })));
const OverviewPage = lazy(() => import("../features/admin/components/overview.tsx").then((m) => ({ default: m.OverviewPage })));
const RoundFormPage = lazy(() => import("../features/admin/components/round-form.tsx").then((m) => ({ default: m.RoundFormPage })));
const OutboxPage = lazy(() => import("../features/admin/components/outbox-page.tsx").then((m) => ({ default: m.OutboxPage })));
const SecurityPage = lazy(() => import("../features/admin/components/security-page.tsx").then((m) => ({ default: m.SecurityPage })));
const SettingsPage = lazy(() => import("../features/admin/components/settings-page.tsx").then((m) => ({ default: m.SettingsPage })));
const AccountsPage = lazy(() => import("../features/admin/components/accounts-page.tsx").then((m) => ({ default: m.AccountsPage })));
const RoundRespondentsPage = lazy(() =>
  import("../features/invitations/components/round-respondents-page.tsx").then((m) => ({ default: m.RoundRespondentsPage })),
);
const PrivacyPage = lazy(() => import("../features/privacy/components/privacy-page.tsx").then((m) => ({ default: m.PrivacyPage })));
const RoundPage = lazy(() => import("../features/rounds/components/round-page.tsx").then((m) => ({ default: m.RoundPage })));
const ScanPage = lazy(() => import("../features/admin/components/scan-page.tsx").then((m) => ({ default: m.ScanPage })));
const AvgPage = lazy(() => import("../features/avg/components/avg-page.tsx").then((m) => ({ default: m.AvgPage })));
const AuditPage = lazy(() => import("../features/audit/components/audit-page.tsx").then((m) => ({ default: m.AuditPage })));
const NoAccessPage = lazy(() => import("../features/sign-in/components/no-access-page.tsx").then((m) => ({ default: m.NoAccessPage })));
// The editor brings CodeMirror and the scan compiler: its own chunk.
const EditorPage = lazy(() => import("../features/editor/components/editor-page.tsx").then((m) => ({ default: m.EditorPage })));

const writers = ["admin", "teamleader"] as const;
const admins = ["admin"] as const;

export const routes: readonly Route[] = [
  { path: "/r/:token", component: RespondentPage },
  { path: "/r/:token/report", component: OwnReportPage },
  { path: "/gedeeld/:token", component: SharedResultPage },
  { path: "/toegankelijkheid", component: AccessibilityStatement },
  { path: "/privacy", component: PrivacyPage },
  { path: "/admin/geen-toegang", component: NoAccessPage },
  { path: "/admin", component: OverviewPage, admin: {} },
  { path: "/admin/rounds/new", component: RoundFormPage, admin: { roles: writers } },
  { path: "/admin/rounds/:roundId/manage", component: RoundPage, admin: {} },
  { path: "/admin/rounds/:roundId/respondents", component: RoundRespondentsPage, admin: {} },
  { path: "/admin/scans/:scanId", component: ScanPage, admin: {} },
  { path: "/admin/reports/:roundId", component: ReportPage, admin: {} },
  { path: "/admin/reports/:roundId/series", component: SeriesReportPage, admin: {} },
  { path: "/admin/series/:seriesId", component: SeriesPage, admin: {} },
  // Teamleaders write drafts in the editor; only admins publish (the editor asks the server).
  { path: "/admin/editor", component: EditorPage, admin: { roles: writers, wide: true } },
  { path: "/admin/editor/:scanId", component: EditorPage, admin: { roles: writers, wide: true } },
  { path: "/admin/editor/concept/:draftId", component: EditorPage, admin: { roles: writers, wide: true } },
  { path: "/admin/outbox", component: OutboxPage, admin: { roles: admins } },
  { path: "/admin/accounts", component: AccountsPage, admin: { roles: admins } },
  { path: "/admin/settings", component: SettingsPage, admin: { roles: admins } },
  { path: "/admin/audit", component: AuditPage, admin: { roles: admins } },
  { path: "/admin/avg", component: AvgPage, admin: { roles: admins } },
  { path: "/admin/security", component: SecurityPage, admin: {} },
];
