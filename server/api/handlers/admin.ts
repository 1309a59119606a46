import "server-only";
import { z } from "zod";
import { csvCell } from "@/lib/csv";
import { actionPrefixes } from "@/lib/operations/actions";
import { accountId } from "@/lib/partnerships/formats";
import type { AuditQuery, ConsoleDb } from "@/server/db/types";
import type { HandlerContext, HandlerResult } from "../types";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayOrInstant = z
  .string()
  .refine((v) => (DAY.test(v) || v.includes("T")) && !Number.isNaN(Date.parse(v)), "must be a date (YYYY-MM-DD)");

/** The audit log's filters (the page's URL and GET /api/audit): user, merchant, action, outcome, time range. */
export const auditFilterQuery = z.strictObject({
  limit: z.coerce.number().int("must be an integer").min(1, "must be 1 to 200").max(200, "must be 1 to 200").optional(),
  cursor: z.string().min(1).max(1024, "is too long").optional(),
  user: z.string().max(254, "is too long").optional(),
  /** The older name of `user`. */
  userEmail: z.string().max(254, "is too long").optional(),
  merchantId: accountId.optional(),
  /** A named action (lib/operations/actions.ts) or a raw action prefix. */
  action: z.string().max(120, "is too long").optional(),
  outcome: z
    .enum(["success", "failure", "denied", "error"], { error: "must be success, failure, denied or error" })
    .optional(),
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
});
export type AuditFilterQuery = z.infer<typeof auditFilterQuery>;

/** Dates are whole UTC days: "from" at its first millisecond, "to" at its last. */
export function auditQueryOf(q: AuditFilterQuery): AuditQuery {
  const user = (q.user ?? q.userEmail)?.trim().toLowerCase();
  return {
    limit: q.limit,
    cursor: q.cursor,
    userEmail: user || undefined,
    merchantId: q.merchantId,
    action: actionPrefixes(q.action?.trim() || undefined),
    outcome: q.outcome,
    from: q.from ? (DAY.test(q.from) ? `${q.from}T00:00:00.000Z` : new Date(q.from).toISOString()) : undefined,
    to: q.to ? (DAY.test(q.to) ? `${q.to}T23:59:59.999Z` : new Date(q.to).toISOString()) : undefined,
  };
}

export async function listAudit(ctx: HandlerContext<unknown, AuditFilterQuery, undefined>): Promise<HandlerResult> {
  return { body: { data: await ctx.db.audit.list(auditQueryOf(ctx.query)) } };
}

const CSV_COLUMNS = [
  "time",
  "user",
  "role",
  "action",
  "merchant",
  "outcome",
  "http_status",
  "message",
  "request_id",
  "operation_id",
  "idempotency_key",
  "ip",
  "request",
  "before",
  "after",
] as const;

/** The filtered audit log as CSV, newest first, at most `max` rows (read page by page). */
export async function auditCsv(
  db: ConsoleDb,
  q: AuditFilterQuery,
  max = 10_000,
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const lines = [CSV_COLUMNS.join(",")];
  let cursor: string | undefined;
  let rows = 0;
  do {
    const page = await db.audit.list({ ...auditQueryOf(q), limit: 200, cursor });
    for (const e of page.entries) {
      lines.push(
        [
          e.at,
          e.userEmail,
          e.role,
          e.action,
          e.merchantId,
          e.outcome,
          e.httpStatus,
          e.message,
          e.upstreamRequestId,
          e.operationId,
          e.idempotencyKey,
          e.ip,
          e.request,
          e.before,
          e.after,
        ]
          .map(csvCell)
          .join(","),
      );
      rows += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows < max);
  return { csv: `${lines.join("\r\n")}\r\n`, rows, truncated: Boolean(cursor) };
}

export const KNOWLEDGE_CSV_MAX_BYTES = 1024 * 1024;
export const knowledgeCsvBody = z.string().min(1, "is empty");

export async function importKnowledge(ctx: HandlerContext<unknown, unknown, string>): Promise<HandlerResult> {
  const result = await ctx.db.knowledge.importCsv(ctx.body);
  ctx.audit.after = { imported: result.imported, errors: result.errors.length };
  return { body: { data: result } };
}

export function summarizeCsv(body: string) {
  return { bytes: Buffer.byteLength(body), lines: body.split(/\r?\n/).filter((l) => l.trim() !== "").length };
}
