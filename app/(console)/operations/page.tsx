import type { Metadata } from "next";
import { CursorPager } from "@/components/merchants/cursor-pager";
import { FindOperation } from "@/components/operations/find-operation";
import { OperationFilters } from "@/components/operations/operation-filters";
import { OperationsTable } from "@/components/operations/operations-table";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { first, nextPageHref, previousPageHref, readCursorState, type SearchParams } from "@/lib/api/paging";
import { hasRole } from "@/lib/auth/roles";
import { journalQuery, trackerQuery } from "@/server/api/handlers/operations";
import { parseSearch } from "@/server/api/page-data";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";

export const metadata: Metadata = { title: "Operations" };

const FILTERS = ["status", "action", "merchantId", "user"] as const;

export default async function OperationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireSection("/operations");
  const sp = await searchParams;
  const state = readCursorState(sp);
  const { values, errors } = parseSearch(trackerQuery, sp, FILTERS);
  // Admins see everyone's by default; others their own, with the checkbox to see everyone's.
  const everyoneDefault = hasRole(user.role, "admin");
  const everyoneParam = first(sp.everyone);
  const everyone = everyoneParam === undefined ? everyoneDefault : everyoneParam === "1";
  const filters: Record<string, string | undefined> = {
    ...Object.fromEntries(FILTERS.map((k) => [k, values[k] as string | undefined])),
    everyone: everyoneParam,
  };
  const db = await getConsoleDb();
  const page = await db.journal
    .list(journalQuery({ ...values, mine: everyone ? "false" : "true", limit: 50, cursor: state.cursor }, user.id))
    .catch(() => null);
  const filtered = FILTERS.some((k) => values[k]);
  return (
    <>
      <PageHeader
        title="Operations"
        description="Every operation the console started upstream, newest first. Running ones update here as they progress."
      />
      <FindOperation />
      <OperationFilters everyoneDefault={everyoneDefault} errors={errors} />
      {!page ? (
        <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
          <p className="font-semibold">The operations could not be loaded.</p>
          <p className="mt-1">A page link may be out of date: open the newest operations again.</p>
        </div>
      ) : page.entries.length === 0 ? (
        <EmptyState title={filtered ? "No operations match" : "No operations yet"}>
          {filtered
            ? "No operation matches these filters."
            : everyone
              ? "Changes to merchants (controls, status, pages, themes, onboarding, deletions) appear here as soon as they are sent."
              : "You have not started any operation yet. Tick “Everyone's operations” to see the others'."}
        </EmptyState>
      ) : (
        <OperationsTable operations={page.entries} caption="Operations started by the console, newest first" />
      )}
      <CursorPager
        label="Operation pages"
        previous={previousPageHref("/operations", filters, state)}
        next={page ? nextPageHref("/operations", filters, state, page.nextCursor) : null}
      />
    </>
  );
}
