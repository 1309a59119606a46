/**
 * Shared parts of `npm run bench`: ports, child processes, autocannon with exact
 * latencies, medians, the results table and bench/results.json.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
// @ts-expect-error autocannon ships no type declarations
import autocannon from "autocannon";

export const ROOT = path.join(import.meta.dirname, "..", "..");
export const QUICK = process.env.BENCH_QUICK === "1";
export const DIST_DIR = ".next-bench";
export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** One row of the table and of bench/results.json. */
export interface BenchResult {
  id: string;
  value: number | null;
  unit: string;
  baseline: number | null;
  /** "<= 20", ">= 0.8", or "" for context figures without a target. */
  target: string;
  met: boolean | null;
  /** Why there is no value ("not built: …"), or what the figure is compared with. */
  note?: string;
  /** The figure against its baseline, when that is not value ÷ baseline (e.g. console p50 ÷ floor p50). */
  ratio?: number;
}

export function result(
  id: string,
  value: number,
  unit: string,
  baseline: number | null,
  target: string,
  note?: string,
): BenchResult {
  const rounded = Math.round(value * 100) / 100;
  return { id, value: rounded, unit, baseline, target, met: target ? meets(rounded, target) : null, note };
}

export function notBuilt(id: string, unit: string, target: string, why: string): BenchResult {
  return { id, value: null, unit, baseline: null, target, met: false, note: `not built: ${why}` };
}

export function meets(value: number, target: string): boolean {
  const m = /^(<=|>=)\s*(-?[\d.]+)$/.exec(target.trim());
  if (!m) throw new Error(`bad target ${target}`);
  return m[1] === "<=" ? value <= Number(m[2]) : value >= Number(m[2]);
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

/** A free port in [from, to] on 127.0.0.1 (the bench's own ranges keep clear of others' e2e runs). */
export async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a child process and waits until `readyUrl` answers (any status). */
export async function startServer(opts: {
  name: string;
  url: string;
  readyPath: string;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
}): Promise<Server> {
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: false,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${opts.name} exited with code ${child.exitCode}:\n${output}`);
    try {
      await fetch(`${opts.url}${opts.readyPath}`, { redirect: "manual" });
      return { name: opts.name, url: opts.url, child, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  await stop();
  throw new Error(`${opts.name} did not start within ${(opts.timeoutMs ?? 90_000) / 1000} s:\n${output}`);
}

/** Runs a command to completion; throws with its output on failure. */
export function runCommand(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output.slice(-6000)}`)),
    );
  });
}

export interface LoadSpec {
  url: string;
  method?: "GET" | "PUT";
  headers?: Record<string, string>;
  body?: string;
  /** Sends a fresh Idempotency-Key with every request. */
  freshKey?: boolean;
  /** The status whose latencies count (default: any 2xx), e.g. 401 for an anonymous request. */
  expectStatus?: number;
}

export interface LoadResult {
  rps: number;
  /** Exact latencies (autocannon's own histogram has 1 ms resolution). */
  p50: number;
  p99: number;
  ok: number;
  bad: number;
  /** Answers by status code (0 = transport error or timeout). */
  statuses: Record<number, number>;
}

/** Autocannon against one target; latencies are taken exactly from its response events. */
export function load(spec: LoadSpec, connections: number, seconds: number): Promise<LoadResult> {
  const times: number[] = [];
  let bad = 0;
  const statuses: Record<number, number> = {};
  return new Promise((resolve, reject) => {
    const u = new URL(spec.url);
    const request = {
      method: spec.method ?? "GET",
      path: `${u.pathname}${u.search}`,
      headers: spec.headers ?? {},
      body: spec.body,
      ...(spec.freshKey
        ? {
            setupRequest: (req: { headers: Record<string, string> }) => ({
              ...req,
              headers: { ...req.headers, "Idempotency-Key": randomUUID() },
            }),
          }
        : {}),
    };
    const instance = autocannon(
      { url: u.origin, connections, duration: seconds, requests: [request] },
      (err: Error | null, res: { requests: { total: number }; duration: number }) => {
        if (err) return reject(err);
        times.sort((a, b) => a - b);
        resolve({
          rps: res.requests.total / Math.max(res.duration, 0.001),
          p50: percentile(times, 50),
          p99: percentile(times, 99),
          ok: times.length,
          bad,
          statuses,
        });
      },
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (spec.expectStatus ? status === spec.expectStatus : status >= 200 && status < 300) times.push(ms);
      else bad++;
    });
    instance.on("reqError", () => {
      statuses[0] = (statuses[0] ?? 0) + 1;
      bad++;
    });
  });
}

/** RSS in bytes of a process and all its descendants (Linux /proc). */
export function treeRss(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      if (m) total += Number(m[1]) * 1024;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const c of children.split(/\s+/).filter(Boolean)) visit(Number(c));
    } catch {
      // the process went away
    }
  };
  visit(pid);
  return total;
}

/** CPU time in ms (user + system) used so far by a process and all its descendants (Linux /proc). */
export function treeCpuMs(pid: number): number {
  let ticks = 0;
  const visit = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const c of children.split(/\s+/).filter(Boolean)) visit(Number(c));
    } catch {
      // the process went away
    }
  };
  visit(pid);
  return ticks * 10; // USER_HZ is 100 on Linux
}

export function formatTable(results: BenchResult[]): string {
  const head = ["id", "value", "unit", "baseline", "ratio", "target", "met"];
  const rows = results.map((r) => [
    r.id,
    r.value === null ? "—" : String(r.value),
    r.unit,
    r.baseline === null ? "—" : String(r.baseline),
    r.ratio !== undefined
      ? r.ratio.toFixed(2)
      : r.value !== null && r.baseline
        ? (r.value / r.baseline).toFixed(2)
        : "—",
    r.target || "(context)",
    r.met === null ? "" : r.met ? "yes" : r.value === null ? "not built" : "NO",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const sep = `|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  const notes = results.filter((r) => r.note).map((r) => `- ${r.id}: ${r.note}`);
  return [line(head), sep, ...rows.map(line), "", ...notes].join("\n");
}
