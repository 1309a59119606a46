/**
 * Bulk jobs under crashes (part 2) and on two instances (part 4): a job's
 * console is killed with SIGKILL mid-job and started again on the same data;
 * two consoles on one PostgreSQL run two jobs at once against a rate-limited
 * sandbox, and the one running a job is killed so that the other takes it
 * over. The sandbox's own database (its `operations` and `idempotency_keys`
 * tables, read-only) says how many status writes each merchant got upstream.
 */
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { call, intent, type Session, signIn } from "./http";
import { type Proc, sandboxAdmin, startConsole, startSandbox } from "./procs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PG = process.env.SOAK_PG_URL ?? "postgres://root@127.0.0.1:5432/test";

interface Counts {
  total: number;
  done: number;
  failed: number;
  skipped: number;
  remaining: number;
}
interface JobView {
  id: string;
  status: string;
  counts: Counts;
}
interface ItemView {
  accountId: string;
  state: string;
  operationId: string | null;
  error: string | null;
}

/** Active merchants of the console's index (synced first), at most n, in list order. */
export async function activeMerchants(s: Session, n: number, expectedTotal: number): Promise<string[]> {
  await intent(s, "POST", "/api/merchants/sync", undefined, { deadlineMs: 60_000 });
  const end = Date.now() + 60_000;
  while ((await call(s, "GET", "/api/merchants?pageSize=1")).body?.data?.total < expectedTotal) {
    if (Date.now() > end) throw new Error("the merchant index did not fill up");
    await sleep(500);
  }
  const out: string[] = [];
  for (let page = 1; out.length < n; page++) {
    const r = await call(s, "GET", `/api/merchants?status=active&pageSize=100&page=${page}`);
    const rows = (r.body?.data?.merchants ?? []) as { accountId: string }[];
    out.push(...rows.map((m) => m.accountId));
    if (rows.length < 100) break;
  }
  return out.slice(0, n);
}

export async function startPause(s: Session, accountIds: string[], reason: string): Promise<string> {
  const r = await intent(s, "POST", "/api/bulk/jobs", {
    params: { action: "pause", reason },
    selection: { kind: "ids", accountIds },
  });
  if (r.status !== 201) throw new Error(`bulk job not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data.id as string;
}

export async function jobState(s: Session, jobId: string): Promise<{ job: JobView; items: ItemView[] } | null> {
  const r = await call(s, "GET", `/api/bulk/jobs/${jobId}`).catch(() => null);
  return r?.status === 200 ? (r.body.data as { job: JobView; items: ItemView[] }) : null;
}

const settledOf = (c: Counts) => c.done + c.skipped + c.failed;

/** Polls the job (as the job page does, once a second) until it ends or the deadline passes. */
export async function waitForJob(
  sessions: Session[],
  jobId: string,
  deadlineMs: number,
  onProgress?: (settled: number) => void,
) {
  const end = Date.now() + deadlineMs;
  for (let i = 0; ; i++) {
    const st = await jobState(sessions[i % sessions.length] as Session, jobId);
    if (st) onProgress?.(settledOf(st.job.counts));
    if (st && st.job.status !== "running") return st;
    if (Date.now() > end)
      throw new Error(`bulk job ${jobId} not finished in ${deadlineMs} ms: ${JSON.stringify(st?.job.counts)}`);
    await sleep(st ? 1000 : 300);
  }
}

/** Upstream status writes of the job's merchants, from the sandbox's own tables. */
function upstreamWrites(sandboxDir: string, accountIds: string[], sinceMs: number) {
  const db = new Database(`${sandboxDir}/sandbox.sqlite`, { readonly: true, fileMustExist: true });
  try {
    const ops = db.prepare(
      `SELECT operation_id AS id, created_at AS at, status FROM operations
       WHERE account_id = ? AND operation_type = 'putPartnershipStatus' AND dry_run = 0 AND created_at >= ?`,
    );
    const keys = db.prepare("SELECT count(*) AS n FROM idempotency_keys WHERE account_id = ? AND created_at >= ?");
    const status = db.prepare("SELECT status FROM accounts WHERE account_id = ?");
    return new Map(
      accountIds.map((id) => [
        id,
        {
          ops: ops.all(id, sinceMs) as { id: string; at: number; status: string }[],
          keys: (keys.get(id, sinceMs) as { n: number }).n,
          status: (status.get(id) as { status: string } | undefined)?.status ?? null,
        },
      ]),
    );
  } finally {
    db.close();
  }
}

export interface JobCheck {
  status: string;
  total: number;
  done: number;
  skipped: number;
  failed: number;
  settledEqualsTotal: boolean;
  upstreamStatusWrites: number;
  problems: string[];
  problemCount: number;
}

/** The invariants of a finished pause job against the sandbox: each merchant written at most once, none skipped wrongly. */
export function checkJob(sandboxDir: string, st: { job: JobView; items: ItemView[] }, sinceMs: number): JobCheck {
  const ids = st.items.map((i) => i.accountId);
  const upstream = upstreamWrites(sandboxDir, ids, sinceMs);
  const problems: string[] = [];
  for (const item of st.items) {
    const u = upstream.get(item.accountId);
    if (!u) continue;
    if (u.status !== "paused") problems.push(`${item.accountId}: upstream ${u.status}`);
    if (item.state === "done") {
      if (u.ops.length !== 1) problems.push(`${item.accountId}: ${u.ops.length} upstream writes`);
      else if (u.ops[0]?.id !== item.operationId) problems.push(`${item.accountId}: operation id differs`);
      if (u.keys !== 1) problems.push(`${item.accountId}: ${u.keys} idempotency keys upstream`);
    } else if (item.state === "skipped") {
      if (u.ops.length !== 0) problems.push(`${item.accountId}: skipped but written ${u.ops.length}×`);
    } else problems.push(`${item.accountId}: ${item.state} ${item.error ?? ""}`);
  }
  const c = st.job.counts;
  const writes = [...upstream.values()].reduce((n, u) => n + u.ops.length, 0);
  return {
    status: st.job.status,
    total: c.total,
    done: c.done,
    skipped: c.skipped,
    failed: c.failed,
    settledEqualsTotal: settledOf(c) === c.total && c.remaining === 0,
    upstreamStatusWrites: writes,
    problems: problems.slice(0, 10),
    problemCount: problems.length,
  };
}

/**
 * Part 2, bulk: pause n merchants with a little upstream latency, SIGKILL the
 * console when about a third are settled, start it again on the same data. The
 * job resumes on its own (its lease lapses, the restarted runner's sweep takes
 * it over) and finishes; every merchant written once upstream, none skipped.
 */
export async function crashBulk(o: { port: number; sandboxPort: number; dir: string; n: number; latencyMs?: number }) {
  const procs: Proc[] = [];
  for (const d of ["bulk-sandbox", "bulk-console"]) rmSync(`${o.dir}/${d}`, { recursive: true, force: true });
  const sandbox = await startSandbox(o.sandboxPort, `${o.dir}/bulk-sandbox`, Math.ceil(o.n * 1.6));
  procs.push(sandbox);
  // Limits off on both sides: the job runs as fast as the latency lets it.
  const opts = {
    port: o.port,
    dataDir: `${o.dir}/bulk-console`,
    sandboxUrl: sandbox.url,
    env: { UPSTREAM_PACING: "off" },
  };
  try {
    let c = await startConsole(opts);
    procs.push(c);
    let s = await signIn(c.url, "admin@demo.test");
    const ids = await activeMerchants(s, o.n, Math.ceil(o.n * 1.6));
    await sandboxAdmin(sandbox.url, "POST", "/_sandbox/faults", { latency_ms: o.latencyMs ?? 100 });
    const since = Date.now();
    const jobId = await startPause(s, ids, "soak: crash mid bulk job");
    let atKill = 0;
    for (;;) {
      const st = await jobState(s, jobId);
      atKill = st ? settledOf(st.job.counts) : 0;
      if (atKill >= ids.length / 3 || st?.job.status !== "running") break;
      await sleep(100);
    }
    await c.kill("SIGKILL");
    const killedAt = Date.now();
    c = await startConsole(opts);
    procs.push(c);
    const restartedAt = Date.now();
    s = await signIn(c.url, "admin@demo.test");
    let resumedAt: number | null = null;
    const st = await waitForJob([s], jobId, 120_000, (settled) => {
      if (resumedAt === null && settled > atKill) resumedAt = Date.now();
    });
    const finishedAt = Date.now();
    await sandboxAdmin(sandbox.url, "POST", "/_sandbox/faults", { latency_ms: 0 });
    return {
      merchants: ids.length,
      settledAtKill: atKill,
      ...checkJob(`${o.dir}/bulk-sandbox`, st, since),
      restartSeconds: (restartedAt - killedAt) / 1000,
      resumedSecondsAfterKill: resumedAt === null ? null : (resumedAt - killedAt) / 1000,
      resumedSecondsAfterRestart: resumedAt === null ? null : (resumedAt - restartedAt) / 1000,
      finishedSecondsAfterRestart: (finishedAt - restartedAt) / 1000,
      // Writes in flight at the kill, resent after the restart with their recorded keys and replayed by the API.
      replayedAfterRestart: c.log.filter((l) => l.includes('"replayed":true')).length,
    };
  } finally {
    for (const p of procs.reverse()) await p.kill("SIGKILL").catch(() => {});
  }
}

async function dropSchema(schema: string) {
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

/** Most writes in any 60 s window (the sandbox's windows open at any request), from their times. */
function maxInWindow(times: number[], windowMs = 60_000): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while ((t[i] as number) - (t[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/**
 * Part 4, bulk: two consoles on one PostgreSQL schema and one sandbox with its
 * rate limits on and lowered by `factor` (the consoles' pacing lowered alike).
 * Two pause jobs start at once, one on each instance; each job is run by the
 * instance that started it only (per merchant: one upstream write, one audit
 * entry, by that instance's log); then the instance running job A is killed and
 * B takes job A over and finishes it. No 429 unexpected, and the status writes
 * of both jobs together stay within the allowed rate in every 60 s window.
 */
export async function instancesBulk(o: {
  ports: [number, number];
  sandboxPort: number;
  dir: string;
  schema: string;
  perJob: number;
  factor: number;
}) {
  await dropSchema(o.schema);
  const procs: Proc[] = [];
  const seed = Math.ceil(o.perJob * 2 * 1.7);
  const sandboxDir = `${o.dir}/bulk2-sandbox`;
  for (const d of [sandboxDir, `${o.dir}/bulk2-console`]) rmSync(d, { recursive: true, force: true });
  const sandbox = await startSandbox(o.sandboxPort, sandboxDir, seed, {
    SANDBOX_RATE_LIMITS: "on",
    SANDBOX_RATE_LIMIT_FACTOR: String(o.factor),
  });
  procs.push(sandbox);
  const databaseUrl = `${PG}?schema=${o.schema}`;
  const start = (port: number) =>
    startConsole({
      port,
      dataDir: `${o.dir}/bulk2-console`,
      sandboxUrl: sandbox.url,
      databaseUrl,
      env: { UPSTREAM_RATE_LIMIT_FACTOR: String(o.factor), UPSTREAM_PACING: "on" },
    });
  try {
    const a = await start(o.ports[0]);
    procs.push(a);
    const b = await start(o.ports[1]);
    procs.push(b);
    const sa = await signIn(a.url, "admin@demo.test");
    const sb = { ...sa, base: b.url };
    const ids = await activeMerchants(sa, o.perJob * 2, seed);
    if (ids.length < o.perJob * 2) throw new Error(`only ${ids.length} active merchants`);
    const since = Date.now();
    const [jobA, jobB] = await Promise.all([
      startPause(sa, ids.slice(0, o.perJob), "soak: two instances, job A"),
      startPause(sb, ids.slice(o.perJob), "soak: two instances, job B"),
    ]);
    // The job's lease holder (`console-<pid>-…`), sampled: which instance runs it, in order.
    const names = new Map([
      [String(a.child.pid), "A"],
      [String(b.child.pid), "B"],
    ]);
    const holders = new Map<string, string[]>();
    /** When each job's lease holder last changed (job A: when B took it over). */
    const changedAt = new Map<string, number>();
    const sampler = new pg.Client({ connectionString: PG });
    await sampler.connect();
    let sampling = true;
    const sampling$ = (async () => {
      while (sampling) {
        const r = await sampler.query(`SELECT id, lease_holder FROM "${o.schema}".bulk_jobs WHERE id = ANY($1)`, [
          [jobA, jobB],
        ]);
        for (const row of r.rows) {
          const pid = /^console-(\d+)-/.exec(row.lease_holder ?? "")?.[1];
          const name = pid ? (names.get(pid) ?? `pid ${pid}`) : null;
          const seen = holders.get(row.id) ?? [];
          if (name && seen.at(-1) !== name) {
            holders.set(row.id, [...seen, name]);
            changedAt.set(row.id, Date.now());
          }
        }
        await sleep(500);
      }
    })();
    // Both instances' pages watch both jobs, as two people would.
    let settledA = 0;
    const watchA = (async () => {
      for (;;) {
        const st = await jobState(sa, jobA as string);
        settledA = st ? settledOf(st.job.counts) : settledA;
        if (st?.job.status !== "running" || settledA >= o.perJob / 2) return;
        await sleep(1000);
        await jobState(sb, jobA as string);
      }
    })();
    await watchA;
    // A runs job A (and B job B): kill A halfway through its job; B must take job A over.
    await a.kill("SIGKILL");
    const killedAt = Date.now();
    let takenOverAt: number | null = null;
    const atKill = settledA;
    const [stA, stB] = await Promise.all([
      waitForJob([sb], jobA as string, 300_000, (n) => {
        if (takenOverAt === null && n > atKill) takenOverAt = Date.now();
      }),
      waitForJob([sb], jobB as string, 300_000),
    ]);
    const lastAt = Date.now();
    sampling = false;
    await sampling$;
    await sampler.end();
    const logOf = (p: Proc) => p.log.filter((l) => l.includes('"event":"partnerships.request"'));
    const limited = [...logOf(a), ...logOf(b)].filter((l) => l.includes('"status":429')).length;
    // Per merchant of each job: its successful audit entries (one each), from the shared database.
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    const audit = await client.query(
      `SELECT merchant_id, request_json FROM "${o.schema}".audit_log
       WHERE action = 'merchant.status.update' AND outcome = 'success'`,
    );
    await client.end();
    const audits = new Map<string, number>();
    for (const row of audit.rows) {
      const job = JSON.parse(row.request_json ?? "{}")?.bulkJobId as string | undefined;
      if (job) audits.set(`${job} ${row.merchant_id}`, (audits.get(`${job} ${row.merchant_id}`) ?? 0) + 1);
    }
    const who = (st: { job: JobView; items: ItemView[] }) => ({
      // Which instance ran the job, in order, as its lease holder (sampled twice a second).
      runBy: holders.get(st.job.id) ?? [],
      merchantsWithOneAuditEntry: st.items.filter((i) => audits.get(`${st.job.id} ${i.accountId}`) === 1).length,
    });
    const jobAFigures = { ...checkJob(sandboxDir, stA, since), ...who(stA) };
    const jobBFigures = { ...checkJob(sandboxDir, stB, since), ...who(stB) };
    const times = Array.from(upstreamWrites(sandboxDir, ids, since).values()).flatMap((u) =>
      u.ops.map((op) => Number(op.at)),
    );
    const limit = Math.max(1, Math.floor(60 * o.factor));
    const spanMin = (Math.max(...times) - Math.min(...times)) / 60_000;
    return {
      factor: o.factor,
      allowedStatusWritesPerMinute: limit,
      jobA: jobAFigures,
      jobB: jobBFigures,
      killedASettled: atKill,
      // B holds job A's lease (its runner took it over), then B settles A's next merchant (a paced write).
      takenOverSecondsAfterKill:
        holders.get(jobA as string)?.at(-1) === "B"
          ? ((changedAt.get(jobA as string) as number) - killedAt) / 1000
          : null,
      nextMerchantSettledSecondsAfterKill: takenOverAt === null ? null : (takenOverAt - killedAt) / 1000,
      finishedSecondsAfterKill: (lastAt - killedAt) / 1000,
      upstream429s: limited,
      maxStatusWritesInAny60s: maxInWindow(times),
      achievedPerMinute: spanMin > 0 ? Math.round(((times.length - 1) / spanMin) * 10) / 10 : null,
      seconds: Math.round((lastAt - since) / 1000),
    };
  } finally {
    for (const p of procs.reverse()) await p.kill("SIGKILL").catch(() => {});
    await dropSchema(o.schema);
  }
}
