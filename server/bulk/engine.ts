import "server-only";
import { bulkParams } from "@/lib/bulk/schemas";
import type { BulkItemRow, BulkJobRow } from "@/server/db/repos/bulk";
import type { AuditOutcome, ConsoleDb, Role } from "@/server/db/types";
import { PartnershipsError, RateLimitedError, UpstreamUnavailableError } from "@/server/partnerships/errors";
import { isRetryable } from "@/server/partnerships/retry-policy";
import type { PartnershipsClient } from "@/server/partnerships/types";
import type { UpstreamLimiter } from "@/server/partnerships/upstream-limiter";
import { type ApplyDeps, applyItem } from "./apply";

/**
 * Drives one bulk job on this server, independently of any browser: claims the
 * job's lease (one instance at a time, renewed while it works; an instance that
 * dies loses it within the TTL and another takes over), then works through the
 * due items a few at a time, paced by the shared upstream limiter, until none
 * is left, the job is paused or cancelled, or the lease is lost.
 */

export interface EngineDeps extends ApplyDeps {
  db: ConsoleDb;
  client: PartnershipsClient;
  limiter: UpstreamLimiter;
  holder: string;
  concurrency?: number;
  leaseTtlMs?: number;
  /** Tries of one merchant's write before it counts as failed. */
  maxAttempts?: number;
  /** Backoff base between those tries. */
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type DriveOutcome = "completed" | "paused" | "cancelled" | "busy" | "missing" | "lost_lease";

export const jobLeaseName = (jobId: string) => `bulk:${jobId}`;
const DEFAULT_TTL_MS = 15_000;
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function driveJob(deps: EngineDeps, jobId: string): Promise<DriveOutcome> {
  const { db } = deps;
  const ttl = deps.leaseTtlMs ?? DEFAULT_TTL_MS;
  const sleep = deps.sleep ?? realSleep;
  const lease = jobLeaseName(jobId);
  if (!(await db.leases.acquire(lease, deps.holder, ttl))) return "busy";
  let lost = false;
  const beat = setInterval(
    () => {
      db.leases.renew(lease, deps.holder, ttl).then(
        (ok) => {
          if (!ok) lost = true;
        },
        () => undefined,
      );
      db.bulk.heartbeat(jobId, deps.holder).catch(() => undefined);
    },
    Math.max(50, Math.floor(ttl / 3)),
  );
  beat.unref?.();
  try {
    await db.bulk.heartbeat(jobId, deps.holder);
    for (;;) {
      const job = await db.bulk.getJob(jobId);
      if (!job) return "missing";
      if (job.status !== "running") return job.status === "completed" ? "completed" : job.status;
      if (lost || !(await db.leases.renew(lease, deps.holder, ttl))) return "lost_lease";
      const batch = await db.bulk.dueItems(jobId, Date.now(), deps.concurrency ?? 4);
      if (batch.length === 0) {
        const due = await db.bulk.nextDueAt(jobId);
        if (due === null) {
          await db.bulk.setStatus(jobId, "completed", ["running"]);
          return "completed";
        }
        await sleep(Math.min(1000, Math.max(10, due - Date.now())));
        continue;
      }
      await Promise.all(batch.map((item) => runItem(deps, job, item)));
    }
  } finally {
    clearInterval(beat);
    await db.leases.release(lease, deps.holder).catch(() => undefined);
  }
}

async function runItem(deps: EngineDeps, job: BulkJobRow, item: BulkItemRow): Promise<void> {
  const { db } = deps;
  const params = bulkParams.parse(job.params);
  const action =
    params.action === "pause" || params.action === "resume" ? "merchant.status.update" : "merchant.controls.update";
  const operationType = action === "merchant.status.update" ? "putPartnershipStatus" : "putMarketplaceControls";
  const audit = (outcome: AuditOutcome, fields: Record<string, unknown>) =>
    db.audit.append({
      userId: job.createdById,
      userEmail: job.createdByEmail,
      role: (job.createdByRole as Role | null) ?? null,
      action,
      merchantId: item.accountId,
      request: { bulkJobId: job.id, action: params.action, ...("reason" in params ? { reason: params.reason } : {}) },
      outcome,
      ...fields,
    });
  try {
    const applied = await applyItem(deps, item, params, (key) => ({
      idempotencyKey: key,
      // SPEC §9: the operation id is kept the moment it is known, before the body is parsed.
      onOperationId: async (operationId) => {
        await db.bulk.setOperationId(item.jobId, item.accountId, operationId);
        await db.journal
          .record({
            operationId,
            userId: job.createdById,
            userEmail: job.createdByEmail,
            merchantId: item.accountId,
            action,
            operationType,
            dryRun: false,
            status: "in_progress",
            idempotencyKey: key,
          })
          .catch(() => undefined);
      },
    }));
    if (applied.outcome === "skipped") {
      await db.bulk.settle(job.id, item.accountId, { state: "skipped", before: applied.before, after: applied.before });
      return;
    }
    const { result } = applied;
    await db.bulk.settle(job.id, item.accountId, {
      state: "done",
      before: applied.before,
      after: applied.after,
      operationId: result.operationId,
    });
    if (result.operationId)
      await db.journal.update(result.operationId, { status: "completed", httpStatus: result.status });
    await audit("success", {
      before: applied.before,
      after: applied.after,
      httpStatus: result.status,
      upstreamRequestId: result.requestId,
      operationId: result.operationId,
      idempotencyKey: applied.key,
    });
    if (action === "merchant.status.update") {
      const status = (applied.after as { status: "active" | "paused" }).status;
      // The merchant index follows the console's own writes at once; a failure there never fails the write.
      await db.merchants.setStatusLocal(item.accountId, status).catch(() => undefined);
    }
  } catch (err) {
    await failOrDefer(deps, job, item, err, audit);
  }
}

async function failOrDefer(
  deps: EngineDeps,
  job: BulkJobRow,
  item: BulkItemRow,
  err: unknown,
  audit: (outcome: AuditOutcome, fields: Record<string, unknown>) => Promise<unknown>,
): Promise<void> {
  const { db } = deps;
  const current = await db.bulk.getItem(job.id, item.accountId);
  const attempts = current?.attempts ?? item.attempts;
  const message = err instanceof Error ? err.message : String(err);
  const retryAfterMs =
    err instanceof PartnershipsError && err.retryAfterSeconds !== null ? err.retryAfterSeconds * 1000 : null;
  if (err instanceof RateLimitedError) {
    // Honour Retry-After for the whole route, not only this merchant: every instance's calls wait.
    const wait = retryAfterMs ?? 1000;
    const route = job.action === "pause" || job.action === "resume" ? "putStatus" : "putControls";
    await deps.limiter.penalize(route, wait).catch(() => undefined);
  }
  const operationId = current?.operationId ?? null;
  if (isRetryable(err) && attempts < (deps.maxAttempts ?? 5)) {
    const backoff = (deps.retryBaseMs ?? 1000) * 2 ** Math.max(0, attempts - 1);
    const at = Date.now() + Math.max(retryAfterMs ?? 0, Math.floor(backoff * (0.5 + Math.random() / 2)));
    // The same key is kept for the next try: the API replays the write if it was made.
    await db.bulk.defer(job.id, item.accountId, { atMs: at, error: message, spendKey: !current?.idempotencyKey });
    return;
  }
  // A final 4xx is kept upstream under its key: a retry must send a new one. An unknown outcome keeps the key.
  const outcomeUnknown = err instanceof UpstreamUnavailableError || isRetryable(err);
  await db.bulk.settle(job.id, item.accountId, { state: "failed", error: message, spendKey: !outcomeUnknown });
  if (operationId) await db.journal.update(operationId, { status: "failed", error: message }).catch(() => undefined);
  await audit(outcomeUnknown ? "error" : "failure", {
    before: current?.before ?? null,
    httpStatus: err instanceof PartnershipsError ? err.status : null,
    message,
    operationId,
    idempotencyKey: current?.idempotencyKey ?? null,
  });
}
