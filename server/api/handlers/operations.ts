import "server-only";
import type { HandlerContext, HandlerResult } from "../types";

type ListQuery = { limit?: number; cursor?: string; merchantId?: string; status?: string };

export async function listOperations(ctx: HandlerContext<unknown, ListQuery, undefined>): Promise<HandlerResult> {
  const page = await ctx.db.journal.list(ctx.query);
  return { body: { data: page } };
}

/** Reads the operation upstream and brings the console's journal up to date with it. */
export async function getOperation(
  ctx: HandlerContext<{ operationId: string }, unknown, undefined>,
): Promise<HandlerResult> {
  const client = await ctx.client();
  const result = await client.getOperation(ctx.params.operationId, { signal: ctx.request.signal });
  const op = result.data;
  let journal = await ctx.db.journal.get(op.operation_id);
  if (journal && (journal.status !== op.status || journal.httpStatus !== op.http_status)) {
    await ctx.db.journal.update(op.operation_id, { status: op.status, httpStatus: op.http_status, error: op.error });
    journal = await ctx.db.journal.get(op.operation_id);
  }
  ctx.audit.merchantId = op.account_id;
  return {
    body: { data: { operation: op, journal: journal ?? null }, requestId: result.requestId },
    requestId: result.requestId,
  };
}
