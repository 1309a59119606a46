import type { Metadata } from "next";
import { CursorPager } from "@/components/merchants/cursor-pager";
import { OperationsTable } from "@/components/operations/operations-table";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { nextPageHref, previousPageHref, readCursorState, type SearchParams } from "@/lib/api/paging";
import { loadOperations, parseSearch } from "@/server/api/page-data";
import { operationsQuery } from "@/server/api/schemas";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";

export const metadata: Metadata = { title: "Operations" };

export default async function OperationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireSection("/operations");
  const sp = await searchParams;
  const state = readCursorState(sp);
  const { values } = parseSearch(operationsQuery, sp, ["merchantId", "status"]);
  const filters = { merchantId: values.merchantId, status: values.status };
  const result = await loadOperations(await getConsoleDb(), { ...filters, limit: 50, cursor: state.cursor });
  const filtered = Boolean(filters.merchantId || filters.status);
  return (
    <>
      <PageHeader
        title="Operations"
        description="Every operation the console started upstream, newest first, with its last known status."
      />
      {!result.ok ? (
        <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
          <p className="font-semibold">The operations could not be loaded.</p>
          <p className="mt-1">{result.message}</p>
        </div>
      ) : result.data.entries.length === 0 ? (
        <EmptyState title={filtered ? "No operations match" : "No operations yet"}>
          {filtered
            ? "No operation matches these filters."
            : "Changes to merchants (controls, status, pages, themes, onboarding) appear here as soon as they are sent."}
        </EmptyState>
      ) : (
        <OperationsTable operations={result.data.entries} caption="Operations started by the console, newest first" />
      )}
      <CursorPager
        label="Operation pages"
        previous={previousPageHref("/operations", filters, state)}
        next={result.ok ? nextPageHref("/operations", filters, state, result.data.nextCursor) : null}
      />
    </>
  );
}
