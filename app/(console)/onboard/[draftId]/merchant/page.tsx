import type { Metadata } from "next";
import { MerchantStep } from "@/components/onboarding/merchant-step";
import { loadStep } from "@/server/onboarding/page-data";

export const metadata: Metadata = { title: "Onboard a merchant: Merchant" };

export default async function Page({ params }: { params: Promise<{ draftId: string }> }) {
  await loadStep((await params).draftId, "merchant");
  return <MerchantStep />;
}
