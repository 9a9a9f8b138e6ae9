import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { CheckboxField } from "../../../components/field.tsx";
import { Notice } from "../../../components/notice.tsx";
import { DataTable } from "../../../components/table.tsx";
import type { AdminUser } from "../../../lib/admin-session.ts";
import { formatDateTime } from "../../../lib/format-date.ts";
import type { Recipient, RecipientState } from "../api.ts";
import { RemoveRespondentDialog, removalNotice } from "./remove-respondent-dialog.tsx";

const stateNames: Record<RecipientState, string> = {
  "not-invited": "niet uitgenodigd",
  queued: "wordt verstuurd",
  invited: "uitgenodigd",
  opened: "geopend",
  started: "begonnen",
  submitted: "ingevuld",
  bounced: "onbestelbaar",
  failed: "mislukt",
};

const stateBadge: Partial<Record<RecipientState, string>> = {
  submitted: "badge--ok",
  bounced: "badge--error",
  failed: "badge--error",
  queued: "badge--warning",
};

/**
 * Who is where. Only the state per person: never a response, so nothing here links a person to
 * answers, also in an anonymous round. An admin can remove a respondent (after a confirmation).
 */
export function RecipientList({
  recipients,
  user,
  roundId,
  anonymous,
  closed,
  onRemoved,
}: {
  recipients: Recipient[];
  user: AdminUser;
  roundId: string;
  anonymous: boolean;
  /** In a closed round every link is deleted; only an open round marks whom mail cannot reach. */
  closed: boolean;
  onRemoved: () => void;
}) {
  const [onlyOpen, setOnlyOpen] = useState(user.role === "teamleader");
  const [removing, setRemoving] = useState<Recipient | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canRemove = user.role === "admin";
  const missing = recipients.filter((r) => r.state !== "submitted");
  const shown = onlyOpen ? missing : recipients;
  return (
    <Card title="Respondenten">
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {recipients.length === 0 ? (
        <p>Er zijn nog geen respondenten in deze ronde.</p>
      ) : (
        <>
          <p>{missing.length === 0 ? "Iedereen heeft ingevuld." : `${missing.length} van ${recipients.length} hebben nog niet ingevuld.`}</p>
          <CheckboxField label="Alleen wie nog niet heeft ingevuld" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
          <DataTable label="Respondenten van deze ronde" className="recipients">
            <thead>
              <tr>
                <th scope="col">Naam</th>
                <th scope="col">E-mail</th>
                <th scope="col">Team</th>
                <th scope="col">Status</th>
                <th scope="col">Herinneringen</th>
                <th scope="col">Laatste mail</th>
                {canRemove ? <th scope="col">Actie</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} data-state={r.state}>
                  <td>{r.name}</td>
                  <td>{r.email}</td>
                  <td>{r.team ?? ""}</td>
                  <td>
                    <span className={`badge ${stateBadge[r.state] ?? ""}`}>{stateNames[r.state]}</span>
                    {r.error ? <span className="muted"> · {r.error}</span> : null}
                    {!closed && !r.linkKept && r.state !== "submitted" ? <span className="muted"> · link gewist</span> : null}
                  </td>
                  <td>{r.reminders}</td>
                  <td className="nowrap">{r.lastMailAt ? formatDateTime(r.lastMailAt) : ""}</td>
                  {canRemove ? (
                    <td>
                      <Button
                        variant="link"
                        aria-label={`${r.name} verwijderen`}
                        onClick={() => {
                          setNotice(null);
                          setRemoving(r);
                        }}
                      >
                        Verwijderen
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
      {removing ? (
        <RemoveRespondentDialog
          key={removing.id}
          roundId={roundId}
          recipient={removing}
          anonymous={anonymous}
          onRemoved={(removal) => {
            setNotice(removalNotice(removing.name, removal));
            setRemoving(null);
            onRemoved();
          }}
          onClose={() => setRemoving(null)}
        />
      ) : null}
    </Card>
  );
}
