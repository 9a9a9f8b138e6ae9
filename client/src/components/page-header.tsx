import { useEffect, type ReactNode } from "react";
import { AppLink } from "./button.tsx";

export interface Crumb {
  label: ReactNode;
  /** Left out for the page itself (the last crumb). */
  href?: string;
}

/**
 * The top of every admin page: where it sits (breadcrumbs, when it nests), its title, a line of
 * facts, and its actions. The last crumb is the page itself. The browser tab (and a screen
 * reader's page title) names the page too: `title` when it is text, else `documentTitle`.
 */
export function PageHeader({
  title,
  crumbs,
  meta,
  actions,
  documentTitle,
  children,
}: {
  title: ReactNode;
  documentTitle?: string;
  crumbs?: Crumb[];
  meta?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const tabTitle = typeof title === "string" ? title : documentTitle;
  useEffect(() => {
    if (!tabTitle) return;
    document.title = `${tabTitle} — Peilstok`;
    return () => {
      document.title = "Peilstok";
    };
  }, [tabTitle]);
  return (
    <header className="page-head">
      {crumbs && crumbs.length > 0 ? (
        <nav aria-label="Kruimelpad" className="crumbs">
          <ol>
            {crumbs.map((c, i) => (
              <li key={i}>
                {c.href && i < crumbs.length - 1 ? (
                  <AppLink href={c.href}>{c.label}</AppLink>
                ) : (
                  <span aria-current={i === crumbs.length - 1 ? "page" : undefined}>{c.label}</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <h1>{title}</h1>
      {meta ? <p className="page-meta">{meta}</p> : null}
      {actions ? <div className="page-actions no-print">{actions}</div> : null}
      {children}
    </header>
  );
}
