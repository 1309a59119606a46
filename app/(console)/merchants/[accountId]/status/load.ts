import "server-only";
import type { AccountStatusView } from "@/lib/partnerships/status";
import type { Loaded } from "@/server/api/page-data";
import { isUpstreamError, mapUpstreamError } from "@/server/api/upstream-errors";
import { getPartnershipsClient, isAccountInaccessible } from "@/server/partnerships";

/** The account's status and page variants (§5.5); "missing" when the account is unknown or not the platform's. */
export async function loadStatus(accountId: string): Promise<Loaded<AccountStatusView> | { ok: false; missing: true }> {
  try {
    return { ok: true, data: (await getPartnershipsClient().getStatus(accountId)).data };
  } catch (err) {
    if (isAccountInaccessible(err)) return { ok: false, missing: true };
    if (isUpstreamError(err)) {
      const mapped = mapUpstreamError(err, { write: false, retrySafe: true }).error;
      return { ok: false, message: mapped.message, requestId: mapped.details.requestId ?? null };
    }
    console.error("merchant status: read failed:", err instanceof Error ? err.message : err);
    return { ok: false, message: "The status could not be loaded. Try again.", requestId: null };
  }
}
