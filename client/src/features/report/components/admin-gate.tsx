import { useState, type FormEvent, type ReactNode } from "react";
import { setAdminToken } from "../api.ts";

/**
 * Shows the admin page, or, when the server said 401, a way in: the login page, or an API token
 * for those who use one.
 */
export function AdminGate({ children, rejected, onToken }: { children: ReactNode; rejected: boolean; onToken: () => void }) {
  const [value, setValue] = useState("");
  if (!rejected) return <>{children}</>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdminToken(value.trim());
    onToken();
  };
  const back = encodeURIComponent(window.location.pathname);
  return (
    <main className="page report-page">
      <section className="message" aria-labelledby="gate-title">
        <h1 id="gate-title">Inloggen nodig</h1>
        <p>Rapporten zijn alleen te zien voor wie is ingelogd.</p>
        <p>
          <a className="button" href={`/admin?next=${back}`}>
            Naar inloggen
          </a>
        </p>
        <form onSubmit={submit} className="gate-form">
          <label htmlFor="admin-token">Of gebruik een API-sleutel</label>
          <input id="admin-token" type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} required />
          <button type="submit" className="button button-secondary">
            Met sleutel verder
          </button>
        </form>
      </section>
    </main>
  );
}
