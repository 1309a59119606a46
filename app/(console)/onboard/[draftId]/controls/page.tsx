import type { Metadata } from "next";
import { ControlsStep } from "@/components/onboarding/controls-step";
import { loadStep } from "@/server/onboarding/page-data";

export const metadata: Metadata = { title: "Onboard a merchant: Controls" };

export default async function Page({ params }: { params: Promise<{ draftId: string }> }) {
  await loadStep((await params).draftId, "controls");
  return <ControlsStep />;
}
