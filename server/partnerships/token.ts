import "server-only";
import { tokenResponse } from "@/lib/partnerships";
import { type ResolvedConfig, raceAbort, tokenUrl } from "./config";
import {
  BadRequestError,
  InvalidResponseError,
  type PartnershipsError,
  RateLimitedError,
  UnauthorizedError,
  UpstreamServerError,
  UpstreamUnavailableError,
} from "./errors";

/** Tolerance: a token answer without `token_type` or `expires_in` still works (renewed after 300 s). */
const tolerantTokenResponse = tokenResponse.partial({ token_type: true, expires_in: true });
const DEFAULT_EXPIRES_IN_S = 300;

interface CachedToken {
  value: string;
  renewAt: number;
  obtainedAt: number;
}

/**
 * Client-credentials tokens: cached, renewed at `tokenRenewRatio` of `expires_in`,
 * single-flight (a burst of calls shares one token request). The token is
 * opaque: never decoded. Neither it nor the secret reaches a log or an error.
 */
export class TokenManager {
  private cached: CachedToken | null = null;
  private pending: Promise<string> | null = null;
  /** Tokens handed out lately, refused ones included: an upstream message might still echo one. */
  private readonly recent: string[] = [];
  private readonly url: string;

  constructor(private readonly cfg: ResolvedConfig) {
    this.url = tokenUrl(cfg.authUrl);
  }

  async get(): Promise<string> {
    if (this.cached && this.cfg.now() < this.cached.renewAt) return this.cached.value;
    this.pending ??= this.request().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** After a 401: forget the token that was refused (not a newer one another call already got). */
  invalidate(refused: string): void {
    if (this.cached?.value === refused) this.cached = null;
  }

  /** When the cached token was obtained and when it will be renewed (epoch ms), or null: never the token. */
  info(): { obtainedAt: number; renewAt: number } | null {
    return this.cached ? { obtainedAt: this.cached.obtainedAt, renewAt: this.cached.renewAt } : null;
  }

  /** Strings that must never leave this module in clear. */
  secrets(): string[] {
    return [this.cfg.clientSecret, ...this.recent];
  }

  private async request(): Promise<string> {
    const started = this.cfg.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.cfg.timeoutMs);
    let status: number;
    let text: string;
    try {
      const request = this.cfg.fetch(this.url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        // Form fields, the docs' way (SPEC §9), not HTTP Basic.
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: this.cfg.clientId,
          client_secret: this.cfg.clientSecret,
        }).toString(),
        signal: controller.signal,
      });
      const res = await raceAbort(request, controller.signal);
      status = res.status;
      text = await raceAbort(res.text(), controller.signal);
    } catch (cause) {
      const timeout = controller.signal.aborted;
      this.cfg.logger.warn({ event: "partnerships.token", ok: false, error: timeout ? "timeout" : "network" });
      throw new UpstreamUnavailableError(
        timeout
          ? `The Partnerships token endpoint did not answer within ${this.cfg.timeoutMs} ms. Try again shortly.`
          : "The Partnerships token endpoint could not be reached. Check PARTNERSHIPS_AUTH_URL and the network.",
        { status: 0, timeout, outcomeUnknown: false, cause: timeout ? undefined : cause },
      );
    } finally {
      clearTimeout(timer);
    }
    this.cfg.logger.info({ event: "partnerships.token", status, ms: this.cfg.now() - started });
    if (status >= 200 && status < 300) return this.accept(text, status, started);
    throw tokenError(status, text);
  }

  private accept(text: string, status: number, started: number): string {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = tolerantTokenResponse.safeParse(json);
    if (!parsed.success) {
      throw new InvalidResponseError("The Partnerships token endpoint answered without a usable access_token.", {
        status,
      });
    }
    const expiresIn = parsed.data.expires_in ?? DEFAULT_EXPIRES_IN_S;
    this.recent.unshift(parsed.data.access_token);
    this.recent.length = Math.min(this.recent.length, 3);
    this.cached = {
      value: parsed.data.access_token,
      obtainedAt: started,
      renewAt: started + expiresIn * 1000 * this.cfg.tokenRenewRatio,
    };
    return parsed.data.access_token;
  }
}

/** OAuth2 error bodies carry only a code (`invalid_client`, …): safe to quote, unlike the body as a whole. */
function tokenError(status: number, text: string): PartnershipsError {
  let code = "";
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === "string" && /^[a-z_]{1,64}$/.test(body.error)) code = ` (${body.error})`;
  } catch {
    // not JSON: nothing to quote
  }
  const details = { status };
  if (status === 401 || status === 403) {
    return new UnauthorizedError(
      `The Partnerships token endpoint refused the client credentials${code}. Check PARTNERSHIPS_CLIENT_ID and PARTNERSHIPS_CLIENT_SECRET.`,
      details,
    );
  }
  if (status === 429) {
    return new RateLimitedError("The Partnerships token endpoint is rate limiting. Try again shortly.", details);
  }
  if (status >= 500) {
    return new UpstreamServerError(`The Partnerships token endpoint failed (${status}). Try again shortly.`, details);
  }
  return new BadRequestError(
    `The Partnerships token endpoint refused the request${code} (${status}). Check PARTNERSHIPS_AUTH_URL.`,
    details,
  );
}
