import "server-only";
import type { Kysely, Selectable } from "kysely";
import type { Database, OperationsJournalTable } from "../schema";
import type { JournalEntry, JournalRepo } from "../types";
import { decodeCursor, encodeCursor, fromBool, nowIso, pageLimit, toBool } from "../util";

function toEntry(r: Selectable<OperationsJournalTable>): JournalEntry {
  return {
    operationId: r.operation_id,
    userId: r.user_id,
    userEmail: r.user_email,
    merchantId: r.merchant_id,
    action: r.action,
    operationType: r.operation_type,
    dryRun: toBool(r.dry_run),
    status: r.status,
    httpStatus: r.http_status,
    error: r.error,
    idempotencyKey: r.idempotency_key,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function journalRepo(db: Kysely<Database>): JournalRepo {
  return {
    async record(input) {
      const at = nowIso();
      // A second record of the same operation (a retry, a replay) changes nothing
      // it already knows; it may only fill what the first one did not know yet.
      await db
        .insertInto("operations_journal")
        .values({
          operation_id: input.operationId,
          user_id: input.userId ?? null,
          user_email: input.userEmail ?? null,
          merchant_id: input.merchantId ?? null,
          action: input.action,
          operation_type: input.operationType ?? null,
          dry_run: fromBool(input.dryRun),
          status: input.status,
          http_status: input.httpStatus ?? null,
          error: input.error ?? null,
          idempotency_key: input.idempotencyKey ?? null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc.column("operation_id").doUpdateSet((eb) => ({
            user_id: eb.fn.coalesce("operations_journal.user_id", "excluded.user_id"),
            user_email: eb.fn.coalesce("operations_journal.user_email", "excluded.user_email"),
            merchant_id: eb.fn.coalesce("operations_journal.merchant_id", "excluded.merchant_id"),
            operation_type: eb.fn.coalesce("operations_journal.operation_type", "excluded.operation_type"),
            http_status: eb.fn.coalesce("operations_journal.http_status", "excluded.http_status"),
            error: eb.fn.coalesce("operations_journal.error", "excluded.error"),
            idempotency_key: eb.fn.coalesce("operations_journal.idempotency_key", "excluded.idempotency_key"),
          })),
        )
        .execute();
    },

    async update(operationId, patch) {
      await db
        .updateTable("operations_journal")
        .set({
          status: patch.status,
          ...(patch.httpStatus !== undefined ? { http_status: patch.httpStatus } : {}),
          ...(patch.error !== undefined ? { error: patch.error } : {}),
          updated_at: nowIso(),
        })
        .where("operation_id", "=", operationId)
        .execute();
    },

    async get(operationId) {
      const r = await db
        .selectFrom("operations_journal")
        .selectAll()
        .where("operation_id", "=", operationId)
        .executeTakeFirst();
      return r && toEntry(r);
    },

    async list(q = {}) {
      const limit = pageLimit(q.limit);
      let query = db.selectFrom("operations_journal").selectAll();
      if (q.merchantId) query = query.where("merchant_id", "=", q.merchantId);
      if (q.userId) query = query.where("user_id", "=", q.userId);
      if (q.status) query = query.where("status", "=", q.status);
      if (q.statuses && q.statuses.length > 0) query = query.where("status", "in", q.statuses);
      if (q.userEmail) query = query.where("user_email", "=", q.userEmail.trim().toLowerCase());
      if (q.since) query = query.where("created_at", ">=", q.since);
      if (q.action && q.action.length > 0) {
        const prefixes = typeof q.action === "string" ? [q.action] : q.action;
        // substr instead of LIKE: same case-sensitive meaning on both dialects, no escaping of % and _.
        query = query.where((eb) =>
          eb.or(prefixes.map((p) => eb(eb.fn("substr", ["action", eb.val(1), eb.val(p.length)]), "=", p))),
        );
      }
      if (q.cursor) {
        const c = decodeCursor(q.cursor);
        query = query.where((eb) =>
          eb.or([eb("created_at", "<", c.at), eb.and([eb("created_at", "=", c.at), eb("operation_id", "<", c.id)])]),
        );
      }
      const rows = await query
        .orderBy("created_at", "desc")
        .orderBy("operation_id", "desc")
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        entries: page.map(toEntry),
        nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.operation_id) : null,
      };
    },
  };
}
