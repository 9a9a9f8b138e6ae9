import { useState, type FormEvent } from "react";
import { logIn, logInWithToken } from "../lib/admin-session.ts";
import { ApiError } from "../lib/http.ts";
import { Button } from "./button.tsx";
import { TextField } from "./field.tsx";
import { Notice } from "./notice.tsx";
import { OrganisationLoginButton, useLoginMethods } from "./organisation-login.tsx";

/**
 * Shown by the admin shell instead of any admin page while nobody is logged in; after logging in
 * the page that was asked for appears (the address does not change). Scripts' users can enter an
 * API token (ADMIN_TOKEN) instead.
 */
/** "… try again in 12 s" → a Dutch sentence with the wait. */
function waitText(e: ApiError): string {
  const seconds = Number(/in (\d+) s/.exec(e.message)?.[1] ?? 0);
  if (seconds <= 0) return "Te veel pogingen. Wacht even en probeer het opnieuw.";
  if (seconds < 90) return `Te veel mislukte pogingen. Probeer het over ${seconds} seconden opnieuw.`;
  return `Te veel mislukte pogingen. Probeer het over ${Math.ceil(seconds / 60)} minuten opnieuw.`;
}

export function LoginForm({ tokenRejected }: { tokenRejected: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState("");
  // After a right password on an account with two-factor login: the code step.
  const [needsCode, setNeedsCode] = useState(false);
  const methods = useLoginMethods();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const code = String(form.get("code") ?? "").trim();
      await logIn(String(form.get("email")), String(form.get("password")), code || undefined);
    } catch (e) {
      if (e instanceof ApiError && e.code === "two-factor-required") setNeedsCode(true);
      else {
        setError(
          e instanceof ApiError && e.code === "two-factor-failed"
            ? "Deze code klopt niet of is al gebruikt. Gebruik de code die je app nu toont, of een herstelcode."
            : e instanceof ApiError && e.status === 401
              ? "E-mailadres of wachtwoord klopt niet."
              : e instanceof ApiError && e.code === "password-login-off"
                ? "Inloggen met een wachtwoord staat uit. Log in met je organisatieaccount."
                : e instanceof ApiError && e.status === 429
                  ? waitText(e)
                  : "Inloggen lukt nu niet. Probeer het later opnieuw.",
        );
      }
      setBusy(false);
    }
  }

  function submitToken(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void logInWithToken(token.trim());
  }

  return (
    <main className="login" id="main">
      <p className="login-brand">Peilstok</p>
      <h1>Inloggen</h1>
      {methods.oidc ? <OrganisationLoginButton /> : null}
      {methods.oidc && methods.password ? <p className="login-or">of met je e-mailadres en wachtwoord</p> : null}
      {methods.password ? (
        <form onSubmit={submit} className="form" aria-label="Inloggen">
          <TextField label="E-mailadres" name="email" type="email" autoComplete="username" required readOnly={needsCode} />
          <TextField label="Wachtwoord" name="password" type="password" autoComplete="current-password" required readOnly={needsCode} />
          {needsCode ? (
            <TextField
              label="Code uit je authenticator-app"
              name="code"
              autoComplete="one-time-code"
              required
              autoFocus
              maxLength={32}
              hint="Tweestapsverificatie staat aan voor dit account. Telefoon kwijt? Vul dan een van je herstelcodes in."
            />
          ) : null}
          {error ? <Notice kind="error">{error}</Notice> : null}
          <Button type="submit" busy={busy} variant={methods.oidc ? "secondary" : "primary"}>
            {needsCode ? "Code controleren" : "Inloggen"}
          </Button>
        </form>
      ) : null}
      <details className="login-token" open={tokenRejected || undefined}>
        <summary>Inloggen met een API-sleutel</summary>
        <form onSubmit={submitToken} className="form">
          <TextField
            label="Of gebruik een API-sleutel"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
          />
          {tokenRejected ? <Notice kind="error">Deze API-sleutel werkt niet.</Notice> : null}
          <Button type="submit" variant="secondary">
            Met sleutel verder
          </Button>
        </form>
      </details>
      <p className="login-privacy">
        <a href="/privacy?lang=nl">Privacy: wat Peilstok bewaart en hoe lang</a>
      </p>
    </main>
  );
}
