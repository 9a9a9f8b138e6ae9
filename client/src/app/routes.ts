import { lazy } from "react";
import { RespondentPage } from "../features/respond/components/respondent-page.tsx";
import type { Route } from "./router.tsx";

// The respondent page is imported statically: it is the public page and must open in as few
// round trips as possible. Add admin and editor pages here with React.lazy.
const ReportPage = lazy(() => import("../features/report/components/report-page.tsx").then((m) => ({ default: m.ReportPage })));
const SeriesPage = lazy(() => import("../features/report/components/series-page.tsx").then((m) => ({ default: m.SeriesPage })));
const SeriesOverviewPage = lazy(() =>
  import("../features/series/components/series-page.tsx").then((m) => ({ default: m.SeriesPage })),
);
const AccessibilityStatement = lazy(() =>
  import("../features/respond/components/accessibility-statement.tsx").then((m) => ({ default: m.AccessibilityStatement })),
);
const OwnReportPage = lazy(() =>
  import("../features/report/components/own-report-page.tsx").then((m) => ({ default: m.OwnReportPage })),
);

// Admin pages and the scan editor: two separate lazy chunks (the editor brings CodeMirror and
// the scan compiler).
const AdminApp = lazy(() => import("../features/admin/components/admin-app.tsx").then((m) => ({ default: m.AdminApp })));
const RoundRespondentsPage = lazy(() =>
  import("../features/invitations/components/round-respondents-page.tsx").then((m) => ({ default: m.RoundRespondentsPage })),
);
const EditorPage = lazy(() => import("../features/editor/components/editor-page.tsx").then((m) => ({ default: m.EditorPage })));

export const routes: readonly Route[] = [
  { path: "/r/:token", component: RespondentPage },
  { path: "/r/:token/report", component: OwnReportPage },
  { path: "/toegankelijkheid", component: AccessibilityStatement },
  { path: "/admin/reports/:roundId", component: ReportPage },
  { path: "/admin/reports/:roundId/series", component: SeriesPage },
  { path: "/admin/series/:seriesId", component: SeriesOverviewPage },
  { path: "/admin/editor", component: EditorPage },
  { path: "/admin/editor/:scanId", component: EditorPage },
  { path: "/admin/rounds/:roundId/respondents", component: RoundRespondentsPage },
  { path: "/admin", component: AdminApp },
  { path: "/admin/:page", component: AdminApp },
  { path: "/admin/:page/:sub", component: AdminApp },
];
