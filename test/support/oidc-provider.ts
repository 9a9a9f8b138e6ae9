// A real OpenID Connect provider for tests (the `oidc-provider` package, with its development
// login and consent pages), and a small cookie-keeping "browser" that walks the whole
// authorization code flow with fetch: our app → provider login form → consent → our callback.
import type { Server } from "node:http";
import Provider from "oidc-provider";
import type { App } from "../../server/app.ts";
import { freePort } from "./pg-cluster.ts";

export type Claims = Record<string, unknown>;

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The people the provider knows, by subject; change them between logins. */
  users: Map<string, Claims>;
  stop(): Promise<void>;
}

export async function startOidcProvider({ redirectUri }: { redirectUri: string }): Promise<TestIdp> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const users = new Map<string, Claims>();
  const clientId = "peilstok-test";
  const clientSecret = "peilstok-test-secret-0123456789abcdef";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    async findAccount(_ctx, sub) {
      const claims = users.get(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
    },
    cookies: { keys: ["peilstok-test-cookie-key-0123456789"] },
    features: { devInteractions: { enabled: true } },
    // PKCE for every client, also confidential ones like ours.
    pkce: { required: () => true },
  });
  const server: Server = provider.listen(port);
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    users,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Cookies per host, as a browser keeps them (paths and expiry ignored: tests are short). */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();
  take(host: string, headers: Headers) {
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    this.byHost.set(host, jar);
  }
  header(host: string): string {
    return [...(this.byHost.get(host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  get(host: string, name: string): string | undefined {
    return this.byHost.get(host)?.get(name);
  }
}

export interface BrowseResult {
  /** Where the browser ended up (an app page, after the last redirect). */
  url: URL;
  /** `name=value` of our session cookie, when the app set one. */
  sessionCookie: string | null;
  /** Every URL visited, in order (for assertions and debugging). */
  visited: string[];
}

export class OidcBrowser {
  readonly jar = new CookieJar();
  readonly visited: string[] = [];
  constructor(
    private readonly app: App,
    private readonly appBase: string,
  ) {}

  private async request(url: URL, init: { method?: string; body?: string } = {}): Promise<Response> {
    this.visited.push(`${init.method ?? "GET"} ${url.href}`);
    const headers: Record<string, string> = { cookie: this.jar.header(url.host) };
    if (init.body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    const res = url.href.startsWith(this.appBase)
      ? await this.app.request(url.pathname + url.search, { method: init.method ?? "GET", headers, body: init.body })
      : await fetch(url, { method: init.method ?? "GET", headers, body: init.body, redirect: "manual" });
    this.jar.take(url.host, res.headers);
    return res;
  }

  /**
   * Follows redirects from `start` and fills the provider's login form (as `login`) and consent
   * form, until it reaches a page of our app that is not an API route.
   */
  async walk(start: string | URL, login: string, { steps = 25 } = {}): Promise<BrowseResult> {
    let url = new URL(start, this.appBase);
    let res = await this.request(url);
    for (let i = 0; i < steps; i++) {
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url);
        if (url.href.startsWith(this.appBase) && !url.pathname.startsWith("/api/")) return this.result(url);
        res = await this.request(url);
        continue;
      }
      const html = await res.text();
      const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(html);
      if (res.status !== 200 || !form) throw new Error(`stuck at ${url.href}: ${res.status} ${html.slice(0, 300)}`);
      const fields = new URLSearchParams();
      for (const input of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)) fields.set(input[1]!, input[2]!);
      if (/name="login"/.test(html)) {
        fields.set("login", login);
        fields.set("password", "any-password");
      }
      url = new URL(form[1]!.replace(/&amp;/g, "&"), url);
      res = await this.request(url, { method: "POST", body: fields.toString() });
    }
    throw new Error(`no end after ${steps} steps: ${this.visited.join("\n")}`);
  }

  private result(url: URL): BrowseResult {
    const host = new URL(this.appBase).host;
    const session = this.jar.get(host, "peilstok-session");
    return { url, sessionCookie: session ? `peilstok-session=${session}` : null, visited: [...this.visited] };
  }
}
