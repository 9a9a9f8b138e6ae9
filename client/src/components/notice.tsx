import type { ReactNode } from "react";

export type NoticeKind = "info" | "success" | "warning" | "error";

/**
 * A message in the flow of the page. Errors are announced at once (role alert), successes
 * politely (role status); info and warnings that are there from the start are not announced.
 */
export function Notice({
  kind = "info",
  title,
  children,
  live,
  className,
}: {
  kind?: NoticeKind;
  title?: ReactNode;
  children?: ReactNode;
  /** Override the announcement: "status" or "alert" for something that appears after an action. */
  live?: "status" | "alert" | "off";
  className?: string;
}) {
  const role = live === "off" ? undefined : (live ?? (kind === "error" ? "alert" : kind === "success" ? "status" : undefined));
  return (
    <div className={["notice", `notice--${kind}`, className ?? ""].filter(Boolean).join(" ")} role={role}>
      {title ? <p className="notice-title">{title}</p> : null}
      {children}
    </div>
  );
}

/** A loading line, announced to screen readers. */
export function Loading({ children = "Laden…" }: { children?: ReactNode }) {
  return (
    <p className="page-loading" role="status">
      {children}
    </p>
  );
}
