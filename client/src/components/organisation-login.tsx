// Logging in with the organisation's account (OpenID Connect, server/oidc/): whether the login page
// offers it and whether the password form is still open (GET /api/auth/methods), and the button,
// a plain link so the browser itself goes to the identity provider and back.
import { useEffect, useState } from "react";
import { requestJson } from "../lib/http.ts";
import { buttonClass } from "./button.tsx";

export interface LoginMethods {
  password: boolean;
  oidc: boolean;
}

/** Until the server answers: the password form, no organisation button. */
export function useLoginMethods(): LoginMethods {
  const [methods, setMethods] = useState<LoginMethods>({ password: true, oidc: false });
  useEffect(() => {
    requestJson<LoginMethods>("GET", "/api/auth/methods").then(setMethods, () => {});
  }, []);
  return methods;
}

/** Back to the admin page that was asked for, once the provider let the person in. */
function returnPath(): string {
  const path = window.location.pathname;
  return /^\/admin(\/[A-Za-z0-9_\-/]*)?$/.test(path) && path !== "/admin/geen-toegang" ? path : "/admin";
}

export function OrganisationLoginButton({ primary = true }: { primary?: boolean }) {
  return (
    <a className={buttonClass(primary ? "primary" : "secondary", false, "login-oidc")} href={`/api/auth/oidc/login?return=${encodeURIComponent(returnPath())}`}>
      Inloggen met je organisatieaccount
    </a>
  );
}
