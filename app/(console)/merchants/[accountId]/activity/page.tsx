import type { Metadata } from "next";
import Link from "next/link";
import { ActivityAuditTable, ActivityOperationsTable } from "@/components/merchant-activity/activity-tables";
import { LoadError } from "@/components/merchant-status/load-error";
import { EmptyState } from "@/components/ui/empty-state";
import { canOpen } from "@/lib/auth/navigation";
import { loadAudit, loadOperations } from "@/server/api/page-data";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";

export const metadata: Metadata = { title: "Activity" };

const LIMIT = 50;

export default async function MerchantActivityPage({ params }: { params: Promise<{ accountId: string }> }) {
  const user = await requireSection("/merchants");
  const { accountId } = await params;
  const db = await getConsoleDb();
  const [audit, operations] = await Promise.all([
    loadAudit(db, { merchantId: accountId, limit: LIMIT }),
    loadOperations(db, { merchantId: accountId, limit: LIMIT }),
  ]);
  const q = `?merchantId=${encodeURIComponent(accountId)}`;
  const more = "text-sm text-accent underline underline-offset-2";
  return (
    <div className="space-y-8">
      <section aria-labelledby="activity-audit" className="space-y-3">
        <h2 id="activity-audit" className="text-base font-semibold">
          Audit entries
        </h2>
        {!audit.ok ? (
          <LoadError what="The audit entries" message={audit.message} />
        ) : audit.data.entries.length === 0 ? (
          <EmptyState title="No audit entries yet">
            Changes to this merchant and refused requests about it appear here, with who made them and why.
          </EmptyState>
        ) : (
          <>
            <ActivityAuditTable entries={audit.data.entries} />
            {audit.data.nextCursor && canOpen(user.role, "/audit") ? (
              <Link href={`/audit${q}`} className={more}>
                Older entries in the audit log
              </Link>
            ) : null}
          </>
        )}
      </section>
      <section aria-labelledby="activity-operations" className="space-y-3">
        <h2 id="activity-operations" className="text-base font-semibold">
          Operations
        </h2>
        {!operations.ok ? (
          <LoadError what="The operations" message={operations.message} />
        ) : operations.data.entries.length === 0 ? (
          <EmptyState title="No operations yet">
            Changes the console sends to the API for this merchant appear here as soon as they are sent.
          </EmptyState>
        ) : (
          <>
            <ActivityOperationsTable operations={operations.data.entries} />
            {operations.data.nextCursor ? (
              <Link href={`/operations${q}`} className={more}>
                Older operations
              </Link>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
