import "server-only";
import type { Kysely, Selectable } from "kysely";
import { isRole } from "@/lib/auth/roles";
import type { AuditLogTable, Database } from "../schema";
import type { AuditEntry, AuditOutcome, AuditRepo } from "../types";
import { decodeCursor, encodeCursor, fromJsonText, newId, nowIso, pageLimit, toJsonText } from "../util";

const OUTCOMES: readonly AuditOutcome[] = ["success", "failure", "denied", "error"];

function toEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    userEmail: r.user_email,
    role: r.role !== null && isRole(r.role) ? r.role : null,
    action: r.action,
    merchantId: r.merchant_id,
    request: fromJsonText(r.request_json),
    before: fromJsonText(r.before_json),
    after: fromJsonText(r.after_json),
    outcome: (OUTCOMES as readonly string[]).includes(r.outcome) ? (r.outcome as AuditOutcome) : "error",
    httpStatus: r.http_status,
    message: r.message,
    upstreamRequestId: r.upstream_request_id,
    operationId: r.operation_id,
    idempotencyKey: r.idempotency_key,
    ip: r.ip,
    userAgent: r.user_agent,
  };
}

/**
 * Append-only by construction: this module has an insert and a select and
 * nothing else, and the database's triggers refuse UPDATE and DELETE anyway.
 */
export function auditRepo(db: Kysely<Database>): AuditRepo {
  return {
    async append(e) {
      const row: Selectable<AuditLogTable> = {
        id: newId(),
        at: nowIso(),
        user_id: e.userId ?? null,
        user_email: e.userEmail ? e.userEmail.trim().toLowerCase() : null,
        role: e.role ?? null,
        action: e.action,
        merchant_id: e.merchantId ?? null,
        request_json: toJsonText(e.request),
        before_json: toJsonText(e.before),
        after_json: toJsonText(e.after),
        outcome: e.outcome,
        http_status: e.httpStatus ?? null,
        message: e.message ?? null,
        upstream_request_id: e.upstreamRequestId ?? null,
        operation_id: e.operationId ?? null,
        idempotency_key: e.idempotencyKey ?? null,
        ip: e.ip ?? null,
        user_agent: e.userAgent ?? null,
      };
      await db.insertInto("audit_log").values(row).execute();
      return toEntry(row);
    },

    async activity(sinceIso, max = 5000) {
      const rows = await db
        .selectFrom("audit_log")
        .select(["at", "action", "outcome"])
        .where("at", ">=", sinceIso)
        .orderBy("at", "desc")
        .limit(Math.min(20_000, Math.max(1, max)))
        .execute();
      return rows.map((r) => ({
        at: r.at,
        action: r.action,
        outcome: (OUTCOMES as readonly string[]).includes(r.outcome) ? (r.outcome as AuditOutcome) : "error",
      }));
    },

    async list(q = {}) {
      const limit = pageLimit(q.limit);
      let query = db.selectFrom("audit_log").selectAll();
      if (q.userEmail) query = query.where("user_email", "=", q.userEmail.trim().toLowerCase());
      if (q.action && q.action.length > 0) {
        const prefixes = typeof q.action === "string" ? [q.action] : q.action;
        // substr instead of LIKE: same case-sensitive meaning on both dialects, no escaping of % and _.
        query = query.where((eb) =>
          eb.or(prefixes.map((p) => eb(eb.fn("substr", ["action", eb.val(1), eb.val(p.length)]), "=", p))),
        );
      }
      if (q.merchantId) query = query.where("merchant_id", "=", q.merchantId);
      if (q.outcome) query = query.where("outcome", "=", q.outcome);
      if (q.operationId) query = query.where("operation_id", "=", q.operationId);
      if (q.from) query = query.where("at", ">=", q.from);
      if (q.to) query = query.where("at", "<=", q.to);
      if (q.cursor) {
        const c = decodeCursor(q.cursor);
        query = query.where((eb) => eb.or([eb("at", "<", c.at), eb.and([eb("at", "=", c.at), eb("id", "<", c.id)])]));
      }
      const rows = await query
        .orderBy("at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        entries: page.map(toEntry),
        nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null,
      };
    },
  };
}
