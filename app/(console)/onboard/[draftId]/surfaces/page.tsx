import type { Metadata } from "next";
import { SurfacesStep } from "@/components/onboarding/surfaces-step";
import { loadStep } from "@/server/onboarding/page-data";

export const metadata: Metadata = { title: "Onboard a merchant: Surfaces" };

export default async function Page({ params }: { params: Promise<{ draftId: string }> }) {
  await loadStep((await params).draftId, "surfaces");
  return <SurfacesStep />;
}
