import type { Metadata } from "next";
import { GoLiveStep } from "@/components/onboarding/go-live-step";
import { loadStep } from "@/server/onboarding/page-data";

export const metadata: Metadata = { title: "Onboard a merchant: Go live" };

export default async function Page({ params }: { params: Promise<{ draftId: string }> }) {
  const { run } = await loadStep((await params).draftId, "go-live");
  return <GoLiveStep initialRun={run} />;
}
