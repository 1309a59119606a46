/**
 * The console's HTTP API driven as the browser drives it: a signed-in session
 * cookie, same-origin headers, and one Idempotency-Key per intent, resent
 * unchanged on every retry until the answer is settled.
 */
import { randomUUID } from "node:crypto";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Session {
  base: string;
  cookie: string;
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0] as string);
}

export async function signIn(base: string, email: string, password = process.env.DEMO_PASSWORD ?? "demo-password") {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; "), Origin: base },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/` }),
  });
  const issued = cookiesOf(res);
  if (!issued.some((c) => c.startsWith("authjs.session-token=")))
    throw new Error(`sign-in of ${email} failed: ${res.status}`);
  // Every cookie a browser now holds (session, CSRF token, callback URL), later ones winning: with the
  // session cookie alone, every request would take Auth.js' slow path, which no browser session does.
  const byName = new Map<string, string>();
  for (const c of [...jar, ...issued]) byName.set(c.split("=")[0] ?? "", c);
  return { base, cookie: [...byName.values()].join("; ") } satisfies Session;
}

export interface Answer {
  status: number;
  /** A kept answer of this key, replayed: settled, whatever its status. */
  replayed?: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: the soak reads answers field by field.
  body: any;
}

export async function call(s: Session, method: string, p: string, body?: unknown, key?: string): Promise<Answer> {
  const headers: Record<string, string> = {
    Cookie: s.cookie,
    Origin: s.base,
    "Sec-Fetch-Site": "same-origin",
    "X-Requested-With": "XMLHttpRequest",
  };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (key) headers["Idempotency-Key"] = key;
  const res = await fetch(`${s.base}${p}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, replayed: res.headers.get("idempotent-replayed") === "true" };
}

export interface Settled extends Answer {
  tries: number;
  /** From the first try to the settled answer. */
  ms: number;
  key: string;
}

/**
 * One intent: sent with one key, retried with the same key on network errors,
 * 409 in flight, 429 and 5xx (what the browser's retry does), until settled.
 * `sessions` rotates the retries over several console instances.
 */
export async function intent(
  sessions: Session | Session[],
  method: string,
  p: string,
  body?: unknown,
  opts: { key?: string; deadlineMs?: number } = {},
): Promise<Settled> {
  const list = Array.isArray(sessions) ? sessions : [sessions];
  const key = opts.key ?? randomUUID();
  const started = Date.now();
  const deadline = started + (opts.deadlineMs ?? 120_000);
  for (let tries = 1; ; tries++) {
    const s = list[(tries - 1) % list.length] as Session;
    let answer: Answer | null = null;
    try {
      answer = await call(s, method, p, body, key);
    } catch {
      answer = null; // connection refused or cut: the console may be restarting
    }
    const again =
      !answer || (!answer.replayed && answer.status >= 500) || answer.status === 409 || answer.status === 429;
    const settled = answer && !again;
    if (settled || Date.now() > deadline) {
      return { ...(answer ?? { status: 0, body: null }), tries, ms: Date.now() - started, key };
    }
    await sleep(Math.min(2000, 100 * 2 ** Math.min(tries, 4)));
  }
}

/**
 * The load generator connects to 127.0.0.1, not "localhost": on this machine a share of
 * autocannon's connections to "localhost" took 7 s or more to open under load (resolution
 * and the IPv6-then-IPv4 attempt), which it counted as a slow answer of the console; /api/health
 * at 100 connections: localhost 21 answers over 5 s (max 7.6 s), 127.0.0.1 none (max 0.36 s).
 */
export function loadBase(base: string): string {
  return base.replace("//localhost:", "//127.0.0.1:");
}
