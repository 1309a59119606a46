import type { Metadata } from "next";
import { CursorPager } from "@/components/merchants/cursor-pager";
import { MerchantTable } from "@/components/merchants/merchant-table";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { nextPageHref, previousPageHref, readCursorState, type SearchParams } from "@/lib/api/paging";
import { loadMerchants, parseSearch } from "@/server/api/page-data";
import { pageQuery } from "@/server/api/schemas";
import { requireSection } from "@/server/auth";
import { getPartnershipsClient } from "@/server/partnerships";

export const metadata: Metadata = { title: "Merchants" };

const PAGE_SIZE = 25;

export default async function MerchantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireSection("/merchants");
  const sp = await searchParams;
  const state = readCursorState(sp);
  const { values } = parseSearch(pageQuery, sp, ["limit"]);
  const limit = values.limit ?? PAGE_SIZE;
  const filters = { limit: values.limit ? String(values.limit) : undefined };
  const result = await loadMerchants(getPartnershipsClient(), { limit, cursor: state.cursor });
  return (
    <>
      <PageHeader
        title="Merchants"
        description="The merchants your platform manages, in the order they were registered."
      />
      {!result.ok ? (
        <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
          <p className="font-semibold">The merchant list could not be loaded.</p>
          <p className="mt-1">{result.message}</p>
          {result.requestId ? (
            <p className="mt-1 font-mono text-xs text-fg-muted">Request id {result.requestId}</p>
          ) : null}
        </div>
      ) : result.data.accounts.length === 0 ? (
        <EmptyState title={state.cursor ? "No more merchants" : "No merchants yet"}>
          {state.cursor
            ? "This is past the last page of merchants."
            : "Merchants appear here once your platform registers them."}
        </EmptyState>
      ) : (
        <MerchantTable merchants={result.data.accounts} caption="Merchants managed by your platform" />
      )}
      <CursorPager
        label="Merchant pages"
        previous={previousPageHref("/merchants", filters, state)}
        next={result.ok ? nextPageHref("/merchants", filters, state, result.data.nextCursor) : null}
      />
    </>
  );
}
