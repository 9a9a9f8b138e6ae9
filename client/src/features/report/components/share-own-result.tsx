// Sharing one's own result (the Traptrede's progress talk): the respondent picks what to show,
// gets a link of their own to send or open in the talk, and can take it back. Nobody sees a
// respondent's answers unless the respondent shares them this way.
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import type { ScoringModel } from "../../../../../dsl/model.ts";
import { Button } from "../../../components/button.tsx";
import { formatDate } from "../../../lib/format-date.ts";
import { ApiError } from "../../../lib/http.ts";
import { createShare, fetchShares, revokeShare, type ShareSummary } from "../api.ts";

const validity = [
  { days: 7, label: "1 week" },
  { days: 14, label: "2 weken" },
  { days: 30, label: "1 maand" },
  { days: 90, label: "3 maanden" },
];

export function ShareOwnResult({
  token,
  responseId,
  model,
  answered,
}: {
  token: string;
  responseId: string | null;
  model: ScoringModel;
  /** The items the respondent answered, with their answer in words. */
  answered: { item: string; title: string; answer: string }[];
}) {
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(answered.map((a) => a.item)));
  const [name, setName] = useState("");
  const [message, setMessage] = useState("");
  const [days, setDays] = useState(30);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<{ id: string; url: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [shares, setShares] = useState<ShareSummary[] | null>(null);
  const ids = useId();

  const reload = useCallback(() => {
    fetchShares(token, responseId).then(setShares, () => setShares([]));
  }, [token, responseId]);
  useEffect(reload, [reload]);

  async function make(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setCopied(false);
    if (chosen.size === 0) return setError("Kies ten minste één antwoord om te delen.");
    setBusy(true);
    try {
      const created = await createShare(token, responseId, {
        items: answered.filter((a) => chosen.has(a.item)).map((a) => a.item),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(message.trim() ? { message: message.trim() } : {}),
        days,
      });
      setMade({ id: created.id, url: `${window.location.origin}${created.path}`, expiresAt: created.expiresAt });
      reload();
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === "too-many-shares"
          ? "Je hebt al 10 gedeelde links. Trek er eerst een in."
          : "De link kon niet worden gemaakt. Probeer het opnieuw.",
      );
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: string) {
    setError(null);
    try {
      await revokeShare(token, responseId, id);
      if (made?.id === id) setMade(null);
      reload();
    } catch {
      setError("Intrekken is niet gelukt. Probeer het opnieuw.");
    }
  }

  const mailto = made
    ? `mailto:?subject=${encodeURIComponent(`Mijn uitkomsten: ${model.title.nl}`)}&body=${encodeURIComponent(
        `Hierbij mijn uitkomsten van de ${model.title.nl}, voor ons gesprek:\n\n${made.url}\n\nDe link werkt tot ${formatDate(made.expiresAt)}.`,
      )}`
    : null;

  return (
    <section className="report-section share-own no-print" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Je uitkomsten delen</h2>
      <p>
        Niemand ziet jouw antwoorden, ook je leidinggevende niet, tenzij jij ze deelt. Wil je ze bespreken, bijvoorbeeld in je
        voortgangsgesprek? Kies hieronder wat je wilt laten zien. Je krijgt een link die je zelf doorstuurt of in het gesprek opent.
        Je kunt de link altijd intrekken, en hij werkt vanzelf niet meer na de tijd die je kiest.
      </p>
      <form onSubmit={make} className="share-form">
        <fieldset>
          <legend>Wat wil je delen?</legend>
          {answered.map((a) => (
            <label key={a.item} className="share-choice">
              <input
                type="checkbox"
                checked={chosen.has(a.item)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(a.item);
                  else next.delete(a.item);
                  setChosen(next);
                }}
              />{" "}
              <span>
                <strong>{a.title}</strong>
                <br />
                <span className="muted">{a.answer}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="share-field">
          Je naam (niet verplicht: zo weet de ontvanger van wie het komt)
          <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        </label>
        <label className="share-field">
          Een bericht erbij (niet verplicht)
          <textarea value={message} maxLength={2000} rows={3} onChange={(e) => setMessage(e.target.value)} />
        </label>
        <label className="share-field">
          De link werkt
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {validity.map((v) => (
              <option key={v.days} value={v.days}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        {error ? (
          <p className="notice" role="alert">
            {error}
          </p>
        ) : null}
        <Button type="submit" busy={busy} busyLabel="Bezig…">
          Link maken
        </Button>
      </form>

      {made ? (
        <div className="share-made" role="status">
          <p>
            Je link is klaar (werkt tot {formatDate(made.expiresAt)}). Alleen wie de link heeft, ziet wat je gekozen hebt.
          </p>
          <label className="share-field">
            Link
            <input readOnly value={made.url} onFocus={(e) => e.target.select()} />
          </label>
          <div className="actions">
            <Button
              variant="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(made.url).then(() => setCopied(true), () => setCopied(false));
              }}
            >
              {copied ? "Gekopieerd" : "Kopiëren"}
            </Button>
            <a className="button button-secondary" href={mailto!}>
              Mailen
            </a>
            <a className="button button-secondary" href={made.url} target="_blank" rel="noreferrer">
              Bekijken
            </a>
          </div>
        </div>
      ) : null}

      {shares && shares.length > 0 ? (
        <>
          <h3>Je gedeelde links</h3>
          <ul className="share-list">
            {shares.map((s) => (
              <li key={s.id}>
                <span>
                  {s.items.join(", ")} · gemaakt {formatDate(s.createdAt)} · werkt tot {formatDate(s.expiresAt)}
                  {s.sharedBy ? ` · als ${s.sharedBy}` : ""}
                </span>{" "}
                <Button variant="link" onClick={() => void revoke(s.id)}>
                  Intrekken
                </Button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
