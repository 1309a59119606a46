/**
 * The processes a run measures: the standalone sandbox, the console (`next start`
 * of the .next-bench build, pointed at that sandbox over HTTP) and the bare
 * Next.js forwarder; plus signing in and the sandbox's own token.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARENT_ACCOUNT_ID } from "../../server/sandbox/demo-platform";
import { PACE_REQUESTS } from "../soak/procs";
import { nextBin } from "./build";
import { DIST_DIR, freePort, ROOT, type Server, startServer } from "./lib";

export { DEMO_PARENT_ACCOUNT_ID };
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password";
export const SESSION_COOKIE = "authjs.session-token";

export async function startSandbox(
  dataDir: string,
  extraEnv: Record<string, string> = {},
  timeoutMs = 90_000,
): Promise<Server> {
  const port = await freePort(4800, 4899);
  rmSync(path.join(ROOT, dataDir), { recursive: true, force: true });
  return startServer({
    name: "sandbox",
    url: `http://127.0.0.1:${port}`,
    readyPath: "/_sandbox/ping",
    command: process.execPath,
    args: ["--import", "tsx", "server/sandbox/standalone.ts"],
    env: { SANDBOX_PORT: String(port), DATA_DIR: dataDir, SANDBOX_RATE_LIMITS: "off", ...extraEnv },
    timeoutMs,
  });
}

// What `npm start` preloads into the console's node: requests started a few per event-loop turn.
export { PACE_REQUESTS };

/**
 * `next start` of the console build, with `npm start`'s request pacing (`preload`); `nodeArgs`
 * (e.g. --cpu-prof) are passed to node for profiling. Heap flags stay at node's defaults; the
 * bench gives the bare forwarder the same preload, so its ratios compare code, not server setup.
 */
export async function startConsole(
  sandboxUrl: string,
  dataDir: string,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
  preload: string[] = PACE_REQUESTS,
): Promise<Server> {
  const port = await freePort(3800, 3899);
  rmSync(path.join(ROOT, dataDir), { recursive: true, force: true });
  const url = `http://localhost:${port}`;
  return startServer({
    name: "console",
    url,
    readyPath: "/api/health",
    command: process.execPath,
    args: [...preload, ...nodeArgs, nextBin, "start", "--port", String(port)],
    env: {
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST_DIR,
      DATA_DIR: dataDir,
      AUTH_URL: url,
      SANDBOX_URL: sandboxUrl,
      // The write benchmark sends thousands of writes a minute: the limiter still runs, it just never refuses.
      WRITE_RATE_LIMIT_PER_MINUTE: "100000000",
      ...extraEnv,
    },
  });
}

/** The bare forwarder, as Next.js ships it (`preload` empty) or with the console's preloads. */
export async function startBare(dir: string, sandboxUrl: string, preload: string[] = []): Promise<Server> {
  const port = await freePort(3800, 3899);
  return startServer({
    name: "bare",
    url: `http://127.0.0.1:${port}`,
    readyPath: "/",
    command: process.execPath,
    args: [...preload, nextBin, "start", "--port", String(port)],
    cwd: dir,
    env: { NODE_ENV: "production", UPSTREAM_URL: sandboxUrl, NEXT_DIST_DIR: undefined },
  });
}

/** Signs in through Auth.js' credentials endpoint, as the browser's form does; returns the Cookie header. */
export async function signIn(base: string, email: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; "), Origin: base },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, csrfToken, callbackUrl: `${base}/` }),
  });
  const issued = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  if (!issued.some((c) => c.startsWith(SESSION_COOKIE))) throw new Error(`sign-in as ${email} failed (${res.status})`);
  // Every cookie a browser would now hold (session, CSRF token, callback URL), later ones winning.
  const byName = new Map<string, string>();
  for (const c of [...jar, ...issued]) byName.set(c.split("=")[0] ?? "", c);
  return [...byName.values()].join("; ");
}

export async function sandboxToken(sandboxUrl: string): Promise<string> {
  const res = await fetch(`${sandboxUrl}/api/v1/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
    }),
  });
  const { access_token: token } = (await res.json()) as { access_token: string };
  return token;
}

export async function firstAccounts(sandboxUrl: string, token: string, n: number): Promise<string[]> {
  const res = await fetch(
    `${sandboxUrl}/v1/partnership/accounts?parent_account_id=${DEMO_PARENT_ACCOUNT_ID}&limit=${n}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  const list = (await res.json()) as { data: { accounts: { account_id: string }[] } };
  return list.data.accounts.map((a) => a.account_id);
}
