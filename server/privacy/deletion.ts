import "server-only";
import { z } from "zod";
import { accountId } from "@/lib/partnerships/formats";
import { HttpError } from "@/server/api/http";
import type { HandlerContext, HandlerResult } from "@/server/api/types";
import { upstreamOk } from "@/server/api/types";
import { isUpstreamError, mapUpstreamError } from "@/server/api/upstream-errors";
import type { PrivacyRequestRow } from "@/server/db/types";
import { deletionApprovalRequired } from "./config";
import { findMerchant } from "./merchants";

/** The console's deletion request: the merchant, the reason, and the typed confirmation. */
export const deletionBody = z.strictObject({
  accountId,
  reason: z.string().trim().min(1, "give the reason").max(500, "must be at most 500 characters"),
  confirmExternalAccountId: z.string().max(256, "is too long"),
});
export type DeletionBody = z.infer<typeof deletionBody>;

export const requestParams = z.strictObject({ requestId: z.string().regex(/^[a-z0-9]{10,40}$/, "is not a valid id") });

/** Sends a recorded deletion upstream under this request's key, and keeps its operation with the record. */
async function send(
  ctx: HandlerContext<unknown, { dry_run?: string }, unknown>,
  row: PrivacyRequestRow,
  reason: string,
): Promise<HandlerResult> {
  const target = row.accountId ?? "";
  ctx.audit.merchantId = target;
  const client = await ctx.client();
  try {
    const result = await client.requestDataDeletion(target, { reason }, ctx.writeOptions({ merchantId: target }));
    await ctx.db.privacyRequests.update(row.id, {
      status: "submitted",
      upstreamRequestId: result.data.deletion_request_id,
      operationId: result.operationId ?? result.data.operation_id,
    });
    await ctx.db.merchants.setStatusLocal(target, "deleting").catch(() => false);
    ctx.audit.after = { ...result.data, historyId: row.id };
    return upstreamOk(result, { ...result.data, historyId: row.id, state: "submitted" });
  } catch (err) {
    const mapped = isUpstreamError(err) ? mapUpstreamError(err, { write: true, retrySafe: true }) : null;
    const operationId = mapped?.error.details.operationId ?? null;
    await ctx.db.privacyRequests.update(row.id, {
      // Unknown: a retry of the same intent resends the same key, which the API deduplicates.
      status: !mapped || mapped.outcomeUnknown ? "unknown" : "failed",
      error: mapped?.error.message ?? (err instanceof Error ? err.message : String(err)),
      ...(operationId ? { operationId } : {}),
    });
    throw err;
  }
}

/**
 * A merchant data deletion (SPEC §5.11) from the console's form: the typed
 * confirmation must be the merchant's external account id. With approval
 * configured it waits for a second admin; otherwise it is sent at once and
 * followed as a long-running operation.
 */
export async function requestDeletion(
  ctx: HandlerContext<unknown, { dry_run?: string }, DeletionBody>,
): Promise<HandlerResult> {
  const { body, db, user } = ctx;
  ctx.audit.merchantId = body.accountId;
  const merchant = await findMerchant(db, ctx.client, body.accountId);
  if (!merchant) throw new HttpError(404, "not_found", "There is no such merchant on this platform.");
  if (body.confirmExternalAccountId.trim() !== merchant.externalAccountId) {
    throw new HttpError(400, "validation_failed", "The confirmation does not match; nothing was sent.", {
      fields: {
        confirmExternalAccountId: `Type the merchant's external account ID, ${merchant.externalAccountId}, exactly to confirm.`,
      },
    });
  }
  ctx.audit.before = { status: merchant.status, externalAccountId: merchant.externalAccountId };
  if (ctx.dryRun) {
    const client = await ctx.client();
    const result = await client.requestDataDeletion(body.accountId, { reason: body.reason }, ctx.writeOptions());
    return upstreamOk(result);
  }
  const approval = deletionApprovalRequired();
  // A retry of this same intent (same key) after an unknown outcome continues its record.
  const retried =
    ctx.idempotencyKey && user ? await db.privacyRequests.findByKey(user.id, ctx.idempotencyKey) : undefined;
  if (retried?.status === "awaiting_approval")
    return { status: 202, body: { data: { historyId: retried.id, state: "awaiting_approval" } } };
  if (retried) return send(ctx, retried, body.reason);
  const row = await db.privacyRequests.create({
    kind: "merchant_deletion",
    requestType: "MERCHANT_DATA_DELETION",
    identifierType: "account",
    identifierMasked: merchant.externalAccountId,
    accountId: merchant.accountId,
    merchantLabel: `${merchant.brand} (${merchant.externalAccountId})`,
    reason: body.reason,
    status: approval ? "awaiting_approval" : "sending",
    submittedById: user?.id ?? null,
    submittedByEmail: user?.email ?? null,
    idempotencyKey: ctx.idempotencyKey,
  });
  if (approval) {
    ctx.audit.after = { status: "awaiting approval", historyId: row.id };
    return { status: 202, body: { data: { historyId: row.id, state: "awaiting_approval" } } };
  }
  return send(ctx, row, body.reason);
}

/** A second admin approves a waiting deletion; it is then sent under the approval's own key. */
export async function approveDeletion(
  ctx: HandlerContext<{ requestId: string }, { dry_run?: string }, undefined>,
): Promise<HandlerResult> {
  const row = await ctx.db.privacyRequests.get(ctx.params.requestId);
  if (row?.kind !== "merchant_deletion") throw new HttpError(404, "not_found", "There is no such deletion request.");
  ctx.audit.merchantId = row.accountId;
  if (row.submittedById && row.submittedById === ctx.user?.id) {
    throw new HttpError(403, "second_admin_required", "Another admin must approve a deletion you requested.");
  }
  // Of two admins approving at once, one claims it; the same approver retrying an unknown outcome resends it.
  const retry = row.status === "unknown" && row.approvedByEmail !== null && row.approvedByEmail === ctx.user?.email;
  const claimed =
    retry ||
    (await ctx.db.privacyRequests.update(
      row.id,
      { status: "sending", approvedByEmail: ctx.user?.email ?? null, approvedAt: new Date().toISOString() },
      ["awaiting_approval"],
    ));
  if (!claimed) throw new HttpError(422, "not_awaiting_approval", "This deletion is no longer awaiting approval.");
  return send(ctx, row, row.reason ?? "");
}
