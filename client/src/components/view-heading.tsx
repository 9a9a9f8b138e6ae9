import { useEffect, useRef, type ReactNode } from "react";

/**
 * The heading of a view that replaces another in place (thank-you, answers): it takes focus when
 * shown, so screen readers announce the new view and keyboard users start from its top.
 */
export function ViewHeading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className="view-heading">
      {children}
    </h2>
  );
}
