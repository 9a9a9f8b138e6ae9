import type { ReactNode } from "react";

/** A full-page message: unknown link, round not open yet, server unreachable. */
export function Message({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <main className="page">
      <section className="message" aria-labelledby="message-title">
        <h1 id="message-title">{title}</h1>
        <div className="message-body">{children}</div>
        {actions ? <div className="actions">{actions}</div> : null}
      </section>
    </main>
  );
}
