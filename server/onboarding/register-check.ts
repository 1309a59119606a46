import "server-only";
import { randomUUID } from "node:crypto";
import type { RegisterRequest } from "@/lib/partnerships/accounts";
import { isAccountInaccessible } from "@/server/partnerships/errors";
import type { ApiResult, PartnershipsClient } from "@/server/partnerships/types";

/**
 * Does this external account id already belong to a merchant? Register answers
 * 200 both when it creates and when it finds the same external id with the
 * same store (SPEC §5.1), so the answer alone cannot tell. A dry run names the
 * account it would return: an existing account is readable (its status), while
 * the fresh id of a would-be account is unknown upstream (403, or 404).
 * Errors of the dry run (409 other store, 400, 5xx) are thrown as they are.
 */
export async function findExistingRegistration(
  client: PartnershipsClient,
  body: RegisterRequest,
  opts: { idempotencyKey?: string; onOperationId?: (id: string) => void | Promise<void> } = {},
): Promise<{ dryRun: ApiResult<{ account_id: string }>; existingAccountId: string | null }> {
  const dryRun = await client.register(body, {
    // Its own key: never the one of the live register (SPEC §9).
    idempotencyKey: opts.idempotencyKey ?? randomUUID(),
    dryRun: true,
    onOperationId: opts.onOperationId,
  });
  try {
    await client.getStatus(dryRun.data.account_id);
    return { dryRun, existingAccountId: dryRun.data.account_id };
  } catch (err) {
    if (isAccountInaccessible(err)) return { dryRun, existingAccountId: null };
    throw err;
  }
}
