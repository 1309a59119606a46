/**
 * `npm run soak`: faults, crashes, several instances and load against real
 * `next start` consoles and a standalone sandbox; prints one report.
 * Needs a build (`npm run build`). Sizes: SOAK_MERCHANTS (100),
 * SOAK_CONCURRENCY (8), SOAK_LOAD_SECONDS (30), SOAK_CRASH_RUNS (10);
 * SOAK_BULK_MERCHANTS (200, the bulk job killed mid-run), SOAK_BULK_PER_JOB (20,
 * each of the two instances' jobs), SOAK_BULK_FACTOR (0.5, the sandbox's and the
 * consoles' rate limits for those two jobs); SOAK_PG=off skips the two-instance
 * PostgreSQL parts. Ports SOAK_PORT (3520) to +5, SOAK_SANDBOX_PORT (4520) to +2.
 */
import { existsSync, rmSync } from "node:fs";
import { auditPhase } from "./audit";
import { crashBulk, instancesBulk } from "./bulk";
import { crashGoLive, crashWrites, type Restartable } from "./crashes";
import { faultsPhase } from "./faults";
import { signIn } from "./http";
import { instancesPhase } from "./instances";
import { loadPhase } from "./load";
import { type Proc, startConsole, startSandbox } from "./procs";

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const N = num("SOAK_MERCHANTS", 100);
const CONCURRENCY = num("SOAK_CONCURRENCY", 8);
const LOAD_SECONDS = num("SOAK_LOAD_SECONDS", 30);
const CRASH_RUNS = num("SOAK_CRASH_RUNS", 10);
const PORT = num("SOAK_PORT", 3520);
const SANDBOX_PORT = num("SOAK_SANDBOX_PORT", 4520);
const BULK_N = num("SOAK_BULK_MERCHANTS", 200);
const BULK_PER_JOB = num("SOAK_BULK_PER_JOB", 20);
const BULK_FACTOR = num("SOAK_BULK_FACTOR", 0.5);
const SCHEMA = process.env.SOAK_PG_SCHEMA ?? "reliab_soak";
const DIR = process.env.SOAK_DIR ?? "/tmp/reliab-soak";
const ADMIN = "admin@demo.test";

const report: Record<string, unknown> = {};
const print = (title: string, value: unknown) => {
  report[title] = value;
  console.log(`\n== ${title}\n${JSON.stringify(value, null, 2)}`);
};

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no build: run `npm run build` first");
  rmSync(DIR, { recursive: true, force: true });
  const procs: Proc[] = [];
  const sandbox = await startSandbox(SANDBOX_PORT, `${DIR}/sandbox`);
  procs.push(sandbox);
  const opts = { port: PORT, dataDir: `${DIR}/console`, sandboxUrl: sandbox.url };
  const c: Restartable = {
    proc: await startConsole(opts),
    async restart() {
      this.proc = await startConsole(opts);
      procs.push(this.proc);
      return this.proc;
    },
  };
  procs.push(c.proc);
  try {
    const started = Date.now();
    const admin = await signIn(c.proc.url, ADMIN);
    const faults = await faultsPhase(admin, sandbox.url, N, CONCURRENCY);
    const { accountIds, ...faultFigures } = faults;
    // What the faults did, from the console's own JSON log of upstream attempts.
    const attempts = c.proc.log.filter((l) => l.includes('"event":"partnerships.request"'));
    Object.assign(faultFigures, {
      upstreamAttempts: attempts.length,
      upstream500s: attempts.filter((l) => l.includes('"status":500')).length,
      answersCutOrTimedOut: attempts.filter((l) => l.includes('"error":')).length,
      replayedAnswers: attempts.filter((l) => l.includes('"replayed":true')).length,
    });
    print("1. faults (20% answers cut after commit, 10% 500s, 50-300 ms latency)", faultFigures);
    print("1. audit", await auditPhase(admin, accountIds));

    print("5. load (autocannon, 100 connections)", await loadPhase(admin, c.proc, LOAD_SECONDS));

    print("2a. SIGKILL mid go-live", await crashGoLive(c, sandbox.url, ADMIN, CRASH_RUNS));
    print("2b. SIGKILL mid single writes", await crashWrites(c, sandbox.url, ADMIN, accountIds[0] as string));
    await c.proc.kill("SIGTERM");
    print(
      "2c. SIGKILL mid bulk job (pause, limits off, 100 ms latency)",
      await crashBulk({ port: PORT + 3, sandboxPort: SANDBOX_PORT + 1, dir: DIR, n: BULK_N }),
    );

    if (process.env.SOAK_PG !== "off") {
      print("4. two instances, one PostgreSQL", await instancesPhase(sandbox.url, DIR, [PORT + 1, PORT + 2]));
      print(
        `4b. two instances, two bulk jobs at once, rate limits on x${BULK_FACTOR}, the runner of one killed`,
        await instancesBulk({
          ports: [PORT + 4, PORT + 5],
          sandboxPort: SANDBOX_PORT + 2,
          dir: DIR,
          schema: `${SCHEMA}_bulk`,
          perJob: BULK_PER_JOB,
          factor: BULK_FACTOR,
        }),
      );
    }
    print("total seconds", Math.round((Date.now() - started) / 1000));
  } finally {
    for (const p of procs) await p.kill("SIGKILL").catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
