import "server-only";
import { z } from "zod";
import type { DataDeletionRequest } from "@/lib/partnerships";
import { deletionApprovalRequired } from "@/server/privacy/config";
import { type ConsumerQuery, submitConsumerRequest, summarizeConsumerRequest } from "@/server/privacy/consumer";
import { requestDeletion } from "@/server/privacy/deletion";
import { findMerchant, searchMerchants } from "@/server/privacy/merchants";
import { HttpError } from "../http";
import type { HandlerContext, HandlerResult } from "../types";
import { upstreamOk } from "../types";

export { approveDeletion, deletionBody, requestDeletion, requestParams } from "@/server/privacy/deletion";

/** What the audit log keeps of a consumer privacy request: the type and the masked identifier. */
export const summarizePrivacyRequest = summarizeConsumerRequest;

export const privacyQuery = z.strictObject({
  dry_run: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
  confirm_duplicate: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
});

export const historyQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().min(1).max(1024).optional(),
  kind: z.enum(["consumer", "merchant_deletion"]).optional(),
});

export const merchantSearchQuery = z.strictObject({ q: z.string().max(120, "is too long").optional() });

/** SPEC §5.10, guarded by the console (server/privacy/consumer.ts). */
export function networkPrivacy(ctx: HandlerContext<unknown, ConsumerQuery, never>) {
  return submitConsumerRequest(ctx as Parameters<typeof submitConsumerRequest>[0]);
}

/** The raw deletion route: the same approval rule as the form, and a record in the history. */
export async function dataDeletion(
  ctx: HandlerContext<{ accountId: string }, { dry_run?: string }, DataDeletionRequest>,
) {
  if (!ctx.dryRun && deletionApprovalRequired()) {
    throw new HttpError(
      403,
      "approval_required",
      "Deletions need a second admin's approval here: request it from Privacy → Merchant data deletion.",
    );
  }
  if (ctx.dryRun) {
    const client = await ctx.client();
    return upstreamOk(await client.requestDataDeletion(ctx.params.accountId, ctx.body, ctx.writeOptions()));
  }
  const merchant = await findMerchant(ctx.db, ctx.client, ctx.params.accountId);
  if (!merchant) throw new HttpError(404, "not_found", "There is no such merchant on this platform.");
  return requestDeletion({
    ...ctx,
    body: {
      accountId: merchant.accountId,
      reason: ctx.body.reason,
      confirmExternalAccountId: merchant.externalAccountId,
    },
  } as unknown as Parameters<typeof requestDeletion>[0]);
}

export async function listPrivacyRequests(
  ctx: HandlerContext<unknown, z.infer<typeof historyQuery>, undefined>,
): Promise<HandlerResult> {
  const page = await ctx.db.privacyRequests.list(ctx.query);
  // The fingerprint is for duplicate detection only; the idempotency key is the requester's.
  const entries = page.entries.map(({ fingerprint: _f, idempotencyKey: _k, ...rest }) => rest);
  return { body: { data: { entries, nextCursor: page.nextCursor } } };
}

export async function searchDeletionMerchants(
  ctx: HandlerContext<unknown, z.infer<typeof merchantSearchQuery>, undefined>,
): Promise<HandlerResult> {
  const merchants = await searchMerchants(ctx.db, ctx.client, ctx.query.q ?? "", 20, ctx.request.signal);
  return { body: { data: { merchants } } };
}
