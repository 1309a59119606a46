import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { CursorPager } from "@/components/merchants/cursor-pager";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { nextPageHref, previousPageHref, readCursorState, type SearchParams } from "@/lib/api/paging";
import { auditFilterQuery, auditQueryOf } from "@/server/api/handlers/admin";
import { parseSearch } from "@/server/api/page-data";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";

export const metadata: Metadata = { title: "Audit log" };

const FILTERS = ["user", "merchantId", "action", "outcome", "from", "to"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireSection("/audit");
  const sp = await searchParams;
  const state = readCursorState(sp);
  const { values, errors } = parseSearch(auditFilterQuery, sp, FILTERS);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, values[k] as string | undefined]));
  const db = await getConsoleDb();
  const page = await db.audit.list({ ...auditQueryOf(values), limit: 50, cursor: state.cursor }).catch(() => null);
  const filtered = FILTERS.some((k) => values[k]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and every refused request, newest first. Entries are never edited or deleted."
      />
      <AuditFilters errors={errors} />
      {!page ? (
        <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
          <p className="font-semibold">The audit log could not be loaded.</p>
          <p className="mt-1">A page link may be out of date: clear the filters and start from the newest entries.</p>
        </div>
      ) : page.entries.length === 0 ? (
        <EmptyState title={filtered ? "No entries match" : "No entries yet"}>
          {filtered ? "No audit entry matches these filters." : "Sign-ins, changes and refused requests appear here."}
        </EmptyState>
      ) : (
        <AuditTable entries={page.entries} caption="Audit log entries, newest first" />
      )}
      <CursorPager
        label="Audit log pages"
        previous={previousPageHref("/audit", filters, state)}
        next={page ? nextPageHref("/audit", filters, state, page.nextCursor) : null}
      />
    </>
  );
}
