import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { MerchantTabs } from "@/components/merchant/merchant-tabs";
import { MerchantStatusBadge } from "@/components/merchants/merchant-status-badge";
import { requireSection } from "@/server/auth";
import { loadMerchantHeader } from "@/server/merchant-page/header";

/** The merchant page: heading (the brand), identity, and one URL per section below the tabs. */
export default async function MerchantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ accountId: string }>;
}) {
  await requireSection("/merchants");
  const { accountId } = await params;
  const header = await loadMerchantHeader(accountId);
  if (header.kind === "missing") notFound();
  if (header.kind === "error") {
    return (
      <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
        <h1 className="text-lg font-semibold">Merchant {header.accountId} could not be loaded</h1>
        <p className="mt-1">{header.message}</p>
        {header.requestId ? (
          <p className="mt-1 font-mono text-xs text-fg-muted">Request id {header.requestId}</p>
        ) : null}
      </div>
    );
  }
  return (
    <>
      <div className="mb-4 space-y-1">
        <p className="text-sm">
          <Link href="/merchants" className="text-accent underline-offset-2 hover:underline">
            Merchants
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold text-fg">{header.brand}</h1>
          <MerchantStatusBadge status={header.status} />
        </div>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-fg-muted">
          <div className="flex gap-1">
            <dt>Account id</dt>
            <dd className="font-mono text-fg">{header.accountId}</dd>
          </div>
          {header.externalId ? (
            <div className="flex gap-1">
              <dt>External id</dt>
              <dd className="font-mono text-fg">{header.externalId}</dd>
            </div>
          ) : null}
          {header.country ? (
            <div className="flex gap-1">
              <dt>Country</dt>
              <dd className="text-fg">{header.country}</dd>
            </div>
          ) : null}
          {header.storeUrl ? (
            <div className="flex min-w-0 gap-1">
              <dt>Store</dt>
              <dd className="truncate text-fg">{header.storeUrl}</dd>
            </div>
          ) : null}
        </dl>
      </div>
      <MerchantTabs accountId={header.accountId} />
      {children}
    </>
  );
}
