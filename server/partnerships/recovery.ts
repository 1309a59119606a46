import "server-only";
import { operation } from "@/lib/partnerships";
import type { AnswerMeta } from "./answer";
import { ConflictError, NotFoundError } from "./errors";
import { isRetryable } from "./retry-policy";
import type { CallSpec, Transport } from "./transport";

export const OPERATION_ROUTE = "/v1/partnership/operations/{operation_id}";
export const operationPath = (id: string) => `/v1/partnership/operations/${encodeURIComponent(id)}`;

export type Recovered = "resend" | { body: unknown; meta: AnswerMeta };

/**
 * A write met 409 "in use by a running request": an earlier try with the same key
 * (whose answer was lost, or a concurrent duplicate) is still running. Poll its
 * operation until the answer is settled and return that answer as if it had
 * arrived (SPEC §4). When the operation cannot tell the answer (unknown, no
 * `response_body`, interrupted, or unreachable), the caller resends with the same key.
 */
export async function recoverThroughOperation(
  transport: Transport,
  operationId: string,
  spec: CallSpec<unknown>,
  attempt: number,
): Promise<Recovered> {
  const { cfg } = transport;
  let waited = 0;
  for (let poll = 0; ; poll++) {
    let op: Awaited<ReturnType<typeof getOperation>>;
    try {
      op = await getOperation(transport, operationId, spec.signal);
    } catch (err) {
      // Unknown operation, or polling itself failing: resending the same key is always safe
      // for a keyed write, and the write's own attempts bound how often that happens.
      if (err instanceof NotFoundError || isRetryable(err)) return "resend";
      throw err;
    }
    cfg.logger.info({ event: "partnerships.recovery", operationId, status: op.status, poll, attempt });
    if (op.http_status !== null && op.response_body !== undefined && op.response_body !== null) {
      return {
        body: op.response_body,
        meta: {
          status: op.http_status,
          requestId: null,
          operationId,
          replayed: true,
          dryRun: op.dry_run,
          retryAfterSeconds: null,
          attempts: attempt,
        },
      };
    }
    // Settled without a readable answer (tolerance, or `interrupted`): the key may be resent.
    if (op.status === "completed" || op.status === "failed") return "resend";
    const delay = Math.min(cfg.maxDelayMs, Math.max(50, cfg.baseDelayMs) * 2 ** poll);
    if (waited + delay > cfg.maxPollMs) {
      throw new ConflictError(
        `The same change is still running upstream after ${Math.round(waited / 1000)} s (operation ${operationId}). Check the operation later.`,
        { status: 409, operationId, reason: "in_flight", attempts: attempt },
      );
    }
    await transport.sleep(delay, spec);
    waited += delay;
  }
}

async function getOperation(transport: Transport, id: string, signal?: AbortSignal) {
  const res = await transport.call({
    method: "GET",
    route: OPERATION_ROUTE,
    path: operationPath(id),
    schema: operation,
    kind: "read",
    signal,
  });
  return res.data;
}
