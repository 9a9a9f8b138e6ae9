import { useId, type ReactNode } from "react";

/** A white block with a heading: one topic of a page (a table, a form, a chart). */
export function Card({
  title,
  level = 2,
  actions,
  children,
  className,
  id,
}: {
  title?: ReactNode;
  level?: 2 | 3;
  /** Buttons beside the heading. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  const headingId = useId();
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className={["card", className ?? ""].filter(Boolean).join(" ")} aria-labelledby={title ? headingId : undefined} id={id}>
      {title || actions ? (
        <div className="card-head">
          {title ? <Heading id={headingId}>{title}</Heading> : null}
          {actions ? <div className="card-actions">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
