import type { Metadata } from "next";
import { MerchantList } from "@/components/merchants/merchant-list";
import { PageHeader } from "@/components/shell/page-header";
import { readSearch, searchToQueryString } from "@/lib/merchants/query";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";
import { loadMerchantPage } from "@/server/merchants/list";
import { getPartnershipsClient } from "@/server/partnerships";
import { getPartnerTaxonomy } from "@/server/taxonomy";

export const metadata: Metadata = { title: "Merchants" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The merchant list: the server renders the first page of the URL's view; the list takes over from there. */
export default async function MerchantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireSection("/merchants");
  const search = readSearch(await searchParams);
  const db = await getConsoleDb();
  const [page, taxonomy, countries, templates] = await Promise.all([
    loadMerchantPage(db, async () => getPartnershipsClient(), search).then(
      (p) => ({ ok: true as const, page: p }),
      (err: unknown) => {
        console.error("merchant list failed:", err instanceof Error ? err.message : err);
        return { ok: false as const, message: "The console could not read its merchant index. Try again." };
      },
    ),
    getPartnerTaxonomy().catch(() => null),
    db.merchants.countries().catch(() => [] as string[]),
    // Controls templates (Settings) for the bulk block/unblock dialog's "Start from template".
    db.templates.list().catch(() => []),
  ]);
  const verticals = (taxonomy?.tree ?? [])
    .map((v) => ({ value: String(v.id), label: v.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <>
      <PageHeader
        title="Merchants"
        description="Every merchant your platform manages, searchable. The list is the console's copy of the API's accounts, synced in the background."
      />
      <MerchantList
        initial={page.ok ? page.page : null}
        initialQuery={searchToQueryString(search)}
        initialError={page.ok ? null : page.message}
        verticals={verticals}
        countries={countries}
        bulk={{
          taxonomy: taxonomy?.tree ?? [],
          templates: templates.map((t) => ({ id: t.id, name: t.name, blocked: t.blocked, domainsText: t.domainsText })),
        }}
      />
    </>
  );
}
