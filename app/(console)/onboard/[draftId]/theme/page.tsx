import type { Metadata } from "next";
import { ThemeStep } from "@/components/onboarding/theme-step";
import { loadStep } from "@/server/onboarding/page-data";

export const metadata: Metadata = { title: "Onboard a merchant: Theme" };

export default async function Page({ params }: { params: Promise<{ draftId: string }> }) {
  await loadStep((await params).draftId, "theme");
  return <ThemeStep />;
}
