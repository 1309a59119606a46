import type { Metadata } from "next";
import { ApprovalList } from "@/components/privacy/approval-list";
import { MerchantDeletion } from "@/components/privacy/merchant-deletion";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";
import { deletionApprovalRequired } from "@/server/privacy/config";

export const metadata: Metadata = { title: "Merchant data deletion · Privacy" };

export default async function DeletionPage() {
  const user = await requireSection("/privacy");
  const db = await getConsoleDb();
  const waiting = (await db.privacyRequests.list({ kind: "merchant_deletion", status: "awaiting_approval", limit: 50 }))
    .entries;
  const approval = deletionApprovalRequired();
  return (
    <section aria-labelledby="deletion-heading" className="space-y-6">
      <div>
        <h2 id="deletion-heading" className="text-lg font-semibold">
          Merchant data deletion
        </h2>
        <p className="mt-1 max-w-prose text-sm text-fg-muted">
          Deletes all of a merchant&apos;s data at Rokt: its placements are archived and its controls emptied. It cannot
          be undone.
          {approval ? " Each deletion waits for a second admin's approval." : ""}
        </p>
      </div>
      {waiting.length > 0 ? (
        <ApprovalList
          userId={user.id}
          rows={waiting.map((r) => ({
            id: r.id,
            label: r.merchantLabel ?? r.accountId ?? r.id,
            reason: r.reason ?? "",
            submittedById: r.submittedById,
            submittedByEmail: r.submittedByEmail,
            createdAt: r.createdAt,
          }))}
        />
      ) : null}
      <MerchantDeletion />
    </section>
  );
}
