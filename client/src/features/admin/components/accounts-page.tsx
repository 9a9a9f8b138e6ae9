import { useEffect, useState, type FormEvent } from "react";
import { formatDate, formatDateTime } from "../../../lib/format-date.ts";
import { ApiError } from "../../../lib/http.ts";
import { createAccount, fetchAccounts, updateAccount, type Account, type AccountChange, type Role, type User } from "../api.ts";

const roleNames: Record<Role, string> = { admin: "beheerder", teamleader: "teamleider", viewer: "lezer" };

const roleOptions = (
  <>
    <option value="admin">Beheerder: alles</option>
    <option value="teamleader">Teamleider: rondes, resultaten en acties van eigen teams</option>
    <option value="viewer">Lezer: alleen rapporten</option>
  </>
);

const splitTeams = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

function changeFailed(e: unknown): string {
  if (e instanceof ApiError && e.code === "last-admin") {
    return "Er moet minstens één actieve beheerder overblijven. Maak eerst een ander account beheerder.";
  }
  if (e instanceof ApiError && e.issues.some((i) => i.field === "teams")) return "Een teamleider heeft minstens één team nodig.";
  if (e instanceof ApiError && e.status === 404) return "Dit account bestaat niet meer.";
  return "De wijziging kon niet worden opgeslagen.";
}

export function AccountsPage({ user }: { user: User }) {
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
        teams: splitTeams(String(form.get("teams") ?? "")),
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

  function changed(account: Account) {
    // Who deactivated or demoted themselves has lost this page: start again from the login.
    if (account.email === user.email && (!account.active || account.role !== "admin")) {
      window.location.assign("/admin");
      return;
    }
    setAccounts((list) => list?.map((a) => (a.id === account.id ? account : a)) ?? null);
  }

  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">Accounts</h1>
      {accounts ? (
        <table className="admin-table accounts">
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Rol</th>
              <th scope="col">Teams</th>
              <th scope="col">Status</th>
              <th scope="col">Laatst ingelogd</th>
              <th scope="col">Acties</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <AccountRow key={a.id} account={a} self={a.email === user.email} onChanged={changed} />
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
            {roleOptions}
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

type Mode = "view" | "edit" | "confirm-deactivate";

/** One account: its status, and changing its role and teams or (de)activating it in place. */
function AccountRow({ account, self, onChanged }: { account: Account; self: boolean; onChanged: (account: Account) => void }) {
  const [mode, setMode] = useState<Mode>("view");
  const [role, setRole] = useState<Role>(account.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = account.name ? `${account.name} (${account.email})` : account.email;

  async function apply(change: AccountChange) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await updateAccount(account.id, change));
      setMode("view");
    } catch (e) {
      setError(changeFailed(e));
    } finally {
      setBusy(false);
    }
  }

  function saveRole(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void apply(role === "teamleader" ? { role, teams: splitTeams(String(form.get("teams") ?? "")) } : { role });
  }

  function cancel() {
    setMode("view");
    setRole(account.role);
    setError(null);
  }

  return (
    <>
      <tr className={account.active ? undefined : "account-inactive"} data-email={account.email}>
        <td>
          {account.email}
          {self ? " (jij)" : ""}
        </td>
        <td>{roleNames[account.role]}</td>
        <td>{account.teams.join(", ")}</td>
        <td>
          {account.active ? (
            "Actief"
          ) : (
            <span className="account-status-inactive">
              Gedeactiveerd{account.deactivatedAt ? ` sinds ${formatDate(account.deactivatedAt)}` : ""}
            </span>
          )}
        </td>
        <td>{account.lastLoginAt ? formatDateTime(account.lastLoginAt) : "nooit"}</td>
        <td className="account-actions">
          {mode === "view" ? (
            <>
              <button type="button" className="link-button" onClick={() => setMode("edit")} aria-label={`Rol wijzigen van ${label}`}>
                Rol wijzigen
              </button>
              {account.active ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setMode("confirm-deactivate")}
                  aria-label={`Deactiveren: ${label}`}
                >
                  Deactiveren
                </button>
              ) : (
                <button
                  type="button"
                  className="link-button"
                  disabled={busy}
                  onClick={() => void apply({ active: true })}
                  aria-label={`Activeren: ${label}`}
                >
                  Activeren
                </button>
              )}
            </>
          ) : null}
        </td>
      </tr>
      {mode === "edit" ? (
        <tr className="account-editor">
          <td colSpan={6}>
            <form className="admin-form" onSubmit={saveRole} aria-label={`Rol van ${label}`}>
              <label>
                Rol
                <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
                  {roleOptions}
                </select>
              </label>
              {role === "teamleader" ? (
                <label>
                  Teams (gescheiden door komma's)
                  <input name="teams" defaultValue={account.teams.join(", ")} required />
                </label>
              ) : null}
              {self && role !== "admin" ? (
                <p className="admin-hint">Je eigen rol: na het opslaan kun je accounts niet meer beheren.</p>
              ) : null}
              {error ? <p className="admin-error" role="alert">{error}</p> : null}
              <div className="admin-row">
                <button type="submit" disabled={busy}>
                  Opslaan
                </button>
                <button type="button" onClick={cancel}>
                  Annuleren
                </button>
              </div>
            </form>
          </td>
        </tr>
      ) : null}
      {mode === "confirm-deactivate" ? (
        <tr className="account-editor">
          <td colSpan={6}>
            <div role="group" aria-label={`Deactiveren van ${label} bevestigen`}>
              <p>
                <strong>{label} deactiveren?</strong> Wie nu ingelogd is met dit account, wordt direct uitgelogd, en
                inloggen lukt niet meer tot het account weer wordt geactiveerd.
                {self ? " Dit is je eigen account." : ""}
              </p>
              {error ? <p className="admin-error" role="alert">{error}</p> : null}
              <div className="admin-row">
                <button type="button" disabled={busy} onClick={() => void apply({ active: false })}>
                  Ja, deactiveren
                </button>
                <button type="button" onClick={cancel}>
                  Annuleren
                </button>
              </div>
            </div>
          </td>
        </tr>
      ) : null}
      {mode === "view" && error ? (
        <tr>
          <td colSpan={6}>
            <p className="admin-error" role="alert">{error}</p>
          </td>
        </tr>
      ) : null}
    </>
  );
}
