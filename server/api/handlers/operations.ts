import "server-only";
import { z } from "zod";
import { actionPrefixes } from "@/lib/operations/actions";
import { accountId } from "@/lib/partnerships/formats";
import type { JournalQuery } from "@/server/db/types";
import type { HandlerContext, HandlerResult } from "../types";

const RUNNING = ["pending", "in_progress", "unknown"];

/** The tracker's filters (also the page's URL): status, action, merchant, user, whose, and the running ones. */
export const trackerQuery = z.strictObject({
  limit: z.coerce.number().int("must be an integer").min(1, "must be 1 to 200").max(200, "must be 1 to 200").optional(),
  cursor: z.string().min(1).max(1024, "is too long").optional(),
  merchantId: accountId.optional(),
  status: z.enum(["pending", "in_progress", "completed", "failed", "unknown"]).optional(),
  action: z.string().max(120, "is too long").optional(),
  user: z.string().max(254, "is too long").optional(),
  /** Only the signed-in user's operations. */
  mine: z.enum(["true", "false"]).optional(),
  /** Only operations not yet settled (pending, in progress, outcome unknown). */
  running: z.enum(["true", "false"]).optional(),
});
export type TrackerQuery = z.infer<typeof trackerQuery>;

export function journalQuery(q: TrackerQuery, userId: string | null): JournalQuery {
  return {
    limit: q.limit,
    cursor: q.cursor,
    merchantId: q.merchantId,
    status: q.status,
    action: actionPrefixes(q.action || undefined),
    userEmail: q.user?.trim() || undefined,
    userId: q.mine === "true" && userId ? userId : undefined,
    statuses: q.running === "true" ? RUNNING : undefined,
  };
}

export async function listOperations(ctx: HandlerContext<unknown, TrackerQuery, undefined>): Promise<HandlerResult> {
  const page = await ctx.db.journal.list(journalQuery(ctx.query, ctx.user?.id ?? null));
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
