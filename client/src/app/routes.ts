import { RespondentPage } from "../features/respond/components/respondent-page.tsx";
import type { Route } from "./router.tsx";

// The respondent page is imported statically: it is the public page and must open in as few
// round trips as possible. Add admin and editor pages here with React.lazy.
export const routes: readonly Route[] = [{ path: "/r/:token", component: RespondentPage }];
