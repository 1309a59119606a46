import type { Metadata } from "next";
import { CursorPager } from "@/components/merchants/cursor-pager";
import { HistoryTable } from "@/components/privacy/history-table";
import { EmptyState } from "@/components/ui/empty-state";
import { nextPageHref, previousPageHref, readCursorState, type SearchParams } from "@/lib/api/paging";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";

export const metadata: Metadata = { title: "History · Privacy" };

export default async function PrivacyHistoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireSection("/privacy");
  const state = readCursorState(await searchParams);
  const db = await getConsoleDb();
  const page = await db.privacyRequests.list({ limit: 50, cursor: state.cursor }).catch(() => null);
  if (!page)
    return (
      <p role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
        The history could not be loaded (a bad page link, or the database is unreachable).{" "}
        <a href="/privacy/history" className="text-accent underline">
          Start from the newest requests
        </a>
        .
      </p>
    );
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" className="mb-4 text-lg font-semibold">
        History
      </h2>
      {page.entries.length === 0 ? (
        <EmptyState title="No privacy requests yet">
          Consumer requests and merchant data deletions appear here, with who sent them and what became of them.
        </EmptyState>
      ) : (
        <HistoryTable rows={page.entries} now={new Date()} />
      )}
      <CursorPager
        label="History pages"
        previous={previousPageHref("/privacy/history", {}, state)}
        next={nextPageHref("/privacy/history", {}, state, page.nextCursor)}
      />
    </section>
  );
}
