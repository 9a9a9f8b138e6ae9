import { useState, type FormEvent, type ReactNode } from "react";
import { adminToken, setAdminToken } from "../api.ts";

/** Asks for the admin token once per browser tab, then shows the admin page. */
export function AdminGate({ children, rejected, onToken }: { children: ReactNode; rejected: boolean; onToken: () => void }) {
  const [value, setValue] = useState("");
  if (adminToken() && !rejected) return <>{children}</>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdminToken(value.trim());
    onToken();
  };
  return (
    <main className="page report-page">
      <section className="message" aria-labelledby="gate-title">
        <h1 id="gate-title">Beheer: aanmelden</h1>
        {rejected ? <p className="notice">Deze beheersleutel klopt niet. Probeer het opnieuw.</p> : null}
        <form onSubmit={submit} className="gate-form">
          <label htmlFor="admin-token">Beheersleutel</label>
          <input id="admin-token" type="password" autoComplete="current-password" value={value} onChange={(e) => setValue(e.target.value)} required />
          <button type="submit" className="button">
            Aanmelden
          </button>
        </form>
      </section>
    </main>
  );
}
