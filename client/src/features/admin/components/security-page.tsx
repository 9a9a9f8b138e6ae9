// "Beveiliging": the logged-in person's own password and two-factor login (TOTP with an
// authenticator app, recovery codes for a lost phone). Every role has it.
import { useEffect, useState, type FormEvent } from "react";
import { Button, ButtonRow } from "../../../components/button.tsx";
import { Card } from "../../../components/card.tsx";
import { TextField } from "../../../components/field.tsx";
import { Loading, Notice } from "../../../components/notice.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { ApiError } from "../../../lib/http.ts";
import { formatDateTime } from "../../../lib/format-date.ts";
import {
  changePassword,
  disableTwoFactor,
  enableTwoFactor,
  fetchTwoFactor,
  renewRecoveryCodes,
  startTwoFactor,
  type Enrolment,
  type TwoFactorStatus,
} from "../security-api.ts";
import "../admin.css";

const wrong = (e: unknown, fallback: string) =>
  e instanceof ApiError && e.code === "code-wrong"
    ? "Deze code klopt niet of is al gebruikt. Gebruik de code die je app nu toont."
    : e instanceof ApiError && e.code === "password-wrong"
      ? "Het wachtwoord klopt niet."
      : e instanceof ApiError && e.status === 429
        ? "Te veel mislukte pogingen. Wacht even en probeer het opnieuw."
        : fallback;

const field = (event: FormEvent<HTMLFormElement>, name: string) => String(new FormData(event.currentTarget).get(name) ?? "");

export function SecurityPage() {
  return (
    <>
      <PageHeader title="Beveiliging" meta="Je eigen wachtwoord en tweestapsverificatie." />
      <TwoFactor />
      <PasswordChange />
    </>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="recovery-codes">
      <Notice kind="warning" live="status" title="Bewaar deze herstelcodes nu op een veilige plek">
        <p>
          Bijvoorbeeld in je wachtwoordbeheerder. Ben je je telefoon kwijt, dan log je met één van deze codes in. Elke code werkt
          één keer. Peilstok toont ze niet opnieuw.
        </p>
      </Notice>
      <ul>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <ButtonRow>
        <Button onClick={onDone}>Ik heb ze bewaard</Button>
      </ButtonRow>
    </div>
  );
}

function TwoFactor() {
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = () => fetchTwoFactor().then(setStatus, () => setError("De instellingen konden niet worden geladen."));
  useEffect(() => {
    void reload();
  }, []);

  async function run(action: () => Promise<void>, fallback: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(wrong(e, fallback));
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (codes) {
    body = (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          void reload();
        }}
      />
    );
  } else if (status === null) {
    body = error ? null : <Loading />;
  } else if (status.enabled) {
    body = (
      <>
        <p>
          Staat <strong>aan</strong> sinds {formatDateTime(status.enabledAt!)}. Je hebt nog {status.recoveryCodesLeft}{" "}
          {status.recoveryCodesLeft === 1 ? "herstelcode" : "herstelcodes"}.
        </p>
        <form
          className="form"
          aria-label="Nieuwe herstelcodes"
          onSubmit={(e) => {
            e.preventDefault();
            const code = field(e, "code").trim();
            void run(async () => setCodes(await renewRecoveryCodes(code)), "Nieuwe herstelcodes maken is mislukt.");
          }}
        >
          <TextField label="Code uit je app" name="code" autoComplete="one-time-code" inputMode="numeric" required maxLength={32} />
          <ButtonRow>
            <Button type="submit" variant="secondary" busy={busy}>
              Nieuwe herstelcodes maken
            </Button>
          </ButtonRow>
        </form>
        <form
          className="form"
          aria-label="Tweestapsverificatie uitzetten"
          onSubmit={(e) => {
            e.preventDefault();
            const password = field(e, "password");
            const code = field(e, "code").trim();
            void run(async () => setStatus(await disableTwoFactor(password, code)), "Uitzetten is mislukt.");
          }}
        >
          <TextField label="Wachtwoord" name="password" type="password" autoComplete="current-password" required />
          <TextField label="Code uit je app of een herstelcode" name="code" autoComplete="one-time-code" required maxLength={32} />
          <ButtonRow>
            <Button type="submit" variant="danger" busy={busy}>
              Tweestapsverificatie uitzetten
            </Button>
          </ButtonRow>
        </form>
      </>
    );
  } else if (enrolment) {
    body = (
      <form
        className="form"
        aria-label="Tweestapsverificatie instellen"
        onSubmit={(e) => {
          e.preventDefault();
          const code = field(e, "code").trim();
          void run(async () => {
            setCodes(await enableTwoFactor(code));
            setEnrolment(null);
          }, "Aanzetten is mislukt.");
        }}
      >
        <ol className="two-factor-steps">
          <li>
            <p>Scan deze QR-code met je authenticator-app.</p>
            <img
              className="two-factor-qr"
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
              alt="QR-code om Peilstok aan je authenticator-app toe te voegen"
              width={200}
              height={200}
            />
            <p>
              Lukt scannen niet? Voer dan deze sleutel in: <code className="two-factor-secret">{enrolment.secret}</code>
            </p>
          </li>
          <li>
            <TextField
              label="Vul de code in die de app nu toont"
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              maxLength={6}
              pattern="\d{6}"
            />
          </li>
        </ol>
        <ButtonRow>
          <Button type="submit" busy={busy}>
            Tweestapsverificatie aanzetten
          </Button>
        </ButtonRow>
      </form>
    );
  } else {
    body = (
      <>
        <p>
          Staat <strong>uit</strong>.
        </p>
        <ButtonRow>
          <Button busy={busy} onClick={() => void run(async () => setEnrolment(await startTwoFactor()), "Instellen is mislukt.")}>
            Tweestapsverificatie instellen
          </Button>
        </ButtonRow>
      </>
    );
  }

  return (
    <Card title="Tweestapsverificatie" className="security-card">
      <p className="muted">
        Met tweestapsverificatie vraagt Peilstok bij het inloggen, naast je wachtwoord, om een code uit een authenticator-app op
        je telefoon (bijvoorbeeld Microsoft Authenticator, Google Authenticator of FreeOTP). Wie je wachtwoord raadt of steelt,
        komt dan nog niet binnen. Aanbevolen voor beheerders.
      </p>
      {body}
      {error ? <Notice kind="error">{error}</Notice> : null}
    </Card>
  );
}

function PasswordChange() {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const next = String(form.get("next") ?? "");
    if (next !== String(form.get("repeat") ?? "")) {
      setError("De twee nieuwe wachtwoorden zijn niet gelijk.");
      return;
    }
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await changePassword(String(form.get("current") ?? ""), next);
      element.reset();
      setNotice("Je wachtwoord is gewijzigd. Je andere sessies zijn beëindigd.");
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === "password-wrong"
          ? "Je huidige wachtwoord klopt niet."
          : e instanceof ApiError && e.status === 400
            ? "Het nieuwe wachtwoord moet minstens 12 tekens lang zijn."
            : wrong(e, "Wijzigen is mislukt."),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Wachtwoord wijzigen">
      <form className="form" onSubmit={submit} aria-label="Wachtwoord wijzigen">
        <TextField label="Huidig wachtwoord" name="current" type="password" autoComplete="current-password" required />
        <TextField label="Nieuw wachtwoord" hint="Minstens 12 tekens." name="next" type="password" autoComplete="new-password" required minLength={12} maxLength={1024} />
        <TextField label="Nieuw wachtwoord nog een keer" name="repeat" type="password" autoComplete="new-password" required minLength={12} maxLength={1024} />
        {error ? <Notice kind="error">{error}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        <ButtonRow>
          <Button type="submit" busy={busy}>
            Wachtwoord wijzigen
          </Button>
        </ButtonRow>
      </form>
    </Card>
  );
}
