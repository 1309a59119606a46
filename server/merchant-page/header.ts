import "server-only";
import { cache } from "react";
import type { AccountStatus } from "@/lib/partnerships/accounts";
import { accountId as accountIdFormat } from "@/lib/partnerships/formats";
import { isUpstreamError, mapUpstreamError } from "@/server/api/upstream-errors";
import { getConsoleDb } from "@/server/db";
import { ensureMerchantIndex } from "@/server/merchants";
import { getPartnershipsClient, isAccountInaccessible } from "@/server/partnerships";

/**
 * What every section of the merchant page shows above its tabs. There is no
 * single-account read in the API: whether the account is the partner's (and
 * its live status) comes from the status read, the identity from the
 * console's merchant index. Cached per request, so the layout and the section
 * page share one upstream read.
 */
export type MerchantHeader =
  | {
      kind: "ok";
      accountId: string;
      brand: string;
      externalId: string | null;
      storeUrl: string | null;
      country: string | null;
      status: AccountStatus;
    }
  | { kind: "missing" }
  | { kind: "error"; accountId: string; message: string; requestId: string | null };

interface IndexedIdentity {
  brand: string;
  externalId: string | null;
  storeUrl: string | null;
  country: string | null;
}

async function identityFromIndex(accountId: string): Promise<IndexedIdentity | null> {
  try {
    const db = await getConsoleDb();
    let row = await db.merchants.get(accountId);
    if (!row) {
      // Opened by URL before the index has this merchant (first use): let a first sync fill it in.
      const state = await ensureMerchantIndex(db, async () => getPartnershipsClient(), { waitMs: 3000 });
      if (state.okAt) row = await db.merchants.get(accountId);
    }
    if (!row) return null;
    return {
      brand: row.brand,
      externalId: row.externalAccountId,
      storeUrl: row.storeIdentifier,
      country: row.countryCode,
    };
  } catch (err) {
    console.error("merchant header: index read failed:", err instanceof Error ? err.message : err);
    return null;
  }
}

export const loadMerchantHeader = cache(async (rawAccountId: string): Promise<MerchantHeader> => {
  const parsed = accountIdFormat.safeParse(rawAccountId);
  if (!parsed.success) return { kind: "missing" };
  const accountId = parsed.data;
  const [status, identity] = await Promise.all([
    getPartnershipsClient()
      .getStatus(accountId)
      .then((r) => ({ ok: true as const, status: r.data.status }))
      .catch((err: unknown) => ({ ok: false as const, err })),
    identityFromIndex(accountId),
  ]);
  if (!status.ok) {
    if (isAccountInaccessible(status.err)) return { kind: "missing" };
    if (isUpstreamError(status.err)) {
      const mapped = mapUpstreamError(status.err, { write: false, retrySafe: true }).error;
      return { kind: "error", accountId, message: mapped.message, requestId: mapped.details.requestId ?? null };
    }
    console.error(
      "merchant header: status read failed:",
      status.err instanceof Error ? status.err.message : status.err,
    );
    return { kind: "error", accountId, message: "The merchant could not be loaded. Try again.", requestId: null };
  }
  return {
    kind: "ok",
    accountId,
    brand: identity?.brand ?? `Merchant ${accountId}`,
    externalId: identity?.externalId ?? null,
    storeUrl: identity?.storeUrl ?? null,
    country: identity?.country ?? null,
    status: status.status,
  };
});
