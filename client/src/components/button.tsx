import type { AnchorHTMLAttributes, ButtonHTMLAttributes, ReactNode } from "react";
import { followLink } from "../lib/navigate.ts";

/**
 * primary: the one main action of a view · secondary: the others · danger: deletes or ends
 * something · link: a small action in a table row or a sentence.
 */
export type ButtonVariant = "primary" | "secondary" | "danger" | "link";

export function buttonClass(variant: ButtonVariant = "primary", small = false, extra?: string): string {
  const base = variant === "link" ? "link-button" : variant === "primary" ? "button" : `button button-${variant}`;
  return [base, small && variant !== "link" ? "button-small" : "", extra ?? ""].filter(Boolean).join(" ");
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  small?: boolean;
  /** Shows `busyLabel` (or the children) and disables the button while an action runs. */
  busy?: boolean;
  busyLabel?: ReactNode;
};

/** The app's button; `type` is "button" unless said otherwise, so it never submits a form by accident. */
export function Button({ variant = "primary", small = false, busy = false, busyLabel, className, type = "button", disabled, children, ...rest }: ButtonProps) {
  return (
    <button {...rest} type={type} className={buttonClass(variant, small, className)} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  variant?: ButtonVariant;
  small?: boolean;
};

/** A link that looks like a button; links inside the app navigate without reloading the page. */
export function ButtonLink({ variant = "secondary", small = false, className, href, onClick, ...rest }: LinkProps) {
  const internal = href.startsWith("/") && !href.startsWith("/api/") && rest.download === undefined && rest.target === undefined;
  return (
    <a
      {...rest}
      href={href}
      className={buttonClass(variant, small, className)}
      onClick={(event) => {
        onClick?.(event);
        if (internal) followLink(event);
      }}
    />
  );
}

/** A plain text link inside the app (no page reload). */
export function AppLink({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(event) => {
        onClick?.(event);
        followLink(event);
      }}
    />
  );
}

/** Buttons side by side, wrapping on a phone. */
export function ButtonRow({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={["button-row", className ?? ""].filter(Boolean).join(" ")}>{children}</div>;
}
