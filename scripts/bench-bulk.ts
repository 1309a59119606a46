/**
 * `npm run bench:bulk`: a bulk pause job end to end (real engine, real client,
 * in-process sandbox, console database on SQLite in a temp folder).
 *
 * 1. Rate limits on, lowered by configuration so the run takes about a minute
 *    (sandbox SANDBOX_RATE_LIMIT_FACTOR and console UPSTREAM_RATE_LIMIT_FACTOR
 *    both BENCH_FACTOR, default 0.5: 30 status PUTs a minute): the job's
 *    achieved write rate as a share of the allowed rate, and every 429 it drew.
 * 2. Rate limits off: the time to pause BENCH_MERCHANTS (default 1,000) merchants.
 *
 * A benchmark, not a test: it prints a table and sets no thresholds.
 */
import { driveJob } from "../server/bulk/engine";
import { openBulkRig } from "../server/bulk/test-rig";
import {
  createUpstreamLimiter,
  DEFAULT_HEADROOM,
  limitOf,
  type PacingConfig,
} from "../server/partnerships/upstream-limiter";

const FACTOR = Number(process.env.BENCH_FACTOR ?? 0.5);
const MERCHANTS = Number(process.env.BENCH_MERCHANTS ?? 1000);
const CONCURRENCY = Number(process.env.BULK_CONCURRENCY ?? 4);

async function paced() {
  const config: PacingConfig = {
    enabled: true,
    windowMs: 60_000,
    factor: FACTOR,
    overrides: {},
    headroom: DEFAULT_HEADROOM,
  };
  const allowed = limitOf(config, "putStatus"); // per minute, as the sandbox enforces it
  const rig = await openBulkRig({ seed: 200, rateLimits: true, rateLimitFactor: FACTOR });
  try {
    const ids = rig.accounts
      .filter((a) => a.status === "active")
      .slice(0, allowed)
      .map((a) => a.accountId);
    const jobId = await rig.jobOf({ action: "pause", reason: "bench" }, ids);
    const limiter = createUpstreamLimiter(rig.db.kysely, rig.client.parentAccountId, config);
    const started = Date.now();
    const outcome = await driveJob(
      { db: rig.db, client: rig.client, limiter, holder: "bench", concurrency: CONCURRENCY },
      jobId,
    );
    const seconds = (Date.now() - started) / 1000;
    const puts = rig.writes.filter((w) => w.path.endsWith("/status") && w.status < 300).map((w) => w.at);
    // Between the first and the last write: (n − 1) intervals.
    const perMinute = ((puts.length - 1) / (((puts.at(-1) ?? 0) - (puts[0] ?? 0)) / 1000)) * 60;
    return {
      outcome,
      merchants: ids.length,
      seconds,
      allowed,
      perMinute,
      share: perMinute / allowed,
      rateLimited: rig.rateLimited.length,
    };
  } finally {
    await rig.close();
  }
}

async function unpaced() {
  const config: PacingConfig = {
    enabled: false,
    windowMs: 60_000,
    factor: 1,
    overrides: {},
    headroom: DEFAULT_HEADROOM,
  };
  const rig = await openBulkRig({ seed: Math.ceil(MERCHANTS * 2.2), rateLimits: false });
  try {
    const ids = rig.accounts
      .filter((a) => a.status === "active")
      .slice(0, MERCHANTS)
      .map((a) => a.accountId);
    const jobId = await rig.jobOf({ action: "pause", reason: "bench" }, ids);
    const limiter = createUpstreamLimiter(rig.db.kysely, rig.client.parentAccountId, config);
    const started = Date.now();
    const outcome = await driveJob(
      { db: rig.db, client: rig.client, limiter, holder: "bench", concurrency: CONCURRENCY },
      jobId,
    );
    const seconds = (Date.now() - started) / 1000;
    const counts = (await rig.db.bulk.counts([jobId])).get(jobId);
    return { outcome, merchants: ids.length, seconds, done: counts?.done ?? 0, failed: counts?.failed ?? 0 };
  } finally {
    await rig.close();
  }
}

async function main() {
  console.log(`bulk benchmark: concurrency ${CONCURRENCY}, limit factor ${FACTOR}, headroom ${DEFAULT_HEADROOM}`);
  const a = await paced();
  const b = await unpaced();
  const rows = [
    ["run", "merchants", "time", "result", "target"],
    [
      "limits on (lowered)",
      String(a.merchants),
      `${a.seconds.toFixed(1)} s`,
      `${a.perMinute.toFixed(1)}/min of ${a.allowed}/min allowed = ${(a.share * 100).toFixed(1)}%; 429s: ${a.rateLimited}`,
      "≥ 90%, 0 429s",
    ],
    [
      "limits off",
      String(b.merchants),
      `${b.seconds.toFixed(1)} s`,
      `${b.done} paused, ${b.failed} failed (${(b.merchants / b.seconds).toFixed(0)}/s)`,
      "< 30 s",
    ],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join(" | "));
  if (a.outcome !== "completed" || b.outcome !== "completed") console.log(`outcomes: ${a.outcome}, ${b.outcome}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
