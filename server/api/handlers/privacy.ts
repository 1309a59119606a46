import "server-only";
import type { DataDeletionRequest, NetworkPrivacyRequest } from "@/lib/partnerships";
import { IDENTIFIER_TYPES } from "@/lib/partnerships/privacy";
import type { HandlerContext } from "../types";
import { upstreamOk } from "../types";

/** What the audit log keeps of a consumer privacy request: never the identifier itself. */
export function summarizePrivacyRequest(body: NetworkPrivacyRequest) {
  return { requestType: body.requestType, identifierType: IDENTIFIER_TYPES.find((k) => body[k] !== undefined) ?? null };
}

/**
 * No upstream key and no operation (SPEC §5.10): the console's intent table,
 * keyed by the browser's Idempotency-Key, is the only double-submission guard.
 */
export async function networkPrivacy(ctx: HandlerContext<unknown, { dry_run?: string }, NetworkPrivacyRequest>) {
  const client = await ctx.client();
  const result = await client.networkPrivacyRequest(ctx.body, { dryRun: ctx.dryRun, signal: ctx.request.signal });
  ctx.audit.after = { requestId: result.data.requestId, status: result.data.status };
  return upstreamOk(result);
}

export async function dataDeletion(
  ctx: HandlerContext<{ accountId: string }, { dry_run?: string }, DataDeletionRequest>,
) {
  const client = await ctx.client();
  const result = await client.requestDataDeletion(ctx.params.accountId, ctx.body, ctx.writeOptions());
  ctx.audit.after = result.data;
  return upstreamOk(result);
}
