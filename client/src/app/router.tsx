// A tiny path router: the app has few pages and one layout (the admin shell, see app.tsx). A route's component may be
// `lazy(() => import(...))` so that pages other than the respondent's (admin, editor) load
// only when visited; <Suspense> in <App> covers them.
import { useEffect, useState, type ComponentType } from "react";
import type { AdminRole } from "../lib/admin-session.ts";

export interface Route {
  /** Path pattern with `:name` segments, e.g. "/r/:token". */
  path: string;
  component: ComponentType<{ params: Record<string, string> }>;
  /**
   * An admin page: shown inside the admin shell (menu, login), to the given roles (default all),
   * full width when `wide`.
   */
  admin?: { roles?: readonly AdminRole[]; wide?: boolean };
}

export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const have = pathname.replace(/\/+$/, "").split("/").filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = have[i] ?? "";
    if (segment.startsWith(":")) {
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

export function usePathname(): string {
  const [pathname, setPathname] = useState(() => window.location.pathname);
  useEffect(() => {
    const update = () => setPathname(window.location.pathname);
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  return pathname;
}

export function findRoute(routes: readonly Route[], pathname: string) {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}
