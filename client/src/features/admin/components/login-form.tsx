import { useState, type FormEvent } from "react";
import { ApiError } from "../../../lib/http.ts";
import { login, type User } from "../api.ts";

export function LoginForm({ onLogin }: { onLogin: (user: User) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      onLogin(await login(String(form.get("email")), String(form.get("password"))));
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? "E-mailadres of wachtwoord klopt niet."
          : e instanceof ApiError && e.status === 429
            ? "Te veel pogingen. Wacht even en probeer het opnieuw."
            : "Inloggen lukt nu niet. Probeer het later opnieuw.",
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="admin-login">
      <h1>Inloggen bij Peilstok</h1>
      <form onSubmit={submit}>
        <label>
          E-mailadres
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Wachtwoord
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error ? <p className="admin-error" role="alert">{error}</p> : null}
        <button type="submit" disabled={busy}>
          Inloggen
        </button>
      </form>
    </main>
  );
}
