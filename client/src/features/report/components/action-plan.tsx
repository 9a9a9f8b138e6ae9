// Action plans on the round report: elements or themes below target get actions (what, who, by
// when, status), and the next round's report shows each of them beside the element's new score.
// Viewers read; admins and teamleaders write (the server keeps teamleaders to their own teams).
import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { GapResult } from "../../../../../dsl/aggregators/gap.ts";
import type { ThresholdResult } from "../../../../../dsl/aggregators/threshold.ts";
import type { ScoringModel } from "../../../../../dsl/model.ts";
import type { AggregatorOutcome } from "../../../../../server/reports/round-report.ts";
import { Button, ButtonRow } from "../../../components/button.tsx";
import { SelectField, TextAreaField, TextField } from "../../../components/field.tsx";
import { Notice } from "../../../components/notice.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { canWrite, useAdminUser } from "../../../lib/admin-session.ts";
import {
  createAction,
  fetchActions,
  fetchFollowUp,
  updateAction,
  type Action,
  type ActionInput,
  type ActionStatus,
  type FollowUp,
} from "../api.ts";
import { nl } from "../../../lib/format-number.ts";
import { date } from "../format.ts";

const statusNames: Record<ActionStatus, string> = { planned: "gepland", doing: "bezig", done: "afgerond", dropped: "vervallen" };
const statuses = Object.keys(statusNames) as ActionStatus[];

export interface Target {
  kind: "item" | "theme";
  id: string;
  title: string;
  /** Why it may get an action, e.g. "score 2 (onder 3)". */
  why: string;
}

function result<T>(results: AggregatorOutcome[] | null, name: string): T | undefined {
  const r = results?.find((o) => o.name === name);
  return r && "result" in r ? (r.result as T) : undefined;
}

/** Elements below the threshold (quickscan), themes whose current state is below the desired one. */
export function targetsBelow(results: AggregatorOutcome[] | null): Target[] {
  const threshold = result<ThresholdResult>(results, "threshold");
  const gap = result<GapResult>(results, "gap");
  const items: Target[] = (threshold?.items ?? [])
    .filter((i) => i.below)
    .map((i) => ({ kind: "item", id: i.item, title: i.title, why: `score ${nl(i.score)}, onder ${threshold!.atLeast}` }));
  const themes: Target[] = (gap?.themes ?? [])
    .filter((t) => t.gap !== null && t.gap > 0)
    .map((t) => ({ kind: "theme", id: t.theme, title: t.title, why: `kloof ${nl(t.gap, 2)}` }));
  return [...items, ...themes];
}

/** Last round's actions beside this round's scores: "actie afgerond; Missie ging van 2 naar 3". */
export function FollowUpSection({ roundId }: { roundId: string }) {
  const [followUp, setFollowUp] = useState<FollowUp | null>(null);
  useEffect(() => {
    fetchFollowUp(roundId).then(setFollowUp, () => setFollowUp(null));
  }, [roundId]);
  if (!followUp?.previousRound || followUp.actions.length === 0) return null;
  return (
    <section className="report-section follow-up" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">Acties uit “{followUp.previousRound.title}”</h2>
      <TableScroll label={`Acties uit ${followUp.previousRound.title}`}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Element of thema</th>
            <th scope="col">Actie</th>
            <th scope="col">Vorige ronde</th>
            <th scope="col">Deze ronde</th>
            <th scope="col">Uitkomst</th>
          </tr>
        </thead>
        <tbody>
          {followUp.actions.map((a) => {
            const changed = a.comparable && a.previousScore !== null && a.currentScore !== null && a.previousScore !== a.currentScore;
            return (
              <tr key={a.id} data-action-id={a.id} className={changed ? "score-changed" : undefined}>
                <th scope="row">{a.title}</th>
                <td>
                  {a.what} <span className="muted">({a.who})</span>
                </td>
                <td>{nl(a.previousScore, 2)}</td>
                <td>{nl(a.currentScore, 2)}</td>
                <td className="follow-up-summary">{a.summary}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </TableScroll>
    </section>
  );
}

/** This round's action plan: the list, adding, editing and completing actions. */
export function ActionPlanSection({ roundId, targets, model }: { roundId: string; targets: Target[]; model: ScoringModel }) {
  const user = useAdminUser();
  const [actions, setActions] = useState<Action[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState<Target | null>(null);
  const reload = useCallback(() => {
    fetchActions(roundId).then(
      (a) => {
        setActions(a);
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, [roundId]);
  useEffect(reload, [reload]);

  const writable = canWrite(user);
  const titleOf = (a: Action) =>
    (a.target.kind === "item" ? model.items.find((i) => i.id === a.target.id) : model.themes.find((t) => t.id === a.target.id))?.title.nl ??
    a.target.id;
  const save = async (work: Promise<unknown>) => {
    try {
      await work;
      setFailed(false);
      setEditing(null);
      setAdding(null);
    } catch {
      setFailed(true);
    }
    reload();
  };

  if (actions === null) return failed ? <Notice kind="error" className="no-print">De acties konden niet worden geladen.</Notice> : null;
  if (actions.length === 0 && (targets.length === 0 || !writable)) return null;
  return (
    <section className="report-section action-plan" aria-labelledby="actions-title">
      <h2 id="actions-title">Actieplan</h2>
      {failed ? (
        <Notice kind="error" className="no-print">
          Opslaan is niet gelukt. Probeer het opnieuw.
        </Notice>
      ) : null}
      {actions.length > 0 ? (
        <TableScroll label="Actieplan">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Element of thema</th>
              <th scope="col">Wat</th>
              <th scope="col">Wie</th>
              <th scope="col">Wanneer</th>
              <th scope="col">Status</th>
              {writable ? <th scope="col" className="no-print">Wijzigen</th> : null}
            </tr>
          </thead>
          <tbody>
            {actions.map((a) =>
              editing === a.id ? (
                <tr key={a.id}>
                  <td colSpan={writable ? 6 : 5}>
                    <ActionForm
                      title={titleOf(a)}
                      initial={a}
                      onCancel={() => setEditing(null)}
                      onSave={(input) => save(updateAction(roundId, a.id, input))}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={a.id} data-action-id={a.id} className={`action-${a.status}`}>
                  <th scope="row">{titleOf(a)}</th>
                  <td>{a.what}</td>
                  <td>{a.who}</td>
                  <td>{a.dueOn ? date(a.dueOn) : "–"}</td>
                  <td>{statusNames[a.status]}</td>
                  {writable ? (
                    <td className="no-print action-buttons">
                      <Button variant="link" onClick={() => setEditing(a.id)}>
                        Bewerken
                      </Button>
                      {a.status !== "done" ? (
                        <Button variant="link" onClick={() => save(updateAction(roundId, a.id, { status: "done" }))}>
                          Afronden
                        </Button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ),
            )}
          </tbody>
        </table>
        </TableScroll>
      ) : (
        <p className="muted">Nog geen acties.</p>
      )}
      {writable && targets.length > 0 ? (
        adding ? (
          <ActionForm
            title={adding.title}
            onCancel={() => setAdding(null)}
            onSave={(input) => save(createAction(roundId, { target: { kind: adding.kind, id: adding.id }, ...input }))}
          />
        ) : (
          <div className="no-print">
            <h3>Onder de norm: actie toevoegen</h3>
            <ul className="action-targets">
              {targets.map((t) => (
                <li key={`${t.kind}:${t.id}`}>
                  <Button variant="secondary" small onClick={() => setAdding(t)} aria-label={`Actie voor ${t.title}`}>
                    {t.title}
                  </Button>{" "}
                  <span className="muted">{t.why}</span>
                </li>
              ))}
            </ul>
          </div>
        )
      ) : null}
    </section>
  );
}

function ActionForm({
  title,
  initial,
  onSave,
  onCancel,
}: {
  title: string;
  initial?: Action;
  onSave: (input: ActionInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [what, setWhat] = useState(initial?.what ?? "");
  const [who, setWho] = useState(initial?.who ?? "");
  const [dueOn, setDueOn] = useState(initial?.dueOn ?? "");
  const [status, setStatus] = useState<ActionStatus>(initial?.status ?? "planned");
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    await onSave({ what, who, dueOn: dueOn || null, status });
    setBusy(false);
  };
  return (
    <form className="form action-form no-print" onSubmit={submit} aria-label={`Actie voor ${title}`}>
      <p className="action-form-title">
        <strong>{title}</strong>
      </p>
      <TextAreaField label="Wat" value={what} onChange={(e) => setWhat(e.target.value)} required maxLength={2000} rows={2} />
      <TextField label="Wie" value={who} onChange={(e) => setWho(e.target.value)} required maxLength={200} />
      <TextField label="Wanneer" type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
      <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as ActionStatus)}>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {statusNames[s]}
          </option>
        ))}
      </SelectField>
      <ButtonRow>
        <Button type="submit" busy={busy}>
          Actie opslaan
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuleren
        </Button>
      </ButtonRow>
    </form>
  );
}
