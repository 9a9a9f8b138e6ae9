// The relying party: authorization code flow with PKCE, state and nonce, through openid-client
// (https://github.com/panva/openid-client). The provider's metadata is discovered on first use
// and kept; a failed discovery is tried again at the next login.
import * as oidc from "openid-client";
import type { OidcEnv } from "../lib/env.ts";
import type { Claims } from "./claims.ts";

export interface FlowSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface Identity {
  issuer: string;
  subject: string;
  email: string | null;
  /** True only when the provider says so (`email_verified: true`). */
  emailVerified: boolean;
  name: string;
  /** The ID token's claims with the UserInfo answer merged in (groups often come only there). */
  claims: Claims;
}

/** Loopback issuers (a provider on the same machine, as in the tests) may use plain http. */
function isLoopback(url: URL): boolean {
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export class OidcClient {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(
    readonly env: OidcEnv,
    /** `${PUBLIC_URL}/api/auth/oidc/callback`, registered at the provider. */
    readonly redirectUri: string,
  ) {}

  private config(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.env.issuer);
      this.configuration = oidc.discovery(
        issuer,
        this.env.clientId,
        undefined,
        this.env.clientSecret ? oidc.ClientSecretBasic(this.env.clientSecret) : oidc.None(),
        isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
      this.configuration.catch(() => (this.configuration = null));
    }
    return this.configuration;
  }

  /** Where to send the browser, and the secrets to keep until it comes back. */
  async start(): Promise<{ url: URL; secrets: FlowSecrets }> {
    const config = await this.config();
    const secrets = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.env.scopes,
      response_type: "code",
      state: secrets.state,
      nonce: secrets.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(secrets.codeVerifier),
      code_challenge_method: "S256",
    });
    return { url, secrets };
  }

  /**
   * Checks the callback (state, issuer), exchanges the code with the PKCE verifier, validates the
   * ID token (signature, audience, nonce, expiry) and reads UserInfo. Throws on any mismatch.
   */
  async finish(callbackUrl: URL, secrets: FlowSecrets): Promise<Identity> {
    const config = await this.config();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: secrets.codeVerifier,
      expectedState: secrets.state,
      expectedNonce: secrets.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    let claims: Claims = { ...idClaims };
    if (config.serverMetadata().userinfo_endpoint) {
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...userInfo, ...idClaims };
    }
    const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null;
    const name =
      typeof claims.name === "string" ? claims.name
      : [claims.given_name, claims.family_name].filter((p) => typeof p === "string").join(" ");
    return {
      issuer: idClaims.iss,
      subject: idClaims.sub,
      email: email && email.length <= 320 ? email : null,
      emailVerified: claims.email_verified === true,
      name: name.slice(0, 200),
      claims,
    };
  }
}
