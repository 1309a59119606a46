import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { crashBulk, instancesBulk } from "../scripts/soak/bulk";
import { crashGoLive, crashWrites, type Restartable } from "../scripts/soak/crashes";
import { signIn } from "../scripts/soak/http";
import { instancesPhase } from "../scripts/soak/instances";
import { type Proc, startConsole, startSandbox } from "../scripts/soak/procs";

/**
 * The bounded version of `npm run soak` parts 2 and 4, on real `next start`
 * processes killed with SIGKILL: a couple of kills, a few intents. Run by
 * `npm run test:reliability` (E2E_RELIABILITY=1); it starts its own sandboxes
 * and consoles on E2E_PORT+20…+25 and E2E_SANDBOX_PORT+20…+22, so it does not
 * touch the journeys' server.
 */
test.skip(!process.env.E2E_RELIABILITY, "run with npm run test:reliability");
test.describe.configure({ mode: "serial", timeout: 240_000 });

const base = Number(process.env.E2E_PORT ?? 3100) + 20;
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? base + 900) + 20;
const dir = `/tmp/console-reliability-${base}`;
const ADMIN = "admin@demo.test";
let sandbox: Proc;
const procs: Proc[] = [];

test.beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  sandbox = await startSandbox(sandboxPort, `${dir}/sandbox`, 4);
  procs.push(sandbox);
});
test.afterAll(async () => {
  for (const p of procs) await p.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function restartable(): Promise<Restartable> {
  const opts = { port: base, dataDir: `${dir}/console`, sandboxUrl: sandbox.url };
  const first = await startConsole(opts);
  procs.push(first);
  const c: Restartable = {
    proc: first,
    async restart() {
      c.proc = await startConsole(opts);
      procs.push(c.proc);
      return c.proc;
    },
  };
  return c;
}

test("SIGKILL mid go-live: the runs resume after the restart and each merchant is registered once", async () => {
  const c = await restartable();
  const r = await crashGoLive(c, sandbox.url, ADMIN, 2);
  expect(r.finished).toBe(2);
  expect(r.notExactlyOnce).toEqual([]);
  console.log(`go-live resumed; slowest run finished ${r.slowestSecondsAfterRestart} s after the restart`);
  await c.proc.kill("SIGKILL");
});

test("SIGKILL mid writes of every kind: retried with the same keys, each applied once; privacy never filed twice", async () => {
  const c = await restartable();
  const s = await signIn(c.proc.url, ADMIN);
  const list = await fetch(`${c.proc.url}/api/merchants?pageSize=1`, { headers: { Cookie: s.cookie } });
  const accountId = ((await list.json()) as { data: { merchants: { accountId: string }[] } }).data.merchants[0]!
    .accountId;
  const r = await crashWrites(c, sandbox.url, ADMIN, accountId);
  for (const w of r.retried) {
    if (w.name === "privacy") {
      // Sent before the kill, no upstream key: either its answer was kept, or it is "outcome unknown" for good.
      expect([202, 504], JSON.stringify(w)).toContain(w.status);
    } else expect(w.status, JSON.stringify(w)).toBe(200);
  }
  expect(r.returnsPages).toBe(1);
  expect(r.registered).toBe(1);
  expect(r.privacyFiledUpstream).toBeLessThanOrEqual(1);
  console.log(`writes settled; slowest retry waited ${r.slowestRetrySeconds} s`);
  await c.proc.kill("SIGKILL");
});

test("SIGKILL mid bulk job: the job resumes on the restarted console and each merchant is written once", async () => {
  const r = await crashBulk({ port: base + 3, sandboxPort: sandboxPort + 1, dir, n: 60 });
  console.log(`bulk job resumed ${r.resumedSecondsAfterKill} s after the kill: ${JSON.stringify(r)}`);
  expect(r.problems).toEqual([]);
  expect(r).toMatchObject({ status: "completed", total: 60, failed: 0, settledEqualsTotal: true });
  expect(r.settledAtKill).toBeLessThan(60);
  expect(r.done + r.skipped).toBe(60);
  expect(r.upstreamStatusWrites).toBe(r.done);
  expect(r.resumedSecondsAfterKill).not.toBeNull();
  expect(r.resumedSecondsAfterKill as number).toBeLessThan(30);
});

const pgReachable = async () => {
  const probe = new pg.Client({ connectionString: process.env.SOAK_PG_URL ?? "postgres://root@127.0.0.1:5432/test" });
  const ok = await probe.connect().then(
    () => true,
    () => false,
  );
  await probe.end().catch(() => {});
  return ok && process.env.SKIP_PG_TESTS !== "1";
};

test("two instances on one PostgreSQL: one intent on both is one upstream write; one write limit; a kill lets the other finish", async () => {
  const probe = new pg.Client({ connectionString: process.env.SOAK_PG_URL ?? "postgres://root@127.0.0.1:5432/test" });
  const reachable = await probe.connect().then(
    () => true,
    () => false,
  );
  await probe.end().catch(() => {});
  test.skip(!reachable || process.env.SKIP_PG_TESTS === "1", "no PostgreSQL at SOAK_PG_URL");
  const r = (await instancesPhase(sandbox.url, dir, [base + 1, base + 2])) as {
    sameIntentOnBoth: { filedUpstream: number; settled: number };
    goLiveOnBoth: { state: string; accountsForTheMerchant: number };
    killOneMidWrite: { privacyFiledUpstream: number; status: { status: number; upstream: string } };
    writeLimitAcrossBoth: { limitPerMinute: number; accepted: number; refused429: number };
  };
  expect(r.sameIntentOnBoth).toMatchObject({ filedUpstream: 1, settled: 202 });
  expect(r.goLiveOnBoth).toEqual({ state: "done", accountsForTheMerchant: 1 });
  expect(r.writeLimitAcrossBoth, JSON.stringify(r.writeLimitAcrossBoth)).toMatchObject({
    accepted: 60,
    refused429: 10,
  });
  expect(r.killOneMidWrite.privacyFiledUpstream).toBeLessThanOrEqual(1);
  expect(r.killOneMidWrite.status).toMatchObject({ status: 200, upstream: "paused" });
});

test("two instances, two bulk jobs at once under rate limits: one runner each, the survivor takes over, no 429", async () => {
  test.skip(!(await pgReachable()), "no PostgreSQL at SOAK_PG_URL");
  const r = await instancesBulk({
    ports: [base + 4, base + 5],
    sandboxPort: sandboxPort + 2,
    dir,
    schema: `${process.env.SOAK_PG_SCHEMA ?? "reliab"}_e2e_bulk`,
    perJob: 4,
    factor: 0.25,
  });
  console.log(`two bulk jobs on two instances: ${JSON.stringify(r)}`);
  for (const job of [r.jobA, r.jobB]) {
    expect(job.problems).toEqual([]);
    expect(job).toMatchObject({ status: "completed", done: 4, failed: 0, settledEqualsTotal: true });
    expect(job.upstreamStatusWrites).toBe(4);
    expect(job.merchantsWithOneAuditEntry).toBe(4);
  }
  // B's job only ever on B; A's job on A until A was killed, then on B.
  expect(r.jobB.runBy).toEqual(["B"]);
  expect(r.jobA.runBy).toEqual(["A", "B"]);
  expect(r.upstream429s).toBe(0);
  expect(r.maxStatusWritesInAny60s).toBeLessThanOrEqual(r.allowedStatusWritesPerMinute);
});
