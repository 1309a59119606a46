/**
 * `npm run soak:load`: the soak's load phase on its own, with more figures. Starts a
 * standalone sandbox (LOAD_MERCHANTS merchants in the demo platform, default 150) and
 * `next start` of the .next build, signs in as the admin, waits for the merchant index,
 * then for each path (LOAD_PATHS, default `/merchants,/api/merchants?pageSize=50`):
 *
 * - 1 connection for LOAD_SINGLE_SECONDS (10): latency and CPU per request (the server's
 *   own user + system time over the run, divided by the answers);
 * - LOAD_CONNECTIONS (100) for LOAD_SECONDS (30): req/s, p50/p99, timeouts (no answer in
 *   autocannon's 10 s), other errors, non-2xx, CPU per request, RSS before and after.
 *
 * LOAD_SECONDS=0 runs the 1-connection part only. LOAD_ROUNDS (1) repeats the heavy runs, to see whether memory plateaus; RSS is read again
 * after 10 s idle. LOAD_OUT=file.json keeps the figures; LOAD_BASELINE=file.json prints each
 * figure's ratio to that earlier run. LOAD_PROFILE=1 runs the console with --cpu-prof and
 * prints the summary of the profile when it stops (profiling slows the server: compare
 * profiled runs with profiled runs only). LOAD_HEAPSNAPSHOT=1 writes a heap snapshot
 * (SIGUSR2, node's --heapsnapshot-signal) after the idle wait into LOAD_DIR; LOAD_NODE_ARGS adds
 * node flags to the console (e.g. `--trace-gc`: the last full collections' heap sizes are printed).
 * Needs a build (`npm run build`). Ports LOAD_PORT (3700) and LOAD_SANDBOX_PORT (4700).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
// @ts-expect-error autocannon ships no type declarations
import autocannon from "autocannon";
import { summarize } from "../bench/cpuprofile";
import { loadBase, type Session, signIn } from "./http";
import { type Proc, startConsole, startSandbox } from "./procs";

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const MERCHANTS = num("LOAD_MERCHANTS", 150);
const SECONDS = num("LOAD_SECONDS", 30);
const SINGLE_SECONDS = num("LOAD_SINGLE_SECONDS", 10);
const CONNECTIONS = num("LOAD_CONNECTIONS", 100);
const ROUNDS = num("LOAD_ROUNDS", 1);
const PORT = num("LOAD_PORT", 3700);
const SANDBOX_PORT = num("LOAD_SANDBOX_PORT", 4700);
const PATHS = (process.env.LOAD_PATHS ?? "/merchants,/api/merchants?pageSize=50").split(",");
const DIR = path.resolve(process.env.LOAD_DIR ?? "/tmp/soak-load");
const PROFILE = process.env.LOAD_PROFILE === "1";
const HEAPSNAPSHOT = process.env.LOAD_HEAPSNAPSHOT === "1";
const ADMIN = "admin@demo.test";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Figures = Record<string, number | string>;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** One autocannon run; latencies taken exactly from its response events (its histogram has 1 ms steps). */
async function run(s: Session, c: Proc, p: string, connections: number, seconds: number): Promise<Figures> {
  const times: number[] = [];
  const cpu0 = c.cpuMs();
  const rss0 = c.rssMiB();
  const instance = autocannon({
    url: `${loadBase(s.base)}${p}`,
    connections,
    duration: seconds,
    headers: { cookie: s.cookie, "x-requested-with": "XMLHttpRequest" },
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const result = await instance;
  const cpu = c.cpuMs() - cpu0;
  times.sort((a, b) => a - b);
  const answers = result.requests.total as number;
  return {
    requests: answers,
    rps: Number((answers / seconds).toFixed(1)),
    p50ms: Number(percentile(times, 50).toFixed(1)),
    p99ms: Number(percentile(times, 99).toFixed(1)),
    maxMs: Number((times.at(-1) ?? Number.NaN).toFixed(1)),
    over5s: times.filter((t) => t > 5000).length,
    timeouts: result.timeouts,
    errors: result.errors - result.timeouts,
    non2xx: result.non2xx,
    cpuMsPerRequest: Number((cpu / Math.max(1, answers)).toFixed(1)),
    // The server's share of the machine over the run (2 cores = 200%).
    cpuPercent: Math.round((100 * cpu) / (seconds * 1000)),
    kBPerAnswer: Math.round(result.throughput.total / Math.max(1, answers) / 1024),
    rssBeforeMiB: rss0,
    rssAfterMiB: c.rssMiB(),
  };
}

/** The index syncs in the background on first use: wait until the demo platform's merchants are in it. */
async function waitForIndex(s: Session): Promise<number> {
  const end = Date.now() + 120_000;
  for (;;) {
    const res = await fetch(`${s.base}/api/merchants?pageSize=1`, {
      headers: { cookie: s.cookie, "x-requested-with": "XMLHttpRequest" },
    });
    const body = (await res.json().catch(() => null)) as { data?: { total: number; sync: { running: boolean } } };
    if (body?.data && !body.data.sync.running && body.data.total >= MERCHANTS) return body.data.total;
    if (Date.now() > end) throw new Error(`merchant index not ready: ${JSON.stringify(body).slice(0, 200)}`);
    await sleep(500);
  }
}

function ratios(now: Record<string, Figures>, before: Record<string, Figures>) {
  const out: Record<string, Record<string, string>> = {};
  for (const [k, figures] of Object.entries(now)) {
    const b = before[k];
    if (!b) continue;
    out[k] = {};
    for (const [f, v] of Object.entries(figures)) {
      const old = b[f];
      if (typeof v === "number" && typeof old === "number" && old !== 0) {
        (out[k] as Record<string, string>)[f] = `${old} → ${v} (×${(v / old).toFixed(2)})`;
      }
    }
  }
  return out;
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no build: run `npm run build` first");
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const profDir = path.join(DIR, "profile");
  const nodeArgs = [
    ...(PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : []),
    ...(HEAPSNAPSHOT ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${DIR}`] : []),
    ...(process.env.LOAD_NODE_ARGS ?? "").split(" ").filter(Boolean),
  ];
  const sandbox = await startSandbox(SANDBOX_PORT, `${DIR}/sandbox`, MERCHANTS);
  let c: Proc | null = null;
  const figures: Record<string, Figures> = {};
  try {
    c = await startConsole({
      port: PORT,
      dataDir: `${DIR}/console`,
      sandboxUrl: sandbox.url,
      nodeArgs,
      // LOAD_REQUEST_LOG=1: the console's access log, to tell time in its handlers from time queued before them.
      env: process.env.LOAD_REQUEST_LOG === "1" ? { CONSOLE_REQUEST_LOG: "on" } : {},
    });
    const s = await signIn(c.url, ADMIN);
    const indexed = await waitForIndex(s);
    figures.setup = { merchantsIndexed: indexed, rssAfterStartMiB: c.rssMiB() };
    // Warm up every route (compiled code, caches, the JIT: shorter warm-ups left 1-connection figures 30% high).
    for (const p of PATHS) await run(s, c, p, 2, num("LOAD_WARMUP_SECONDS", 8));
    figures.setup.rssAfterWarmUpMiB = c.rssMiB();
    for (const p of PATHS) {
      figures[`${p} ×1`] = await run(s, c, p, 1, SINGLE_SECONDS);
      console.log(p, "×1", JSON.stringify(figures[`${p} ×1`]));
    }
    for (let round = 1; SECONDS > 0 && round <= ROUNDS; round++) {
      for (const p of PATHS) {
        // Let the previous run's backlog drain first.
        await sleep(5000);
        const key = `${p} ×${CONNECTIONS}${ROUNDS > 1 ? ` round ${round}` : ""}`;
        figures[key] = await run(s, c, p, CONNECTIONS, SECONDS);
        console.log(key, JSON.stringify(figures[key]));
        if (process.env.LOAD_REQUEST_LOG === "1") console.log(key, "slowest in the console's own log:", slowest(c.log));
      }
      // Memory once the queue has drained: growth that stays is what would leak.
      await sleep(10_000);
      figures[`idle${ROUNDS > 1 ? ` round ${round}` : ""}`] = { rssAfterIdleMiB: c.rssMiB() };
    }
    if (HEAPSNAPSHOT) {
      c.child.kill("SIGUSR2");
      await sleep(15_000);
    }
    // With LOAD_NODE_ARGS=--trace-gc: the heap after the last full collections (live objects, not garbage).
    for (const l of c.log.filter((l) => l.includes("Mark-Compact")).slice(-3)) console.log("gc:", l.slice(0, 200));
    const problems = c.log.filter((l) => /error|warn|fail/i.test(l));
    figures.setup.consoleLogProblems = problems.length;
    for (const l of problems.slice(-5)) console.log("console log:", l.slice(0, 300));
  } finally {
    // SIGTERM: a clean exit, so --cpu-prof writes its profile.
    await c?.kill(PROFILE ? "SIGTERM" : "SIGKILL");
    await sandbox.kill("SIGKILL");
  }
  console.log(`\n== load (${CONNECTIONS} connections × ${SECONDS} s; 1 connection × ${SINGLE_SECONDS} s)`);
  console.log(JSON.stringify(figures, null, 2));
  if (process.env.LOAD_OUT) writeFileSync(process.env.LOAD_OUT, JSON.stringify(figures, null, 2));
  if (process.env.LOAD_BASELINE) {
    const before = JSON.parse(readFileSync(process.env.LOAD_BASELINE, "utf8")) as Record<string, Figures>;
    console.log(`\n== against ${process.env.LOAD_BASELINE}`);
    console.log(JSON.stringify(ratios(figures, before), null, 2));
  }
  if (PROFILE && existsSync(profDir)) {
    for (const f of readdirSync(profDir).filter((n) => n.endsWith(".cpuprofile"))) {
      console.log(`\n=== ${path.join(profDir, f)}`);
      summarize(path.join(profDir, f));
    }
  }
  if (HEAPSNAPSHOT) {
    for (const f of readdirSync(DIR).filter((n) => n.endsWith(".heapsnapshot"))) console.log(path.join(DIR, f));
  }
}

/** The slowest API answers by the console's own clock (its access log keeps the last 5,000 lines). */
function slowest(log: string[]): number[] {
  const ms = log.filter((l) => l.includes('"api.request"')).map((l) => Number(/"ms":(\d+)/.exec(l)?.[1] ?? 0));
  return ms.sort((a, b) => b - a).slice(0, 5);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
