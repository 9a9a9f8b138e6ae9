import { useEffect, useState, type FormEvent } from "react";
import { ApiError } from "../../../lib/http.ts";
import { createAccount, fetchAccounts, type Account, type Role } from "../api.ts";

const roleNames: Record<Role, string> = { admin: "beheerder", teamleader: "teamleider", viewer: "lezer" };

export function AccountsPage() {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => fetchAccounts().then(setAccounts, () => setError("De accounts konden niet worden geladen."));
  useEffect(() => {
    void load();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setError(null);
    try {
      const created = await createAccount({
        email: String(form.get("email")),
        name: String(form.get("name") ?? ""),
        role: String(form.get("role")) as Role,
        teams: String(form.get("teams") ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      });
      setMessage(`Account ${created.email} aangemaakt. Wachtwoord (alleen nu zichtbaar): ${created.password}`);
      formElement.reset();
      void load();
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 409
          ? "Er is al een account met dit e-mailadres."
          : e instanceof ApiError && e.issues.some((i) => i.field === "teams")
            ? "Een teamleider heeft minstens één team nodig."
            : "Het account kon niet worden aangemaakt.",
      );
    }
  }

  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">Accounts</h1>
      {accounts ? (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Rol</th>
              <th scope="col">Teams</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>{a.email}</td>
                <td>{roleNames[a.role]}</td>
                <td>{a.teams.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2>Nieuw account</h2>
      <form className="admin-form" onSubmit={submit}>
        <label>
          E-mailadres
          <input name="email" type="email" required />
        </label>
        <label>
          Naam
          <input name="name" />
        </label>
        <label>
          Rol
          <select name="role" defaultValue="viewer">
            <option value="admin">Beheerder: alles</option>
            <option value="teamleader">Teamleider: rondes, resultaten en acties van eigen teams</option>
            <option value="viewer">Lezer: alleen rapporten</option>
          </select>
        </label>
        <label>
          Teams (voor teamleiders, gescheiden door komma's)
          <input name="teams" />
        </label>
        {error ? <p className="admin-error" role="alert">{error}</p> : null}
        {message ? <p className="admin-notice" role="status">{message}</p> : null}
        <button type="submit">Account aanmaken</button>
      </form>
    </section>
  );
}
