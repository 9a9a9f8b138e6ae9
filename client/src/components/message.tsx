import type { ReactNode } from "react";
import { Loading } from "./notice.tsx";

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

/** A whole page while it loads (`Loading`, announced to screen readers). */
export function PageLoading({ children }: { children?: ReactNode }) {
  return (
    <main className="page">
      <Loading>{children}</Loading>
    </main>
  );
}

/** A whole page that could not be loaded (by default for a reason it does not name), with a retry. */
export function LoadFailed({ title = "Er ging iets mis", children, retry }: { title?: string; children: ReactNode; retry: () => void }) {
  return (
    <Message
      title={title}
      actions={
        <button type="button" className="button" onClick={retry}>
          Opnieuw proberen
        </button>
      }
    >
      {children}
    </Message>
  );
}
