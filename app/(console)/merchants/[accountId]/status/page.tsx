import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { surfaceLabel } from "@/components/merchant-pages/labels";
import { LoadError } from "@/components/merchant-status/load-error";
import { StatusPanel } from "@/components/merchant-status/status-panel";
import { requireSection } from "@/server/auth";
import { loadKnownPages } from "../pages/load";
import { loadStatus } from "./load";

export const metadata: Metadata = { title: "Status" };

export default async function MerchantStatusPage({ params }: { params: Promise<{ accountId: string }> }) {
  await requireSection("/merchants");
  const { accountId } = await params;
  const [status, pages] = await Promise.all([loadStatus(accountId), loadKnownPages(accountId)]);
  if (!status.ok && "missing" in status) notFound();
  if (!status.ok) return <LoadError what="The status" message={status.message} requestId={status.requestId} />;
  const pageNames = Object.fromEntries((pages ?? []).map((p) => [p.pageId, `${surfaceLabel(p.surface)} page`]));
  return <StatusPanel accountId={accountId} initial={status.data} pageNames={pageNames} />;
}
