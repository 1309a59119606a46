import "server-only";
import type { MerchantListItem, MerchantListPage, MerchantSearch } from "@/lib/merchants/query";
import type { ConsoleDb, IndexedMerchant } from "@/server/db/types";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { getPartnerTaxonomy } from "@/server/taxonomy";
import { ensureMerchantIndex, syncInfo } from "./index";

/** The merchant list's data, for the API route and the server page alike. */

export type VerticalNames = ReadonlyMap<number, string>;

/** The partner's vertical names; an unreadable taxonomy shows ids instead of failing the list. */
export async function verticalNames(db?: ConsoleDb): Promise<VerticalNames> {
  try {
    return (await getPartnerTaxonomy(db)).verticalNames;
  } catch (err) {
    console.warn("partner taxonomy unavailable:", err instanceof Error ? err.message : err);
    return new Map();
  }
}

export function toListItem(m: IndexedMerchant, names: VerticalNames): MerchantListItem {
  return { ...m, verticalName: names.get(m.verticalId) ?? null };
}

export async function loadMerchantPage(
  db: ConsoleDb,
  getClient: () => Promise<PartnershipsClient>,
  search: MerchantSearch,
): Promise<MerchantListPage> {
  const [state, names] = await Promise.all([ensureMerchantIndex(db, getClient), verticalNames(db)]);
  const { rows, total } = await db.merchants.search({
    q: search.q,
    status: search.status,
    country: search.country,
    vertical: search.vertical,
    sort: search.sort,
    dir: search.dir,
    offset: (search.page - 1) * search.pageSize,
    limit: search.pageSize,
  });
  return {
    merchants: rows.map((m) => toListItem(m, names)),
    total,
    page: search.page,
    pageSize: search.pageSize,
    pages: Math.max(1, Math.ceil(total / search.pageSize)),
    sync: syncInfo(state),
  };
}
