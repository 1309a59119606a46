import "server-only";
import type { BulkAction, BulkItemState, BulkJobStatus } from "@/lib/bulk/schemas";

/** The bulk jobs repository's interface and rows (implementation: bulk.ts). */

export interface BulkJobRow {
  id: string;
  action: BulkAction;
  params: unknown;
  selection: unknown;
  createdById: string | null;
  createdByEmail: string | null;
  createdByRole: string | null;
  status: BulkJobStatus;
  total: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  leaseHolder: string | null;
  heartbeatAt: string | null;
}

export interface BulkItemRow {
  jobId: string;
  position: number;
  accountId: string;
  brand: string;
  state: BulkItemState;
  idempotencyKey: string | null;
  request: unknown;
  before: unknown;
  after: unknown;
  operationId: string | null;
  error: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  finishedAt: number | null;
}

export type ItemCounts = Record<BulkItemState, number>;

export interface BulkRepo {
  createJob(input: {
    action: BulkAction;
    params: unknown;
    selection: unknown;
    createdBy: { id: string; email: string; role: string } | null;
    merchants: { accountId: string; brand: string }[];
  }): Promise<BulkJobRow>;
  getJob(id: string): Promise<BulkJobRow | undefined>;
  listJobs(limit: number): Promise<BulkJobRow[]>;
  /** Ids of the jobs left running (a sweep resumes them). */
  runningJobIds(): Promise<string[]>;
  counts(jobIds: string[]): Promise<Map<string, ItemCounts>>;
  /** Items settled at or after `sinceMs`: the job's recent rate. */
  settledSince(jobId: string, sinceMs: number): Promise<number>;
  listItems(jobId: string, opts?: { limit?: number; state?: BulkItemState }): Promise<BulkItemRow[]>;
  getItem(jobId: string, accountId: string): Promise<BulkItemRow | undefined>;
  /** Items still to work on (pending or sent without an answer), due by `nowMs`, in job order. */
  dueItems(jobId: string, nowMs: number, limit: number): Promise<BulkItemRow[]>;
  /** The earliest time a deferred item is due, or null when none waits. */
  nextDueAt(jobId: string): Promise<number | null>;
  /** Moves the job from one of `from` to `to`; false when it was in none of them. */
  setStatus(id: string, to: BulkJobStatus, from: BulkJobStatus[]): Promise<boolean>;
  heartbeat(id: string, holder: string): Promise<void>;
  /** Records the key and the exact request BEFORE the write is sent (a restart resends them as they are). */
  recordSending(
    jobId: string,
    accountId: string,
    input: { idempotencyKey: string; request: unknown; before: unknown },
  ): Promise<void>;
  setOperationId(jobId: string, accountId: string, operationId: string): Promise<void>;
  /** Settles an item. `spendKey` forgets the key (a final 4xx is kept upstream for it: a retry needs a new one). */
  settle(
    jobId: string,
    accountId: string,
    input: {
      state: "done" | "skipped" | "failed";
      before?: unknown;
      after?: unknown;
      operationId?: string | null;
      error?: string | null;
      spendKey?: boolean;
    },
  ): Promise<void>;
  /** Puts an item back in the queue until `atMs` (backoff, Retry-After); `spendKey` as in settle. */
  defer(jobId: string, accountId: string, input: { atMs: number; error: string; spendKey?: boolean }): Promise<void>;
  /** Failed items back to pending (same job); their count. */
  requeueFailed(jobId: string): Promise<number>;
}
