import "server-only";
import type { RunStepError } from "@/lib/onboarding/run";
import { mapUpstreamError } from "@/server/api/upstream-errors";
import { ConflictError, isTransient, type PartnershipsError } from "@/server/partnerships/errors";

/**
 * A failed write as a go-live step records it: the message the console's API
 * would answer with (same wording everywhere), the ids support needs, and
 * whether the answer is final for its key (a kept 4xx: only a changed request,
 * with a new key, can succeed) or the same key may be sent again.
 */
export function stepErrorFrom(err: PartnershipsError, step: string): RunStepError {
  const mapped = mapUpstreamError(err, { write: true, retrySafe: true });
  const inFlight = err instanceof ConflictError && err.reason === "in_flight";
  const final = !mapped.retryable && !mapped.outcomeUnknown && !inFlight && !isTransient(err);
  let code = mapped.error.code;
  let message = mapped.error.message;
  if (step === "register" && err instanceof ConflictError && !inFlight) {
    code = "conflict_other_store";
    message = `${err.upstreamMessage ?? err.message}: another merchant of your platform already uses this external account ID with a different store URL. Use that merchant, or change the external account ID or the store URL.`;
  }
  return {
    code,
    message,
    httpStatus: err.status || null,
    field: err.field,
    requestId: err.requestId,
    operationId: err.operationId,
    final,
  };
}

export function internalStepError(message: string): RunStepError {
  return {
    code: "internal",
    message,
    httpStatus: null,
    field: null,
    requestId: null,
    operationId: null,
    final: false,
  };
}
