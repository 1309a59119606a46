import "server-only";
import type { OperationRequest } from "@/components/operations/operation-view";
import type { UpstreamOperation } from "@/components/operations/use-operation-poll";
import { isUpstreamError, mapUpstreamError } from "@/server/api/upstream-errors";
import type { ConsoleDb, JournalEntry } from "@/server/db/types";
import { getPartnershipsClient } from "@/server/partnerships";

const OPERATION_ID = /^[A-Za-z0-9._-]{1,128}$/;

export type OperationPage =
  | { kind: "not_found" }
  | { kind: "error"; message: string }
  | { kind: "loaded"; operation: UpstreamOperation; journal: JournalEntry | null; request: OperationRequest | null };

/**
 * The operation as the API knows it now (the journal brought up to date with
 * it), and the request that caused it from the audit log. A made-up id or
 * another partner's is "not found": the API answers 404 for both.
 */
export async function loadOperationPage(db: ConsoleDb, operationId: string): Promise<OperationPage> {
  if (!OPERATION_ID.test(operationId)) return { kind: "not_found" };
  let operation: UpstreamOperation;
  try {
    operation = (await getPartnershipsClient().getOperation(operationId)).data as UpstreamOperation;
  } catch (err) {
    // By status, not class: the page's bundle may hold its own copy of the error classes.
    const status = (err as { status?: unknown }).status;
    if (status === 404 || status === 403) return { kind: "not_found" };
    if (!isUpstreamError(err)) console.error("operation page:", err instanceof Error ? err.message : err);
    const message = isUpstreamError(err)
      ? mapUpstreamError(err, { write: false, retrySafe: true }).error.message
      : "The console could not read this operation. Try again.";
    return { kind: "error", message };
  }
  let journal = (await db.journal.get(operationId)) ?? null;
  if (journal && (journal.status !== operation.status || journal.httpStatus !== operation.http_status)) {
    await db.journal.update(operationId, {
      status: operation.status,
      httpStatus: operation.http_status,
      error: operation.error,
    });
    // Keep what the journal said before: a lost answer recovered here is worth saying so.
    journal = { ...journal, status: journal.status };
  }
  const audit = (await db.audit.list({ operationId, limit: 20 })).entries;
  const original = audit.findLast((e) => (e.request as { method?: string } | null)?.method !== undefined) ?? null;
  const request = original
    ? {
        at: original.at,
        userEmail: original.userEmail,
        action: original.action,
        outcome: original.outcome,
        httpStatus: original.httpStatus,
        message: original.message,
        upstreamRequestId: original.upstreamRequestId,
        idempotencyKey: original.idempotencyKey,
        ...(original.request as { method?: string; path?: string; query?: string; body?: unknown }),
      }
    : null;
  return { kind: "loaded", operation, journal, request };
}
