import type { Metadata } from "next";
import { PagesPanel } from "@/components/merchant-pages/pages-panel";
import { LoadError } from "@/components/merchant-status/load-error";
import { requireSection } from "@/server/auth";
import { loadKnownPages } from "./load";

export const metadata: Metadata = { title: "Pages" };

export default async function MerchantPagesPage({ params }: { params: Promise<{ accountId: string }> }) {
  await requireSection("/merchants");
  const { accountId } = await params;
  const pages = await loadKnownPages(accountId);
  if (!pages)
    return <LoadError what="The merchant's pages" message="The console database could not be read. Try again." />;
  return (
    <PagesPanel
      accountId={accountId}
      initialPages={pages.map((p) => ({
        pageId: p.pageId,
        surface: p.surface,
        layoutId: p.layoutId,
        layoutType: p.layoutType,
        pageIdentifier: p.pageIdentifier,
      }))}
    />
  );
}
