import type { Metadata } from "next";
import { ReviewStep } from "@/components/onboarding/review-step";
import { loadStep } from "@/server/onboarding/page-data";

export const metadata: Metadata = { title: "Onboard a merchant: Review" };

export default async function Page({ params }: { params: Promise<{ draftId: string }> }) {
  await loadStep((await params).draftId, "review");
  return <ReviewStep />;
}
