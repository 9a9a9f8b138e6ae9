// "Wachten op toegang" on the accounts page: people who logged in with their organisation account
// but have no role yet (server/oidc/). An admin gives them one, or turns them away.
import { useEffect, useState, type FormEvent } from "react";
import { Button, ButtonRow } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { SelectField, TextField } from "../../../components/field.tsx";
import { Notice } from "../../../components/notice.tsx";
import { formatDateTime } from "../../../lib/format-date.ts";
import { ApiError } from "../../../lib/http.ts";
import { roleNames } from "../../../lib/labels.ts";
import type { Role } from "../api.ts";
import { approveOidcRequest, fetchOidcRequests, rejectOidcRequest, type OidcRequest } from "../oidc-api.ts";

const splitTeams = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

export function OidcRequests({ onApproved }: { onApproved: () => void }) {
  const [requests, setRequests] = useState<OidcRequest[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    fetchOidcRequests().then(setRequests, () => setRequests([]));
  }, []);
  const remove = (id: string) => setRequests((list) => list.filter((r) => r.id !== id));
  if (requests.length === 0 && !notice) return null;
  return (
    <Card title="Wachten op toegang">
      <p className="muted">
        Deze mensen logden in met hun organisatieaccount, maar hebben nog geen rol in Peilstok en dus geen toegang. Geef ze
        een rol, of wijs de aanvraag af (wie daarna opnieuw inlogt, vraagt opnieuw).
      </p>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ul className="oidc-requests">
        {requests.map((r) => (
          <RequestItem
            key={r.id}
            request={r}
            onDone={(text, approved) => {
              remove(r.id);
              setNotice(text);
              if (approved) onApproved();
            }}
          />
        ))}
      </ul>
    </Card>
  );
}

function RequestItem({ request, onDone }: { request: OidcRequest; onDone: (notice: string, approved: boolean) => void }) {
  const [role, setRole] = useState<Role>("viewer");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  async function approve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const teams = role === "teamleader" ? splitTeams(String(new FormData(event.currentTarget).get("teams") ?? "")) : [];
    if (role === "teamleader" && teams.length === 0) {
      setError("Een teamleider heeft minstens één team nodig.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const done = await approveOidcRequest(request.id, role, teams);
      onDone(
        `${request.email} is nu ${roleNames[role]}${done.linked ? " (gekoppeld aan het bestaande account met dit e-mailadres)" : ""} en kan inloggen.`,
        true,
      );
    } catch (e) {
      setBusy(false);
      setError(
        e instanceof ApiError && e.code === "email-in-use"
          ? "Dit e-mailadres hoort al bij een account dat aan een ander organisatieaccount is gekoppeld."
          : e instanceof ApiError && e.code === "last-admin"
            ? "Dan blijft er geen actieve beheerder over."
            : e instanceof ApiError && e.status === 404
              ? "Deze aanvraag bestaat niet meer."
              : "Toegang geven is niet gelukt.",
      );
    }
  }

  async function reject() {
    setBusy(true);
    try {
      await rejectOidcRequest(request.id);
      onDone(`De aanvraag van ${request.email} is afgewezen.`, false);
    } catch {
      setBusy(false);
      setError("Afwijzen is niet gelukt.");
      setConfirming(false);
    }
  }

  return (
    <li className="oidc-request">
      <p>
        <strong>{request.email}</strong>
        {request.name ? ` (${request.name})` : ""}
        <span className="muted"> · laatst geprobeerd {formatDateTime(request.lastSeenAt)}</span>
      </p>
      <form className="form" onSubmit={approve} aria-label={`Toegang voor ${request.email}`}>
        <SelectField label="Rol" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <option value="viewer">Lezer: alleen rapporten</option>
          <option value="teamleader">Teamleider: rondes, resultaten en acties van eigen teams</option>
          <option value="admin">Beheerder: alles</option>
        </SelectField>
        {role === "teamleader" ? <TextField label="Teams (gescheiden door komma's)" name="teams" autoComplete="off" required /> : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
        <ButtonRow>
          <Button type="submit" busy={busy}>
            Toegang geven
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(true)} disabled={busy}>
            Afwijzen
          </Button>
        </ButtonRow>
      </form>
      {confirming ? (
        <ConfirmDialog
          title={`Aanvraag van ${request.email} afwijzen?`}
          confirmLabel="Afwijzen"
          danger
          busy={busy}
          onConfirm={() => void reject()}
          onClose={() => setConfirming(false)}
        >
          <p>Deze persoon krijgt geen toegang. Logt hij of zij later opnieuw in, dan verschijnt de aanvraag weer.</p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
