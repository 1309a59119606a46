import "server-only";
import { type Kysely, sql } from "kysely";
import type { BulkAction, BulkItemState, BulkJobStatus } from "@/lib/bulk/schemas";
import type { Database } from "../schema";
import type { BulkJobItemsTable, BulkJobsTable } from "../schema-bulk";
import { fromJsonText, newId, nowIso, toJsonText, toNumber } from "../util";
import type { BulkItemRow, BulkJobRow, BulkRepo, ItemCounts } from "./bulk-types";

export type * from "./bulk-types";

/**
 * Bulk jobs and their items (migration 0008_bulk_jobs). Counts are derived from
 * the items (one grouped query), so a crash between two statements can never
 * leave a count that disagrees with the outcomes. Every item change is one
 * conditional statement on its (job, account) key.
 */

function toJob(r: BulkJobsTable): BulkJobRow {
  return {
    id: r.id,
    action: r.action as BulkAction,
    params: fromJsonText(r.params_json),
    selection: fromJsonText(r.selection_json),
    createdById: r.created_by_id,
    createdByEmail: r.created_by_email,
    createdByRole: r.created_by_role,
    status: r.status as BulkJobStatus,
    total: Number(r.total),
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
    leaseHolder: r.lease_holder,
    heartbeatAt: r.heartbeat_at,
  };
}

function toItem(r: BulkJobItemsTable): BulkItemRow {
  return {
    jobId: r.job_id,
    position: Number(r.position),
    accountId: r.account_id,
    brand: r.brand,
    state: r.state as BulkItemState,
    idempotencyKey: r.idempotency_key,
    request: fromJsonText(r.request_json),
    before: fromJsonText(r.before_json),
    after: fromJsonText(r.after_json),
    operationId: r.operation_id,
    error: r.error,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at === null ? null : toNumber(r.next_attempt_at),
    finishedAt: r.finished_at === null ? null : toNumber(r.finished_at),
  };
}

const emptyCounts = (): ItemCounts => ({ pending: 0, sending: 0, done: 0, skipped: 0, failed: 0 });

export function bulkRepo(db: Kysely<Database>): BulkRepo {
  const item = (jobId: string, accountId: string) =>
    db.updateTable("bulk_job_items").where("job_id", "=", jobId).where("account_id", "=", accountId);

  return {
    async createJob(input) {
      const at = nowIso();
      const id = newId();
      const row: BulkJobsTable = {
        id,
        action: input.action,
        params_json: toJsonText(input.params) ?? "null",
        selection_json: toJsonText(input.selection) ?? "null",
        created_by_id: input.createdBy?.id ?? null,
        created_by_email: input.createdBy?.email ?? null,
        created_by_role: input.createdBy?.role ?? null,
        status: "running",
        total: input.merchants.length,
        done: 0,
        failed: 0,
        skipped: 0,
        created_at: at,
        started_at: at,
        finished_at: null,
        updated_at: at,
        lease_holder: null,
        heartbeat_at: null,
      };
      await db.transaction().execute(async (tx) => {
        await tx.insertInto("bulk_jobs").values(row).execute();
        // Chunks keep each statement under SQLite's bound-parameter limit.
        for (let i = 0; i < input.merchants.length; i += 200) {
          await tx
            .insertInto("bulk_job_items")
            .values(
              input.merchants.slice(i, i + 200).map((m, j) => ({
                job_id: id,
                position: i + j,
                account_id: m.accountId,
                brand: m.brand,
                state: "pending",
                attempts: 0,
                updated_at: at,
              })),
            )
            .execute();
        }
      });
      return toJob(row);
    },

    async getJob(id) {
      const r = await db.selectFrom("bulk_jobs").selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toJob(r) : undefined;
    },

    async listJobs(limit) {
      const rows = await db
        .selectFrom("bulk_jobs")
        .selectAll()
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(toJob);
    },

    async runningJobIds() {
      const rows = await db.selectFrom("bulk_jobs").select("id").where("status", "=", "running").execute();
      return rows.map((r) => r.id);
    },

    async counts(jobIds) {
      const out = new Map<string, ItemCounts>(jobIds.map((id) => [id, emptyCounts()]));
      if (jobIds.length === 0) return out;
      const rows = await db
        .selectFrom("bulk_job_items")
        .select(["job_id", "state", sql<number>`count(*)`.as("n")])
        .where("job_id", "in", jobIds)
        .groupBy(["job_id", "state"])
        .execute();
      for (const r of rows) {
        const c = out.get(r.job_id);
        if (c && r.state in c) c[r.state as BulkItemState] = Number(r.n);
      }
      return out;
    },

    async settledSince(jobId, sinceMs) {
      const r = await db
        .selectFrom("bulk_job_items")
        .select(sql<number>`count(*)`.as("n"))
        .where("job_id", "=", jobId)
        .where("finished_at", ">=", sinceMs)
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    async listItems(jobId, opts = {}) {
      let q = db.selectFrom("bulk_job_items").selectAll().where("job_id", "=", jobId);
      if (opts.state) q = q.where("state", "=", opts.state);
      const rows = await q
        .orderBy("position")
        .limit(opts.limit ?? 1000)
        .execute();
      return rows.map(toItem);
    },

    async getItem(jobId, accountId) {
      const r = await db
        .selectFrom("bulk_job_items")
        .selectAll()
        .where("job_id", "=", jobId)
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      return r ? toItem(r) : undefined;
    },

    async dueItems(jobId, nowMs, limit) {
      const rows = await db
        .selectFrom("bulk_job_items")
        .selectAll()
        .where("job_id", "=", jobId)
        .where("state", "in", ["pending", "sending"])
        .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", nowMs)]))
        .orderBy("position")
        .limit(limit)
        .execute();
      return rows.map(toItem);
    },

    async nextDueAt(jobId) {
      const r = await db
        .selectFrom("bulk_job_items")
        .select(sql<number | string | null>`min(next_attempt_at)`.as("at"))
        .where("job_id", "=", jobId)
        .where("state", "in", ["pending", "sending"])
        .executeTakeFirst();
      return r?.at === null || r?.at === undefined ? null : toNumber(r.at);
    },

    async setStatus(id, to, from) {
      const at = nowIso();
      const finished = to === "completed" || to === "cancelled";
      // The job row's counts are a snapshot taken at each change of status (the items stay the authority).
      const countOf = (state: string) =>
        db
          .selectFrom("bulk_job_items")
          .select(sql<number>`count(*)`.as("n"))
          .where("job_id", "=", id)
          .where("state", "=", state);
      const r = await db
        .updateTable("bulk_jobs")
        .set({
          status: to,
          updated_at: at,
          finished_at: finished ? at : null,
          done: countOf("done"),
          failed: countOf("failed"),
          skipped: countOf("skipped"),
        })
        .where("id", "=", id)
        .where("status", "in", from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async heartbeat(id, holder) {
      await db
        .updateTable("bulk_jobs")
        .set({ lease_holder: holder, heartbeat_at: nowIso() })
        .where("id", "=", id)
        .execute();
    },

    async recordSending(jobId, accountId, input) {
      await item(jobId, accountId)
        .set((eb) => ({
          state: "sending",
          idempotency_key: input.idempotencyKey,
          request_json: toJsonText(input.request),
          before_json: toJsonText(input.before),
          operation_id: null,
          attempts: eb("attempts", "+", 1),
          next_attempt_at: null,
          updated_at: nowIso(),
        }))
        .execute();
    },

    async setOperationId(jobId, accountId, operationId) {
      await item(jobId, accountId).set({ operation_id: operationId, updated_at: nowIso() }).execute();
    },

    async settle(jobId, accountId, input) {
      await item(jobId, accountId)
        .set({
          state: input.state,
          ...(input.before !== undefined ? { before_json: toJsonText(input.before) } : {}),
          ...(input.after !== undefined ? { after_json: toJsonText(input.after) } : {}),
          ...(input.operationId !== undefined ? { operation_id: input.operationId } : {}),
          error: input.error ?? null,
          next_attempt_at: null,
          ...(input.spendKey ? { idempotency_key: null, request_json: null } : {}),
          finished_at: Date.now(),
          updated_at: nowIso(),
        })
        .execute();
    },

    async defer(jobId, accountId, input) {
      await item(jobId, accountId)
        .set({
          state: input.spendKey ? "pending" : "sending",
          next_attempt_at: input.atMs,
          error: input.error,
          ...(input.spendKey ? { idempotency_key: null, request_json: null } : {}),
          updated_at: nowIso(),
        })
        .execute();
    },

    async requeueFailed(jobId) {
      const r = await db
        .updateTable("bulk_job_items")
        .set({ state: "pending", attempts: 0, next_attempt_at: null, finished_at: null, updated_at: nowIso() })
        .where("job_id", "=", jobId)
        .where("state", "=", "failed")
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
