import "server-only";
import type { Kysely } from "kysely";
import type { Database, PrivacyRequestsTable } from "../schema";
import type { PrivacyRequestRow, PrivacyRequestsRepo } from "../types";
import { decodeCursor, encodeCursor, newId, nowIso, pageLimit } from "../util";

type Row = PrivacyRequestsTable & { operation_status?: string | null };

function toRow(r: Row): PrivacyRequestRow {
  return {
    id: r.id,
    kind: r.kind === "merchant_deletion" ? "merchant_deletion" : "consumer",
    requestType: r.request_type,
    identifierType: r.identifier_type,
    identifierMasked: r.identifier_masked,
    fingerprint: r.fingerprint,
    accountId: r.account_id,
    merchantLabel: r.merchant_label,
    reason: r.reason,
    status: r.status,
    upstreamRequestId: r.upstream_request_id,
    operationId: r.operation_id,
    operationStatus: r.operation_status ?? null,
    idempotencyKey: r.idempotency_key,
    error: r.error,
    submittedById: r.submitted_by_id,
    submittedByEmail: r.submitted_by_email,
    approvedByEmail: r.approved_by_email,
    approvedAt: r.approved_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * The privacy history. A deletion's progress is its operation's, read from the
 * journal at query time (one source of truth, kept current by every status check).
 */
export function privacyRequestsRepo(db: Kysely<Database>): PrivacyRequestsRepo {
  const withOperation = () =>
    db
      .selectFrom("privacy_requests as p")
      .leftJoin("operations_journal as j", "j.operation_id", "p.operation_id")
      .selectAll("p")
      .select("j.status as operation_status");

  return {
    async create(input) {
      const at = nowIso();
      const row: PrivacyRequestsTable = {
        id: newId(),
        kind: input.kind,
        request_type: input.requestType,
        identifier_type: input.identifierType,
        identifier_masked: input.identifierMasked,
        fingerprint: input.fingerprint ?? null,
        account_id: input.accountId ?? null,
        merchant_label: input.merchantLabel ?? null,
        reason: input.reason ?? null,
        status: input.status,
        upstream_request_id: null,
        operation_id: null,
        idempotency_key: input.idempotencyKey ?? null,
        error: null,
        submitted_by_id: input.submittedById,
        submitted_by_email: input.submittedByEmail,
        approved_by_email: null,
        approved_at: null,
        created_at: at,
        updated_at: at,
      };
      await db.insertInto("privacy_requests").values(row).execute();
      return toRow(row);
    },

    async update(id, patch, from) {
      let q = db
        .updateTable("privacy_requests")
        .set({
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(patch.upstreamRequestId !== undefined ? { upstream_request_id: patch.upstreamRequestId } : {}),
          ...(patch.operationId !== undefined ? { operation_id: patch.operationId } : {}),
          ...(patch.error !== undefined ? { error: patch.error } : {}),
          ...(patch.approvedByEmail !== undefined ? { approved_by_email: patch.approvedByEmail } : {}),
          ...(patch.approvedAt !== undefined ? { approved_at: patch.approvedAt } : {}),
          updated_at: nowIso(),
        })
        .where("id", "=", id);
      // A conditional transition: of two admins approving at once, one wins.
      if (from) q = q.where("status", "in", [...from]);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async get(id) {
      const r = await withOperation().where("p.id", "=", id).executeTakeFirst();
      return r && toRow(r);
    },

    async findByKey(userId, key) {
      const r = await withOperation()
        .where("p.submitted_by_id", "=", userId)
        .where("p.idempotency_key", "=", key)
        .executeTakeFirst();
      return r && toRow(r);
    },

    async recentByFingerprint(fingerprint, sinceIso) {
      const rows = await withOperation()
        .where("p.fingerprint", "=", fingerprint)
        .where("p.created_at", ">=", sinceIso)
        .orderBy("p.created_at", "desc")
        .orderBy("p.id", "desc")
        .limit(50)
        .execute();
      return rows.map(toRow);
    },

    async list(q = {}) {
      const limit = pageLimit(q.limit);
      let query = withOperation();
      if (q.kind) query = query.where("p.kind", "=", q.kind);
      if (q.status) query = query.where("p.status", "=", q.status);
      if (q.cursor) {
        const c = decodeCursor(q.cursor);
        query = query.where((eb) =>
          eb.or([eb("p.created_at", "<", c.at), eb.and([eb("p.created_at", "=", c.at), eb("p.id", "<", c.id)])]),
        );
      }
      const rows = await query
        .orderBy("p.created_at", "desc")
        .orderBy("p.id", "desc")
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        entries: page.map(toRow),
        nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
      };
    },
  };
}
