import type { Metadata } from "next";
import { ControlsEditor } from "@/components/controls/controls-editor";
import { requireSection } from "@/server/auth";
import { getPartnerTaxonomy } from "@/server/taxonomy";

export const metadata: Metadata = { title: "Controls" };

/** The merchant page's default section: marketplace controls (the layout gives heading and tabs). */
export default async function MerchantControlsPage({ params }: { params: Promise<{ accountId: string }> }) {
  await requireSection("/merchants");
  const { accountId } = await params;
  const { tree } = await getPartnerTaxonomy();
  return <ControlsEditor accountId={accountId} taxonomy={tree} />;
}
