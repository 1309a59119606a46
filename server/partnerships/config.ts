import "server-only";

export interface PartnershipsLogger {
  info(obj: Record<string, unknown>): void;
  warn(obj: Record<string, unknown>): void;
}

export interface PartnershipsClientConfig {
  /** API origin, e.g. https://accounts.rokt.com */
  apiUrl: string;
  /** Token host (https://auth.rokt.com) or the full token URL. */
  authUrl: string;
  clientId: string;
  clientSecret: string;
  parentAccountId: string;
  fetch?: typeof fetch;
  /** Per try, token requests included. Default 10 000 (SPEC §9). */
  timeoutMs?: number;
  /** Tries per call, the first included. Default 5. */
  maxAttempts?: number;
  /** Backoff: full jitter over min(maxDelayMs, baseDelayMs · 2^(attempt-1)). Defaults 200 / 5 000. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the RateLimitedError goes to the caller. Default 30 000. */
  maxRetryAfterMs?: number;
  /** How long to poll a running operation (409 in flight) before giving up. Default 60 000. */
  maxPollMs?: number;
  /** Renew the token after this share of `expires_in`. Default 0.8. */
  tokenRenewRatio?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  logger?: PartnershipsLogger;
}

export type ResolvedConfig = Required<Omit<PartnershipsClientConfig, "fetch">> & { fetch: typeof fetch };

export const TOKEN_PATH = "/api/v1/oauth/token";

/**
 * An upstream call that simply succeeded is not worth a stdout line: writing one per call (through
 * Next's console wrappers) cost about 5 % of a console read's CPU. Answers with an error status
 * (retries, 4xx), failures (warn), recoveries and token renewals are still logged, as JSON.
 */
export function isRoutineSuccess(obj: Record<string, unknown>): boolean {
  return obj.event === "partnerships.request" && typeof obj.status === "number" && obj.status < 400;
}

/** `PARTNERSHIPS_LOG_SUCCESS=on` logs every attempt, successes too (the soak counts attempts and replays). */
const LOG_SUCCESS = process.env.PARTNERSHIPS_LOG_SUCCESS === "on";

export const defaultLogger: PartnershipsLogger = {
  info: (obj) => {
    if (LOG_SUCCESS || !isRoutineSuccess(obj)) console.info(JSON.stringify({ source: "partnerships", ...obj }));
  },
  warn: (obj) => console.warn(JSON.stringify({ source: "partnerships", ...obj })),
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Node's own fetch, not the one Next.js patches onto globalThis for its data cache: every upstream
 * call is dynamic and brings its own timeout, retries and spans, and the patched wrapper (cache
 * lookup, dedupe, its own trace) was a tenth of the CPU of a proxied call (bench profile).
 * Looked up per call: Next patches fetch after this module may have loaded.
 */
function platformFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const current = globalThis.fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch };
  return (current._nextOriginalFetch ?? current)(input, init);
}

export function resolveConfig(config: PartnershipsClientConfig): ResolvedConfig {
  for (const k of ["apiUrl", "authUrl", "clientId", "clientSecret", "parentAccountId"] as const) {
    // Names only: a value here may be a secret.
    if (!config[k]) throw new Error(`Partnerships client: ${k} is required`);
  }
  return {
    apiUrl: config.apiUrl.replace(/\/+$/, ""),
    authUrl: config.authUrl.replace(/\/+$/, ""),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    parentAccountId: config.parentAccountId,
    fetch: config.fetch ?? platformFetch,
    timeoutMs: config.timeoutMs ?? 10_000,
    maxAttempts: Math.max(1, config.maxAttempts ?? 5),
    baseDelayMs: config.baseDelayMs ?? 200,
    maxDelayMs: config.maxDelayMs ?? 5_000,
    maxRetryAfterMs: config.maxRetryAfterMs ?? 30_000,
    maxPollMs: config.maxPollMs ?? 60_000,
    tokenRenewRatio: config.tokenRenewRatio ?? 0.8,
    sleep: config.sleep ?? realSleep,
    random: config.random ?? Math.random,
    now: config.now ?? Date.now,
    logger: config.logger ?? defaultLogger,
  };
}

export function tokenUrl(authUrl: string): string {
  return /\/oauth\/token$/.test(authUrl) ? authUrl : `${authUrl}${TOKEN_PATH}`;
}

/** Full jitter (AWS "Exponential Backoff And Jitter"): uniform in [0, min(cap, base · 2^(n-1))]. */
export function backoffDelay(cfg: ResolvedConfig, attempt: number): number {
  const ceiling = Math.min(cfg.maxDelayMs, cfg.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(cfg.random() * ceiling);
}

/**
 * Settles with the promise, or rejects as soon as the signal aborts. An injected
 * fetch (the in-process sandbox, a test fake) may ignore its signal; the per-try
 * timeout must hold anyway.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (err) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}
