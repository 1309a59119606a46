import "server-only";
import type { AccountStatus } from "@/lib/partnerships/accounts";
import type { ConsoleDb } from "@/server/db/types";
import type { PartnershipsClient } from "@/server/partnerships/types";

/** A merchant as the deletion form offers it. */
export interface MerchantChoice {
  accountId: string;
  externalAccountId: string;
  brand: string;
  status: AccountStatus;
}

/** Upstream pages read at most when the index cannot answer (200 accounts each). */
const MAX_PAGES = 25;

async function* upstreamAccounts(client: PartnershipsClient, signal?: AbortSignal) {
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await client.listAccounts({ limit: 200, cursor }, { signal });
    for (const a of page.data.accounts)
      yield {
        accountId: a.account_id,
        externalAccountId: a.external_account_id,
        brand: a.brand,
        status: a.status,
      } satisfies MerchantChoice;
    if (!page.data.next_cursor) return;
    cursor = page.data.next_cursor;
  }
}

function matches(m: MerchantChoice, q: string): boolean {
  const needle = q.trim().toLowerCase();
  return (
    needle === "" ||
    m.brand.toLowerCase().includes(needle) ||
    m.externalAccountId.toLowerCase().includes(needle) ||
    m.accountId.startsWith(needle)
  );
}

/**
 * Merchants whose brand or external id matches: from the console's merchant
 * index when it has been filled, else by reading the upstream list (the API
 * has no search).
 */
export async function searchMerchants(
  db: ConsoleDb,
  client: () => Promise<PartnershipsClient>,
  q: string,
  limit = 20,
  signal?: AbortSignal,
): Promise<MerchantChoice[]> {
  if ((await db.merchants.count()) > 0) {
    const { rows } = await db.merchants.search({ q: q.trim() || undefined, limit, sort: "brand" });
    if (rows.length > 0 || q.trim() !== "") {
      return rows.map((r) => ({
        accountId: r.accountId,
        externalAccountId: r.externalAccountId,
        brand: r.brand,
        status: r.status,
      }));
    }
  }
  const out: MerchantChoice[] = [];
  for await (const m of upstreamAccounts(await client(), signal)) {
    if (matches(m, q)) out.push(m);
    if (out.length >= limit) break;
  }
  return out;
}

/** The merchant with this account id, or undefined when it is unknown or not this platform's. */
export async function findMerchant(
  db: ConsoleDb,
  client: () => Promise<PartnershipsClient>,
  accountId: string,
): Promise<MerchantChoice | undefined> {
  const indexed = await db.merchants.get(accountId);
  if (indexed)
    return {
      accountId: indexed.accountId,
      externalAccountId: indexed.externalAccountId,
      brand: indexed.brand,
      status: indexed.status,
    };
  for await (const m of upstreamAccounts(await client())) if (m.accountId === accountId) return m;
  return undefined;
}
