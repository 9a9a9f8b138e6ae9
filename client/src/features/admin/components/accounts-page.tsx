// Accounts (admin): who can log in with which role and teams; creating, changing, deactivating.
import { useEffect, useState, type FormEvent } from "react";
import { Button, ButtonRow } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { SelectField, TextField } from "../../../components/field.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { DataTable } from "../../../components/table.tsx";
import { useAdminUser } from "../../../lib/admin-session.ts";
import { formatDate, formatDateTime } from "../../../lib/format-date.ts";
import { ApiError } from "../../../lib/http.ts";
import { roleNames } from "../../../lib/labels.ts";
import { OidcRequests } from "./oidc-requests.tsx";
import { createAccount, fetchAccounts, updateAccount, type Account, type AccountChange, type Role } from "../api.ts";

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

export function AccountsPage() {
  const user = useAdminUser();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = () => fetchAccounts().then(setAccounts, () => setLoadError(true));
  useEffect(() => {
    void load();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setError(null);
    setMessage(null);
    setBusy(true);
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
    } finally {
      setBusy(false);
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
    <>
      <PageHeader title="Accounts" meta="Wie kan inloggen, met welke rol en voor welke teams." />
      <OidcRequests onApproved={() => void load()} />
      <Card title="Alle accounts">
        {loadError ? <Notice kind="error">De accounts konden niet worden geladen.</Notice> : null}
        {accounts ? (
          <DataTable label="Accounts" className="accounts">
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
          </DataTable>
        ) : loadError ? null : (
          <Loading />
        )}
      </Card>
      <Card title="Nieuw account">
        <form className="form" onSubmit={submit}>
          <TextField label="E-mailadres" name="email" type="email" required autoComplete="off" />
          <TextField label="Naam" name="name" autoComplete="off" />
          <SelectField label="Rol" name="role" defaultValue="viewer">
            {roleOptions}
          </SelectField>
          <TextField label="Teams (voor teamleiders, gescheiden door komma's)" name="teams" autoComplete="off" />
          {error ? <Notice kind="error">{error}</Notice> : null}
          {message ? <Notice kind="success">{message}</Notice> : null}
          <ButtonRow>
            <Button type="submit" busy={busy}>
              Account aanmaken
            </Button>
          </ButtonRow>
        </form>
      </Card>
    </>
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
            <span className="badge badge--ok">Actief</span>
          ) : (
            <span className="badge">Gedeactiveerd{account.deactivatedAt ? ` sinds ${formatDate(account.deactivatedAt)}` : ""}</span>
          )}
        </td>
        <td>{account.lastLoginAt ? formatDateTime(account.lastLoginAt) : "nooit"}</td>
        <td className="actions-cell">
          {mode === "view" ? (
            <>
              <Button variant="link" onClick={() => setMode("edit")} aria-label={`Rol wijzigen van ${label}`}>
                Rol wijzigen
              </Button>
              {account.active ? (
                <Button variant="link" onClick={() => setMode("confirm-deactivate")} aria-label={`Deactiveren: ${label}`}>
                  Deactiveren
                </Button>
              ) : (
                <Button variant="link" disabled={busy} onClick={() => void apply({ active: true })} aria-label={`Activeren: ${label}`}>
                  Activeren
                </Button>
              )}
            </>
          ) : null}
        </td>
      </tr>
      {mode === "edit" ? (
        <tr className="account-editor">
          <td colSpan={6}>
            <form className="form" onSubmit={saveRole} aria-label={`Rol van ${label}`}>
              <SelectField label="Rol" name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
                {roleOptions}
              </SelectField>
              {role === "teamleader" ? (
                <TextField label="Teams (gescheiden door komma's)" name="teams" defaultValue={account.teams.join(", ")} required />
              ) : null}
              {self && role !== "admin" ? <Notice kind="warning">Je eigen rol: na het opslaan kun je accounts niet meer beheren.</Notice> : null}
              {error ? <Notice kind="error">{error}</Notice> : null}
              <ButtonRow>
                <Button type="submit" busy={busy}>
                  Opslaan
                </Button>
                <Button variant="secondary" onClick={cancel}>
                  Annuleren
                </Button>
              </ButtonRow>
            </form>
          </td>
        </tr>
      ) : null}
      {mode === "confirm-deactivate" ? (
            <ConfirmDialog
              title={`${label} deactiveren?`}
              confirmLabel="Ja, deactiveren"
              danger
              busy={busy}
              error={error}
              onConfirm={() => void apply({ active: false })}
              onClose={cancel}
            >
              <p>
                Wie nu ingelogd is met dit account, wordt direct uitgelogd, en inloggen lukt niet meer tot het account weer wordt
                geactiveerd.{self ? " Dit is je eigen account." : ""}
              </p>
            </ConfirmDialog>
      ) : null}
      {mode === "view" && error ? (
        <tr>
          <td colSpan={6}>
            <Notice kind="error">{error}</Notice>
          </td>
        </tr>
      ) : null}
    </>
  );
}
