import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A table that scrolls sideways inside its own box when it is wider than the screen, so the page
 * itself never does. Once it overflows, the box can be focused and scrolled with the keyboard
 * (WCAG 2.1.1; axe's scrollable-region-focusable) and is named by `label`.
 */
export function TableScroll({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={box}
      className={["table-scroll", className ?? ""].filter(Boolean).join(" ")}
      role={overflows ? "region" : undefined}
      aria-label={overflows ? label : undefined}
      tabIndex={overflows ? 0 : undefined}
    >
      {children}
    </div>
  );
}

/**
 * The admin table: `label` names it for screen readers (and its scroll box); children are the
 * thead and tbody. `caption` shows above it.
 */
export function DataTable({
  label,
  caption,
  children,
  className,
}: {
  label: string;
  caption?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <TableScroll label={label}>
      <table className={["table", className ?? ""].filter(Boolean).join(" ")} aria-label={caption ? undefined : label}>
        {caption ? <caption>{caption}</caption> : null}
        {children}
      </table>
    </TableScroll>
  );
}
