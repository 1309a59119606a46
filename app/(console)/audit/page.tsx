import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { CursorPager } from "@/components/merchants/cursor-pager";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { nextPageHref, previousPageHref, readCursorState, type SearchParams } from "@/lib/api/paging";
import { loadAudit, parseSearch } from "@/server/api/page-data";
import { auditQuery } from "@/server/api/schemas";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";

export const metadata: Metadata = { title: "Audit log" };

const FILTERS = ["userEmail", "action", "merchantId", "outcome"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireSection("/audit");
  const sp = await searchParams;
  const state = readCursorState(sp);
  const { values, errors } = parseSearch(auditQuery, sp, FILTERS);
  const filters = {
    userEmail: values.userEmail?.trim().toLowerCase() || undefined,
    action: values.action?.trim() || undefined,
    merchantId: values.merchantId,
    outcome: values.outcome,
  };
  const typed = Object.fromEntries(FILTERS.map((k) => [k, typeof sp[k] === "string" ? (sp[k] as string) : undefined]));
  const result = await loadAudit(await getConsoleDb(), { ...filters, limit: 50, cursor: state.cursor });
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and every refused request, newest first. Entries are never edited or deleted."
      />
      <AuditFilters values={typed} errors={errors} />
      {!result.ok ? (
        <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
          <p className="font-semibold">The audit log could not be loaded.</p>
          <p className="mt-1">{result.message}</p>
        </div>
      ) : result.data.entries.length === 0 ? (
        <EmptyState title={filtered ? "No entries match" : "No entries yet"}>
          {filtered ? "No audit entry matches these filters." : "Sign-ins, changes and refused requests appear here."}
        </EmptyState>
      ) : (
        <AuditTable entries={result.data.entries} caption="Audit log entries, newest first" />
      )}
      <CursorPager
        label="Audit log pages"
        previous={previousPageHref("/audit", filters, state)}
        next={result.ok ? nextPageHref("/audit", filters, state, result.data.nextCursor) : null}
      />
    </>
  );
}
