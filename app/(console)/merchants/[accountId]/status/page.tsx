import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { surfaceLabel } from "@/components/merchant-pages/labels";
import { LoadError } from "@/components/merchant-status/load-error";
import { StatusPanel } from "@/components/merchant-status/status-panel";
import { MerchantDeletion } from "@/components/privacy/merchant-deletion";
import { hasRole } from "@/lib/auth/roles";
import { requireSection } from "@/server/auth";
import { loadMerchantHeader } from "@/server/merchant-page/header";
import { loadKnownPages } from "../pages/load";
import { loadStatus } from "./load";

export const metadata: Metadata = { title: "Status" };

export default async function MerchantStatusPage({ params }: { params: Promise<{ accountId: string }> }) {
  const user = await requireSection("/merchants");
  const { accountId } = await params;
  const [status, pages, header] = await Promise.all([
    loadStatus(accountId),
    loadKnownPages(accountId),
    loadMerchantHeader(accountId),
  ]);
  if (!status.ok && "missing" in status) notFound();
  if (!status.ok) return <LoadError what="The status" message={status.message} requestId={status.requestId} />;
  const pageNames = Object.fromEntries((pages ?? []).map((p) => [p.pageId, `${surfaceLabel(p.surface)} page`]));
  const deletable =
    hasRole(user.role, "admin") &&
    header.kind === "ok" &&
    header.externalId !== null &&
    status.data.status !== "deleted";
  return (
    <>
      <StatusPanel accountId={accountId} initial={status.data} pageNames={pageNames} />
      {deletable && header.kind === "ok" && header.externalId ? (
        <section aria-labelledby="danger-zone" className="mt-10 rounded-card border border-danger p-4">
          <h2 id="danger-zone" className="text-lg font-semibold text-danger">
            Danger zone
          </h2>
          <p className="mt-1 mb-4 max-w-prose text-sm text-fg-muted">
            Deleting a merchant&apos;s data archives its placements and empties its controls at Rokt. It cannot be
            undone, and is recorded in the privacy history.
          </p>
          <MerchantDeletion
            merchant={{
              accountId,
              externalAccountId: header.externalId,
              brand: header.brand,
              status: status.data.status,
            }}
          />
        </section>
      ) : null}
    </>
  );
}
