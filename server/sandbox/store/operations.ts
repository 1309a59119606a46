import type { Operation, OperationStatus, OperationType } from "@/lib/partnerships";
import { iso, newOperationId } from "../http";
import { prep, type SandboxState } from "../state";

const OPERATION_RETENTION_MS = 7 * 24 * 3600 * 1000;

interface OperationRow {
  operation_id: string;
  parent_id: string;
  operation_type: OperationType;
  account_id: string | null;
  dry_run: number;
  status: OperationStatus;
  created_at: number;
  updated_at: number;
  http_status: number | null;
  response_body: string | null;
  error: string | null;
  long_running_at: number | null;
}

export function allocateOperation(
  s: SandboxState,
  parentId: string,
  type: OperationType,
  accountId: string | null,
  dryRun: boolean,
): string {
  const id = newOperationId();
  const now = s.now();
  // A live deletion is the one long-running write: pending until half its duration (SPEC §5.11).
  const status: OperationStatus = type === "dataDeletion" && !dryRun ? "pending" : "in_progress";
  prep(
    s,
    `INSERT INTO operations (operation_id, parent_id, operation_type, account_id, dry_run, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, parentId, type, accountId, dryRun ? 1 : 0, status, now, now);
  return id;
}

export interface Settlement {
  httpStatus: number;
  bodyText: string;
  message: string;
  accountId?: string | null;
  /** Set for a live deletion's 202: the moment t its derived progress counts from. */
  longRunningAt?: number;
}

/** Records a write's answer; must run inside the write's transaction. */
export function settleOperation(s: SandboxState, operationId: string, st: Settlement): void {
  const now = s.now();
  const ok = st.httpStatus < 400;
  const long = st.longRunningAt !== undefined;
  const status: OperationStatus = long ? "pending" : ok ? "completed" : "failed";
  prep(
    s,
    `UPDATE operations SET status = ?, updated_at = CASE WHEN status = ? THEN updated_at ELSE ? END,
       http_status = ?, response_body = ?, error = ?, long_running_at = ?,
       account_id = CASE WHEN ? THEN ? ELSE account_id END WHERE operation_id = ?`,
  ).run(
    status,
    status,
    now,
    st.httpStatus,
    st.bodyText,
    ok ? null : st.message,
    st.longRunningAt ?? null,
    st.accountId !== undefined ? 1 : 0,
    st.accountId ?? null,
    operationId,
  );
}

/** Status and updated_at of a live deletion, derived from t and D. */
function derived(s: SandboxState, row: OperationRow): { status: OperationStatus; updatedAt: number } {
  if (row.long_running_at === null) return { status: row.status, updatedAt: row.updated_at };
  const t = row.long_running_at;
  const d = s.opts.deletionMs;
  const now = s.now();
  if (now >= t + d) return { status: "completed", updatedAt: t + d };
  if (now >= t + d / 2) return { status: "in_progress", updatedAt: Math.floor(t + d / 2) };
  return { status: "pending", updatedAt: row.updated_at };
}

/** The operation as GET shows it, or undefined if unknown, another manager's, or past retention. */
export function getOperation(s: SandboxState, parentId: string, operationId: string): Operation | undefined {
  const row = prep(s, "SELECT * FROM operations WHERE operation_id = ?").get(operationId) as OperationRow | undefined;
  if (!row || row.parent_id !== parentId || row.created_at <= s.now() - OPERATION_RETENTION_MS) return undefined;
  const d = derived(s, row);
  return {
    operation_id: row.operation_id,
    operation_type: row.operation_type,
    account_id: row.account_id,
    status: d.status,
    dry_run: row.dry_run === 1,
    created_at: iso(row.created_at),
    updated_at: iso(d.updatedAt),
    http_status: row.http_status,
    response_body: row.response_body === null ? null : JSON.parse(row.response_body),
    error: row.error,
  };
}

/** On start: answers never settled become failed "interrupted"; their key reservations go (SPEC §4). */
export function recoverInterrupted(s: SandboxState): void {
  const now = s.now();
  s.db.transaction(() => {
    prep(
      s,
      `DELETE FROM idempotency_keys WHERE settled = 0 OR operation_id IN
         (SELECT operation_id FROM operations WHERE http_status IS NULL)`,
    ).run();
    prep(
      s,
      "UPDATE operations SET status = 'failed', error = 'interrupted', updated_at = ? WHERE http_status IS NULL",
    ).run(now);
  })();
}

/** Drops operations past 7 days and keys past 24 hours; cheap, run now and then. */
export function purgeExpired(s: SandboxState): void {
  const now = s.now();
  if (now - s.lastPurge < 60_000) return;
  s.lastPurge = now;
  prep(s, "DELETE FROM operations WHERE created_at <= ?").run(now - OPERATION_RETENTION_MS);
  prep(s, "DELETE FROM idempotency_keys WHERE created_at <= ? AND settled = 1").run(now - 24 * 3600 * 1000);
}
