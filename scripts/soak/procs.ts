/**
 * Child processes of the soak: a standalone sandbox and `next start` consoles
 * (run with node directly, so the pid is the server's own and SIGKILL hits it).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const SANDBOX_ADMIN = "sandbox-admin";

export interface Proc {
  url: string;
  child: ChildProcess;
  /** Resident memory of the process in MiB (Linux /proc). */
  rssMiB(): number;
  /** CPU time the process has used so far, user + system, in ms (Linux /proc). */
  cpuMs(): number;
  kill(signal?: NodeJS.Signals): Promise<void>;
  log: string[];
}

async function waitFor(url: string, ms: number, headers: Record<string, string> = {}): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url, { headers });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${url} did not come up in ${ms} ms`);
    await sleep(200);
  }
}

function start(cmd: string, args: string[], env: Record<string, string>, url: string): Proc {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const log: string[] = [];
  const keep = (b: Buffer) => {
    for (const line of b.toString().split("\n")) if (line) log.push(line);
    if (log.length > 5000) log.splice(0, log.length - 5000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return {
    url,
    child,
    log,
    rssMiB() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      return m ? Math.round(Number(m[1]) / 1024) : 0;
    },
    cpuMs() {
      // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): utime and stime in clock ticks (100 Hz).
      const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    async kill(signal = "SIGKILL") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill(signal);
      await exited;
    },
  };
}

/** `env` overrides the sandbox's settings, e.g. `SANDBOX_RATE_LIMITS: "on"` and `SANDBOX_RATE_LIMIT_FACTOR`. */
export async function startSandbox(
  port: number,
  dataDir: string,
  seed = 20,
  env: Record<string, string> = {},
): Promise<Proc> {
  const p = start(
    process.execPath,
    ["--import", "tsx", "server/sandbox/standalone.ts"],
    {
      SANDBOX_PORT: String(port),
      DATA_DIR: dataDir,
      SANDBOX_RATE_LIMITS: "off",
      SANDBOX_SEED_MERCHANTS: String(seed),
      SANDBOX_DELETION_MS: "3000",
      ...env,
    },
    `http://127.0.0.1:${port}`,
  );
  await waitFor(`${p.url}/_sandbox/privacy-requests`, 60_000);
  return p;
}

export interface ConsoleOptions {
  port: number;
  dataDir: string;
  sandboxUrl: string;
  databaseUrl?: string;
  /** Default 100 000 (the faults phase writes fast); the instances phase uses the console's real default. */
  writeLimitPerMinute?: number;
  /** More settings, e.g. `UPSTREAM_RATE_LIMIT_FACTOR` or `BULK_CONCURRENCY`. */
  env?: Record<string, string>;
  /** Flags for node itself, before the script (e.g. `--cpu-prof`, `--heapsnapshot-signal=SIGUSR2`). */
  nodeArgs?: string[];
}

/**
 * What `npm start` gives node (package.json): young-generation semi-spaces of 64 MiB instead of
 * V8's 16. Under load each render's objects live for as long as the queue makes it wait, and
 * with small semi-spaces they were copied into the old generation and collected there; measured
 * with `npm run soak:load`, /merchants at 100 connections: 13% less CPU per render, 12% more req/s.
 *
 * And the request pacing (server/http/paced-listener.cjs): a few requests started per event-loop
 * turn, so that a burst of new connections is accepted in a second instead of one long turn each.
 */
export const PACE_REQUESTS = ["--require", path.join(ROOT, "server/http/pace-requests.cjs")];
export const CONSOLE_NODE_ARGS = ["--max-semi-space-size=64", ...PACE_REQUESTS];

export async function startConsole(o: ConsoleOptions): Promise<Proc> {
  const p = start(
    process.execPath,
    [...CONSOLE_NODE_ARGS, ...(o.nodeArgs ?? []), "node_modules/next/dist/bin/next", "start", "--port", String(o.port)],
    {
      DATA_DIR: o.dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_URL: `http://localhost:${o.port}`,
      SANDBOX_URL: o.sandboxUrl,
      WRITE_RATE_LIMIT_PER_MINUTE: String(o.writeLimitPerMinute ?? 100_000),
      CONSOLE_REQUEST_LOG: "off",
      // Every upstream attempt logged, successes too: the report counts attempts, replays and writers.
      PARTNERSHIPS_LOG_SUCCESS: "on",
      ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
      ...o.env,
    },
    `http://localhost:${o.port}`,
  );
  await waitFor(`${p.url}/api/health`, 120_000);
  return p;
}

/** The sandbox's admin endpoints (SPEC §8). */
export async function sandboxAdmin<T>(sandbox: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox}${p}`, {
    method,
    headers: { "X-Sandbox-Admin": SANDBOX_ADMIN, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox ${method} ${p}: ${res.status} ${text.slice(0, 200)}`);
  return (p.endsWith(".csv") ? text : JSON.parse(text).data) as T;
}
